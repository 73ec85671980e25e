import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, parseDockerfile, RULES, RULES_BY_ID, type AnalysisSettings } from '../../server/src/core';
import { checkFixture } from '../support/check-fixture';
import { parseFixture } from '../support/fixtures';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'rules');

/**
 * What a rule's fixture folder lacks: a fixture that expects a finding of the rule, and one that
 * checks the rule (no `fixture-only` line leaving it out) on a Dockerfile with instructions and
 * expects none of its findings. The fixture tests above then hold both to the analysis.
 */
function fixtureCoverage(id: string, root = FIXTURES): string[] {
  const dir = path.join(root, id);
  if (!existsSync(dir)) return [`${id}: no folder test/fixtures/rules/${id}`];
  let fires = false;
  let silent = false;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.Dockerfile'))) {
    const fixture = parseFixture(readFileSync(path.join(dir, file), 'utf8'));
    if (fixture.expectations.some((e) => e.ruleId === id)) fires = true;
    else if (
      (fixture.only === null || fixture.only.includes(id)) &&
      parseDockerfile(fixture.text).instructions.length > 0
    )
      silent = true;
  }
  return [
    ...(fires ? [] : [`${id}: no fixture expects a finding`]),
    ...(silent ? [] : [`${id}: no fixture where it must stay silent`]),
  ];
}

describe('rule fixtures', () => {
  for (const dir of readdirSync(FIXTURES).sort()) {
    for (const file of readdirSync(path.join(FIXTURES, dir))
      .filter((f) => f.endsWith('.Dockerfile'))
      .sort()) {
      test(`${dir}/${file}`, () => {
        const ignore = path.join(FIXTURES, dir, file.replace(/\.Dockerfile$/, '.dockerignore'));
        const settings: AnalysisSettings = existsSync(ignore) ? { dockerignore: readFileSync(ignore, 'utf8') } : {};
        // A rule that is off by default is turned on in its own fixtures.
        const own = RULES_BY_ID.get(dir)?.meta;
        if (own?.enabledByDefault === false) settings.rules = { [own.id]: own.severity };
        checkFixture(readFileSync(path.join(FIXTURES, dir, file), 'utf8'), settings);
      });
    }
  }
});

function docsSettings(rule: (typeof RULES)[number]): AnalysisSettings {
  const settings: AnalysisSettings =
    rule.meta.docs.dockerignore === undefined ? {} : { dockerignore: rule.meta.docs.dockerignore };
  // A rule that is off by default is turned on to check its example.
  if (rule.meta.enabledByDefault === false) settings.rules = { [rule.meta.id]: rule.meta.severity };
  return settings;
}

describe('rule docs', () => {
  for (const rule of RULES) {
    test(`${rule.meta.id}: the example triggers exactly this rule`, () => {
      const ids = new Set(analyze(rule.meta.docs.example, docsSettings(rule)).findings.map((f) => f.ruleId));
      assert.deepEqual([...ids], [rule.meta.id]);
    });
    test(`${rule.meta.id}: the better text is clean`, () => {
      assert.deepEqual(
        analyze(rule.meta.docs.better, docsSettings(rule)).findings.map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
    });
  }

  for (const rule of RULES) {
    const { id, peers } = rule.meta;
    // A file that is not read as a Dockerfile (binary content) has no comments to read.
    if (rule.checksSkipped) continue;
    test(`${id}: the example is silenced by its suppression comments`, () => {
      const idsOf = (text: string) => analyze(text, docsSettings(rule)).findings.map((f) => f.ruleId);
      assert.ok(
        !idsOf(`# stagewright-ignore-file ${id}\n${rule.meta.docs.example}`).includes(id),
        'stagewright-ignore-file',
      );
      if (peers?.buildkit)
        assert.ok(!idsOf(`# check=skip=${peers.buildkit}\n${rule.meta.docs.example}`).includes(id), 'check=skip');
      for (const code of peers?.hadolint ?? []) {
        assert.ok(
          !idsOf(`# hadolint global ignore=${code}\n${rule.meta.docs.example}`).includes(id),
          `hadolint ${code}`,
        );
      }
    });
  }

  test('every rule has fixtures that fire and that stay silent', () => {
    const problems = RULES.flatMap((rule) => fixtureCoverage(rule.meta.id));
    assert.deepEqual(problems, []);
  });

  test('the fixture coverage check fails for a folder, an empty file or a fixture that leaves the rule out', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'stagewright-fixtures-'));
    try {
      const dir = path.join(root, 'some-rule');
      assert.deepEqual(fixtureCoverage('some-rule', root), ['some-rule: no folder test/fixtures/rules/some-rule']);
      mkdirSync(dir);
      assert.deepEqual(fixtureCoverage('some-rule', root), [
        'some-rule: no fixture expects a finding',
        'some-rule: no fixture where it must stay silent',
      ]);
      writeFileSync(path.join(dir, 'fires.Dockerfile'), 'FROM alpine:3.20\nRUN true\n#^^ warning some-rule\n');
      writeFileSync(path.join(dir, 'empty.Dockerfile'), '# nothing but a comment\n');
      writeFileSync(path.join(dir, 'other.Dockerfile'), '# fixture-only: other-rule\nFROM alpine:3.20\n');
      assert.deepEqual(fixtureCoverage('some-rule', root), ['some-rule: no fixture where it must stay silent']);
      writeFileSync(path.join(dir, 'silent.Dockerfile'), 'FROM alpine:3.20\nUSER nobody\n');
      assert.deepEqual(fixtureCoverage('some-rule', root), []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('rule ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
  });
});

describe('a script the RUN runs, read from the build context', () => {
  // ml-workspace's resources/scripts/clean-layer.sh ends each RUN; its body removes the apt lists,
  // ~/.cache and npm's cache. Where the context can be read, the body decides, not the name.
  const dockerfile = [
    'FROM ubuntu:22.04',
    'COPY resources/scripts/clean-layer.sh /usr/bin/clean-layer.sh',
    'COPY resources/scripts/tidy.sh /usr/local/bin/tidy.sh',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl && clean-layer.sh',
    'RUN pip install requests && tidy.sh',
    'USER nobody',
    '',
  ].join('\n');
  const cacheLines = (files: Record<string, string>) =>
    analyze(dockerfile, { readWorkspaceFile: (p) => files[p] })
      .findings.filter((f) => f.ruleId === 'package-cache-in-final-image')
      .map((f) => f.range.start.line + 1);

  test('a body that removes the cache silences it, whatever the name', () => {
    assert.deepEqual(
      cacheLines({
        'resources/scripts/clean-layer.sh': '#!/bin/bash\napt-get clean\nrm -rf /var/lib/apt/lists/*\n',
        'resources/scripts/tidy.sh': '#!/bin/sh\nrm -rf /tmp/* $HOME/.cache/*\n',
      }),
      [],
    );
  });

  test('a body that does not remove it leaves it reported, even under a cleanup name', () => {
    assert.deepEqual(
      cacheLines({
        'resources/scripts/clean-layer.sh': '#!/bin/bash\napt-get clean\nrm -rf /tmp/*\n',
        'resources/scripts/tidy.sh': '#!/bin/sh\nrm -rf /tmp/*\n',
      }),
      [4, 5],
    );
  });

  test('without the context, a cleanup name is taken at its word and another name is not', () => {
    assert.deepEqual(cacheLines({}), [5]);
  });

  test('a script that every RUN runs is read once per analysis', () => {
    const many = `${dockerfile}RUN apt-get update && apt-get install -y --no-install-recommends git && clean-layer.sh\n`;
    const reads: string[] = [];
    analyze(many, {
      readWorkspaceFile: (p) => {
        reads.push(p);
        return p === 'resources/scripts/clean-layer.sh' ? 'rm -rf /var/lib/apt/lists/*\n' : undefined;
      },
    });
    assert.equal(reads.filter((p) => p === 'resources/scripts/clean-layer.sh').length, 1, reads.join(', '));
  });
});
