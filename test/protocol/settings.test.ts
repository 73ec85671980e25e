import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LspTestClient } from '../support/lsp-client';

const A = 'file:///workspace/a/Dockerfile';
const B = 'file:///workspace/b/Dockerfile';
const TYPO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nUSER nobody\n';
// duplicate-stage-name is one of the rules the Docker extensions report too; stage-name-casing is not.
const DUPLICATE =
  'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM debian:bookworm-slim AS Build\nCOPY --from=build /app /app\nUSER nobody\n';

const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map((d) => d.code).sort();

test("settings are pulled per document: each document gets its own folder's severities", async () => {
  const asked: (string | undefined)[] = [];
  const client = new LspTestClient({
    configuration: (section, scopeUri) => {
      asked.push(scopeUri);
      if (section !== 'stagewright') return null;
      return scopeUri === A
        ? { rules: { 'copy-from-undefined-stage': 'off' } }
        : { rules: { 'copy-from-undefined-stage': 'default' } };
    },
  });
  await client.initialize();
  client.open(A, TYPO, 1);
  client.open(B, TYPO, 1);
  assert.deepEqual(await client.diagnosticsFor(A, 1), []);
  const b = await client.diagnosticsFor(B, 1);
  assert.deepEqual(codes(b), ['copy-from-undefined-stage']);
  assert.equal(b[0]!.severity, 2, '"default" keeps the rule\'s own severity');
  assert.ok(asked.includes(A) && asked.includes(B), `scopeUri of each document: ${asked.join(', ')}`);
  await client.shutdown();
});

test('the documents of one directory share one settings request, and a change pulls again', async () => {
  const asked: (string | undefined)[] = [];
  let severity = 'off';
  const client = new LspTestClient({
    configuration: (section, scopeUri) => {
      if (section === 'stagewright') asked.push(scopeUri);
      return section === 'stagewright' ? { rules: { 'copy-from-undefined-stage': severity } } : null;
    },
  });
  await client.initialize();
  const uris = [
    'file:///workspace/c/Dockerfile',
    'file:///workspace/c/Dockerfile.dev',
    'file:///workspace/c/app.Dockerfile',
  ];
  for (const uri of uris) {
    client.open(uri, TYPO, 1);
    assert.deepEqual(await client.diagnosticsFor(uri, 1), [], `${uri} has the directory's settings`);
  }
  assert.deepEqual(asked, [uris[0]], 'one request, scoped to the first document');
  severity = 'error';
  const republished = uris.map((uri) => client.waitForDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 1));
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await Promise.all(republished);
  assert.equal(asked.length, 2, "the change pulled the directory's settings once more");
  await client.shutdown();
});

test('a configuration change is pulled again and applied', async () => {
  let severity = 'warning';
  const client = new LspTestClient({
    configuration: (section) =>
      section === 'stagewright' ? { rules: { 'copy-from-undefined-stage': severity } } : null,
  });
  await client.initialize();
  client.open(A, TYPO, 1);
  assert.equal((await client.diagnosticsFor(A, 1))[0]!.severity, 2);
  severity = 'error';
  const next = client.waitForDiagnostics(A, (p) => p.diagnostics[0]?.severity === 1);
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await next;
  await client.shutdown();
});

test('rules the Docker extension reports are hidden while it is installed, unless the user wants both', async () => {
  const without = new LspTestClient();
  await without.initialize();
  without.open(A, DUPLICATE, 1);
  assert.deepEqual(codes(await without.diagnosticsFor(A, 1)), ['duplicate-stage-name', 'stage-name-casing']);
  await without.shutdown();

  const withDocker = new LspTestClient({ initializationOptions: { dockerExtensionInstalled: true } });
  await withDocker.initialize();
  withDocker.open(A, DUPLICATE, 1);
  assert.deepEqual(codes(await withDocker.diagnosticsFor(A, 1)), ['stage-name-casing']);
  // The extension is removed while the editor runs: the client tells the server, the rule is back.
  const back = withDocker.waitForDiagnostics(A, (p) => p.diagnostics.some((d) => d.code === 'duplicate-stage-name'));
  void withDocker.connection.sendNotification('stagewright/dockerExtensionChanged', {
    dockerExtensionInstalled: false,
  });
  await back;
  await withDocker.shutdown();

  const wantsBoth = new LspTestClient({
    initializationOptions: { dockerExtensionInstalled: true },
    configuration: (section) => (section === 'stagewright' ? { hideRulesReportedByDockerExtension: false } : null),
  });
  await wantsBoth.initialize();
  wantsBoth.open(A, DUPLICATE, 1);
  assert.deepEqual(codes(await wantsBoth.diagnosticsFor(A, 1)), ['duplicate-stage-name', 'stage-name-casing']);
  await wantsBoth.shutdown();
});

test('each diagnostic links to its rule page shipped beside the server', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(A, TYPO, 1);
  const [diagnostic] = await client.diagnosticsFor(A, 1);
  const href = diagnostic!.codeDescription?.href;
  assert.ok(href, JSON.stringify(diagnostic));
  assert.match(href, /^file:\/\/.*\/docs\/rules\/copy-from-undefined-stage\.md$/);
  const file = fileURLToPath(href);
  assert.ok(existsSync(file), file);
  assert.match(readFileSync(file, 'utf8'), /^# copy-from-undefined-stage\n/);
  await client.shutdown();
});

test('suppression comments apply in the editor, and the suppress quick fix resolves to the comment', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(A, TYPO, 1);
  await client.diagnosticsFor(A, 1);
  const range = { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } };
  const actions = await client.request<{ title: string; data: unknown }[]>('textDocument/codeAction', {
    textDocument: { uri: A },
    range,
    context: { diagnostics: [] },
  });
  const suppress = actions.find((a) => a.title === 'Suppress copy-from-undefined-stage for this instruction');
  assert.ok(suppress, actions.map((a) => a.title).join(' | '));
  const resolved = await client.request<{
    edit: {
      documentChanges: { edits: { range: { start: { line: number; character: number } }; newText: string }[] }[];
    };
  }>('codeAction/resolve', suppress);
  const edits = resolved.edit.documentChanges[0]!.edits;
  assert.deepEqual(
    edits.map((e) => [e.range.start, e.newText]),
    [[{ line: 4, character: 0 }, '# stagewright-ignore copy-from-undefined-stage\n']],
  );
  const version = client.change(A, [
    { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: edits[0]!.newText },
  ]);
  assert.deepEqual(await client.diagnosticsFor(A, version), []);
  await client.shutdown();
});
