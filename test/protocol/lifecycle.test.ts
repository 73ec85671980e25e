import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///workspace/Dockerfile';
const TYPO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nUSER nobody\n';

test('initialize announces incremental sync and code actions', async () => {
  const client = new LspTestClient();
  const result = await client.initialize();
  assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
  assert.ok(result.capabilities.codeActionProvider);
  assert.equal(result.serverInfo?.name, 'stagewright');
  assert.equal(await client.shutdown(), 0);
});

test('didOpen publishes diagnostics for the opened version', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(URI, TYPO, 1);
  const diagnostics = await client.diagnosticsFor(URI, 1);
  const typo = diagnostics.find((d) => d.code === 'copy-from-undefined-stage');
  assert.ok(typo, JSON.stringify(diagnostics));
  assert.equal(typo.source, 'stagewright');
  assert.equal(typo.severity, 2);
  assert.deepEqual(typo.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } });
  assert.match(typo.message as string, /did you mean 'builder'/);
  await client.shutdown();
});

test('didChange (incremental) updates the diagnostics', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(URI, TYPO, 1);
  await client.diagnosticsFor(URI, 1);
  const version = client.change(URI, [
    { range: { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } }, text: 'builder' },
  ]);
  const diagnostics = await client.diagnosticsFor(URI, version);
  assert.deepEqual(diagnostics, []);
  await client.shutdown();
});

test('closing a document clears its diagnostics', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(URI, TYPO, 1);
  await client.diagnosticsFor(URI, 1);
  const cleared = client.waitForDiagnostics(URI, (p) => p.diagnostics.length === 0);
  client.close(URI);
  await cleared;
  await client.shutdown();
});

test('rule severities come from the client settings', async () => {
  const client = new LspTestClient({
    configuration: (section) =>
      section === 'stagewright' ? { rules: { 'copy-from-undefined-stage': 'error' } } : null,
  });
  await client.initialize();
  client.open(URI, TYPO, 1);
  const diagnostics = await client.diagnosticsFor(URI, 1);
  assert.equal(diagnostics.find((d) => d.code === 'copy-from-undefined-stage')?.severity, 1);
  await client.shutdown();
});

test('the did-you-mean quick fix resolves to an edit that fixes the reference', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(URI, TYPO, 1);
  await client.diagnosticsFor(URI, 1);
  const range = { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } };
  const actions = await client.request<{ title: string; kind: string; data: unknown; edit?: unknown }[]>(
    'textDocument/codeAction',
    {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [] },
    },
  );
  const fix = actions.find((a) => a.title === "Change to 'builder'");
  assert.ok(fix, JSON.stringify(actions));
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.edit, undefined, 'the edit is computed on resolve');
  const resolved = await client.request<{
    edit: { documentChanges: { edits: { newText: string; range: unknown }[] }[] };
  }>('codeAction/resolve', fix);
  const edits = resolved.edit.documentChanges[0]!.edits;
  assert.deepEqual(edits, [
    { range: { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } }, newText: 'builder' },
  ]);
  await client.shutdown();
});
