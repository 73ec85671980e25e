/**
 * The quick fixes of the rules that stand for hadolint's are offered only where they keep what the
 * build does (the before/after pairs in test/fixtures/fixes/ show where they are): each case here
 * fires the rule and must get no fix other than suppressing it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, codeActions } from '../../server/src/core';

/** The titles of the fixes (suppressions left out) offered on each finding of the rule. */
function fixTitles(text: string, ruleId: string): string[][] {
  const analysis = analyze(text);
  const findings = analysis.findings.filter((f) => f.ruleId === ruleId);
  assert.ok(findings.length > 0, `no ${ruleId} finding in:\n${text}`);
  return findings.map((f) =>
    codeActions(analysis, f.range)
      .filter((a) => a.kind === 'quickfix' && !a.id.startsWith('suppress') && (a.fixes ?? []).includes(f))
      .map((a) => a.title),
  );
}

describe('hadolint-peer quick fixes offered only where safe', () => {
  test('ADD with a flag COPY lacks stays ADD', () => {
    const text = 'FROM alpine:3.20\nWORKDIR /src\nADD --keep-git-dir=true ./tools /opt/tools\nUSER nobody\n';
    assert.deepEqual(fixTitles(text, 'add-for-local-files'), [[]]);
  });

  test('apt with a subcommand neither apt-get nor apt-cache has gets no rename', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt list --installed > /packages.txt\nUSER nobody\n';
    assert.deepEqual(fixTitles(text, 'apt-instead-of-apt-get'), [[]]);
  });

  test('no SHELL is inserted where the image may lack the shell or a SHELL is set already', () => {
    for (const base of ['gcr.io/distroless/base-debian12:debug', 'busybox:1.36', 'myorg/base:1.0', 'redhat/ubi9:9.4']) {
      const text = `FROM ${base}\nRUN wget -qO- https://example.com/x.sh | sh\nUSER nobody\n`;
      assert.deepEqual(fixTitles(text, 'pipe-without-pipefail'), [[]], base);
    }
    const shellSet =
      'FROM debian:bookworm-slim\nSHELL ["/bin/sh", "-c"]\nRUN wget -qO- https://example.com/x.sh | sh\nUSER nobody\n';
    assert.deepEqual(fixTitles(shellSet, 'pipe-without-pipefail'), [[]]);
  });

  test('cd is not moved to a WORKDIR that later instructions would run in', () => {
    // The CMD runs in the working directory: WORKDIR /src instead of cd would move it.
    const text =
      'FROM python:3.12-slim\nCOPY . /src\nRUN cd /src && pip install --no-cache-dir .\nUSER nobody\nCMD ["python", "-m", "app"]\n';
    assert.deepEqual(fixTitles(text, 'cd-instead-of-workdir'), [[]]);
    // A later RUN with relative paths runs in the working directory too.
    const later =
      'FROM debian:bookworm-slim\nRUN cd /opt && tar -xf /tmp/a.tar\nRUN ./opt-tool --version\nUSER nobody\n';
    assert.deepEqual(fixTitles(later, 'cd-instead-of-workdir'), [[]]);
  });
});
