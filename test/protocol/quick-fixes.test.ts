import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///workspace/Dockerfile';
const CASING =
  'FROM golang:1.22 AS Builder\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=Builder /out/app /app\nENTRYPOINT ["/app"]\n';

interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  data?: unknown;
  diagnostics?: { code?: unknown }[];
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

test('the stage-name-casing quick fix renames the stage and its references through codeAction/resolve', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(URI, CASING, 1);
  const diagnostics = await client.diagnosticsFor(URI, 1);
  const casing = diagnostics.find((d) => d.code === 'stage-name-casing');
  assert.ok(casing, JSON.stringify(diagnostics));
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: casing.range,
    context: { diagnostics: [casing] },
  });
  const fix = actions.find((a) => a.title.startsWith("Rename stage to 'builder'"));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  const resolved = await client.request<Resolved>('codeAction/resolve', fix);
  const fixed = applyEdits(CASING, resolved.edit.documentChanges[0]!.edits);
  assert.equal(fixed, CASING.replace(/Builder/g, 'builder'));
  const version = client.change(URI, [{ text: fixed }]);
  assert.deepEqual(
    (await client.diagnosticsFor(URI, version)).map((d) => d.code),
    [],
  );
  await client.shutdown();
});

test('the exec-form quick fix is offered for a shell-form CMD and resolves to the JSON form', async () => {
  const client = new LspTestClient();
  await client.initialize();
  const text = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD node server.js\n';
  client.open(URI, text, 1);
  const diagnostics = await client.diagnosticsFor(URI, 1);
  const shell = diagnostics.find((d) => d.code === 'json-args-recommended');
  assert.ok(shell, JSON.stringify(diagnostics));
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: shell.range,
    context: { diagnostics: [shell] },
  });
  const fix = actions.find((a) => a.title.startsWith('Convert CMD to exec form'));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  const resolved = await client.request<Resolved>('codeAction/resolve', fix);
  assert.equal(
    applyEdits(text, resolved.edit.documentChanges[0]!.edits),
    text.replace('CMD node server.js', 'CMD ["node", "server.js"]'),
  );
  await client.shutdown();
});
