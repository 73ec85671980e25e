/**
 * Quick fixes of the rules that stand for hadolint's, through the bundled server: the code action is
 * listed by title, resolved to its edit on codeAction/resolve, and the fixed text has no finding of
 * the rule left.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///workspace/Dockerfile';

interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
}
interface Resolved {
  edit: {
    documentChanges: {
      edits: {
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
        newText: string;
      }[];
    }[];
  };
}

async function fixOnce(text: string, ruleId: string, title: string): Promise<string> {
  const client = new LspTestClient();
  await client.initialize();
  try {
    client.open(URI, text, 1);
    const diagnostics = await client.diagnosticsFor(URI, 1);
    const finding = diagnostics.find((d) => d.code === ruleId);
    assert.ok(finding, JSON.stringify(diagnostics));
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: finding.range,
      context: { diagnostics: [finding] },
    });
    const fix = actions.find((a) => a.title === title);
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    const resolved = await client.request<Resolved>('codeAction/resolve', fix);
    const fixed = applyEdits(text, resolved.edit.documentChanges[0]!.edits);
    const version = client.change(URI, [{ text: fixed }]);
    const left = (await client.diagnosticsFor(URI, version)).filter((d) => d.code === ruleId);
    assert.deepEqual(
      left.map((d) => d.range.start.line),
      diagnostics.filter((d) => d.code === ruleId && d !== finding).map((d) => d.range.start.line),
      'the fix removes exactly its finding',
    );
    return fixed;
  } finally {
    await client.shutdown();
  }
}

test('apt -> apt-get: the quick fix replaces the program name and keeps the rest of the RUN', async () => {
  const text =
    'FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nUSER nobody\n';
  const fixed = await fixOnce(text, 'apt-instead-of-apt-get', "Change to 'apt-get'");
  assert.equal(fixed, text.replace('&& apt install', '&& apt-get install'));
});

test('pipe without pipefail: the quick fix sets SHELL with pipefail above the RUN on a Debian image', async () => {
  const text = 'FROM node:20-slim\nWORKDIR /app\nRUN curl -fsSL https://example.com/setup.sh | bash -\nUSER node\n';
  const fixed = await fixOnce(
    text,
    'pipe-without-pipefail',
    'Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN',
  );
  assert.equal(fixed, text.replace('RUN curl', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl'));
});
