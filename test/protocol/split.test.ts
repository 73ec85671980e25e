import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { applyEdits } from '../../server/src/core';
import { LspTestClient } from '../support/lsp-client';

const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-split-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// A Go module in a workspace folder: the server lists it to tell run-time data from sources.
const goWorkspace = path.join(dir, 'go');
mkdirSync(goWorkspace, { recursive: true });
writeFileSync(path.join(goWorkspace, 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
writeFileSync(path.join(goWorkspace, 'main.go'), 'package main\n\nfunc main() {}\n');
const URI = pathToFileURL(path.join(goWorkspace, 'Dockerfile')).href;
const FOLDERS = [{ uri: pathToFileURL(goWorkspace).href, name: 'go' }];
const GO =
  'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nEXPOSE 8080\nCMD ["/out/app"]\n';
const SPLIT = [
  'FROM golang:1.22 AS builder',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  '',
  'FROM gcr.io/distroless/static-debian12',
  'WORKDIR /src',
  'COPY --from=builder /out/app /out/app',
  'EXPOSE 8080',
  'CMD ["/out/app"]',
  '',
].join('\n');

interface Action {
  title: string;
  kind: string;
  data: unknown;
  isPreferred?: boolean;
  diagnostics?: { code?: string }[];
  edit?: {
    documentChanges: {
      textDocument: { uri: string; version: number };
      edits: {
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
        newText: string;
        annotationId?: string;
      }[];
    }[];
    changeAnnotations?: Record<string, { label: string; needsConfirmation?: boolean }>;
  };
}

function actionsAt(client: LspTestClient, uri: string, line: number, only?: string[]) {
  const range = { start: { line, character: 1 }, end: { line, character: 1 } };
  return client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });
}

test('codeAction offers the split as refactor.rewrite; resolve returns an edit that applies at once', async () => {
  const client = new LspTestClient({ workspaceFolders: FOLDERS });
  await client.initialize();
  client.open(URI, GO, 1);
  await client.diagnosticsFor(URI, 1);
  const actions = await actionsAt(client, URI, 3, ['refactor']);
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind]),
    [
      ['Split into builder and runtime stages → distroless, copies /out/app', 'refactor.rewrite'],
      ['Split into builder and runtime stages → scratch, copies /out/app', 'refactor.rewrite'],
      ['Split into builder and runtime stages → alpine, copies /out/app', 'refactor.rewrite'],
      ['Split into builder and runtime stages → slim, copies /out/app', 'refactor.rewrite'],
    ],
  );
  assert.ok(
    actions.every((a) => a.edit === undefined),
    'edits are computed on resolve',
  );
  const resolved = await client.request<Action>('codeAction/resolve', actions[0]);
  const change = resolved.edit!.documentChanges[0]!;
  assert.deepEqual(change.textDocument, { uri: URI, version: 1 });
  // Choosing the action is the confirmation: no annotation that would leave the change unticked.
  assert.ok(change.edits.every((e) => e.annotationId === undefined));
  assert.equal(resolved.edit!.changeAnnotations, undefined);
  assert.ok(change.edits.length > 1, 'a minimal edit: several small changes, not one replacement of the stage');
  assert.equal(applyEdits(GO, change.edits), SPLIT);
  await client.shutdown();
});

test('the toolchain warning carries its size and its quick fix is the split', async () => {
  const client = new LspTestClient({ workspaceFolders: FOLDERS });
  await client.initialize();
  client.open(URI, GO, 1);
  const diagnostics = await client.diagnosticsFor(URI, 1);
  const warning = diagnostics.find((d) => d.code === 'toolchain-in-final-image');
  assert.ok(warning, JSON.stringify(diagnostics));
  assert.match(String(warning.message), /Go toolchain \(golang:1\.22, ~820 MB\)/);
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: warning.range,
    context: { diagnostics: [warning], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.title.startsWith('Split into builder and runtime stages'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.diagnostics?.[0]?.code, 'toolchain-in-final-image');
  const resolved = await client.request<Action>('codeAction/resolve', fix);
  assert.equal(applyEdits(GO, resolved.edit!.documentChanges[0]!.edits), SPLIT);
  // After the split, no split and no warning.
  client.change(URI, [{ text: SPLIT }]);
  assert.deepEqual(
    (await client.diagnosticsFor(URI, 2)).filter((d) => d.code === 'toolchain-in-final-image'),
    [],
  );
  assert.deepEqual(
    (await actionsAt(client, URI, 7, ['refactor'])).map((a) => a.title),
    [],
  );
  await client.shutdown();
});

test('the preferred runtime setting orders the choices', async () => {
  const client = new LspTestClient({
    workspaceFolders: FOLDERS,
    configuration: (section) => (section === 'stagewright' ? { split: { preferredRuntime: 'scratch' } } : null),
  });
  await client.initialize();
  client.open(URI, GO, 1);
  await client.diagnosticsFor(URI, 1);
  const actions = await actionsAt(client, URI, 3, ['refactor.rewrite']);
  assert.equal(actions[0]?.title, 'Split into builder and runtime stages → scratch, copies /out/app');
  await client.shutdown();
});

test('Cargo.toml is read from the workspace folder, and only there', async () => {
  const ws = path.join(dir, 'ws');
  mkdirSync(path.join(ws, 'svc'), { recursive: true });
  writeFileSync(path.join(ws, 'svc', 'Cargo.toml'), '[package]\nname = "svc-bin"\nversion = "0.1.0"\n');
  const rust = 'FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n';
  const inside = pathToFileURL(path.join(ws, 'svc', 'Dockerfile')).href;
  const outside = pathToFileURL(path.join(dir, 'elsewhere', 'Dockerfile')).href;
  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
  await client.initialize();
  client.open(inside, rust, 1);
  client.open(outside, rust, 1);
  await client.diagnosticsFor(inside, 1);
  const actions = await actionsAt(client, inside, 3, ['refactor.rewrite']);
  assert.ok(actions.length > 0, 'the split is offered with Cargo.toml from the workspace');
  const resolved = await client.request<Action>('codeAction/resolve', actions[0]);
  assert.match(
    applyEdits(rust, resolved.edit!.documentChanges[0]!.edits),
    /COPY --from=builder \/src\/target\/release\/svc-bin /,
  );
  assert.deepEqual(await actionsAt(client, outside, 3, ['refactor.rewrite']), []);
  await client.shutdown();
});
