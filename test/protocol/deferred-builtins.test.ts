/**
 * The server bundle loads `crypto`, `child_process` and `fs/promises` only when one of their members
 * is first used (esbuild.mjs, lazy-builtins): editing, hovering and code actions never load them,
 * and reading a .dockerignore loads `fs/promises` on demand and works as before.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lsp-client';

const PRELOAD = path.join(__dirname, '..', 'support', 'modules-preload.cjs');
const DEFERRED = ['crypto', 'child_process', 'fs/promises'];
const DOCKERFILE =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM node:20-slim\nCOPY node_modules ./node_modules\nCOPY --from=builder /app /app\n';
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-deferred-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function session(
  folder: string | null,
  work: (client: LspTestClient, uri: string) => Promise<void>,
): Promise<string[]> {
  const uri = folder ? pathToFileURL(path.join(folder, 'Dockerfile')).href : 'file:///nowhere/Dockerfile';
  const client = new LspTestClient({
    nodeArgs: ['--require', PRELOAD],
    ...(folder ? { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] } : {}),
  });
  try {
    await client.initialize();
    await work(client, uri);
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
  const line = client.stderr
    .join('')
    .split('\n')
    .find((l) => l.startsWith('MODULES '));
  assert.ok(line, 'the preload reported the loaded modules');
  return JSON.parse(line.slice('MODULES '.length)) as string[];
}

test('opening, typing, hovering and code actions load none of the deferred built-ins', async () => {
  const loaded = await session(null, async (client, uri) => {
    const opened = client.diagnosticsFor(uri, 1);
    client.open(uri, DOCKERFILE);
    await opened;
    const version = client.change(uri, [
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'x' },
    ]);
    await client.diagnosticsFor(uri, version);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 14 },
    });
    assert.ok(hover && JSON.stringify(hover.contents).includes('builder'));
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
  });
  assert.ok(loaded.includes('net'), 'the list is the real one (stdio over pipes loads net)');
  for (const name of DEFERRED) assert.ok(!loaded.includes(name), `${name} was not loaded`);
});

test('a .dockerignore read loads fs/promises on demand, and its patterns apply', async () => {
  const folder = path.join(dir, 'ws');
  mkdirSync(folder);
  writeFileSync(path.join(folder, '.dockerignore'), 'node_modules\n');
  const loaded = await session(folder, async (client, uri) => {
    const opened = client.diagnosticsFor(uri, 1);
    client.open(uri, DOCKERFILE);
    const diagnostics = await opened;
    assert.ok(
      diagnostics.some((d) => d.code === 'copy-ignored-file' && d.range.start.line === 4),
      'the ignored COPY source is reported',
    );
  });
  assert.ok(loaded.includes('fs/promises'));
});
