/**
 * The .dockerignore reaches the rule that reads it (copy-ignored-file), through the CLI and through
 * the language server, which reads it only for documents inside a workspace folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lsp-client';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-dockerignore-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DOCKERFILE =
  'FROM node:20-slim\nWORKDIR /app\nCOPY node_modules ./node_modules\nCOPY server.js .\nUSER node\nCMD ["node", "server.js"]\n';
const ignored = <T extends { rule?: string; code?: unknown }>(findings: T[]): T[] =>
  findings.filter((f) => (f.rule ?? f.code) === 'copy-ignored-file');

function cliFindings(file: string): { rule: string; line: number; column: number }[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', file], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { files: { findings: { rule: string; line: number; column: number }[] }[] }).files[0]!
    .findings;
}

test('CLI: the .dockerignore beside the Dockerfile is read, <name>.dockerignore first', () => {
  const project = path.join(dir, 'cli');
  mkdirSync(project);
  const file = path.join(project, 'Dockerfile');
  writeFileSync(file, DOCKERFILE);
  assert.deepEqual(ignored(cliFindings(file)), [], 'no .dockerignore: nothing to check against');
  writeFileSync(path.join(project, '.dockerignore'), 'node_modules\n');
  assert.deepEqual(
    ignored(cliFindings(file)).map((f) => [f.line, f.column]),
    [[3, 6]],
  );
  // BuildKit prefers Dockerfile.dockerignore when it exists.
  writeFileSync(path.join(project, 'Dockerfile.dockerignore'), '*.md\n');
  assert.deepEqual(ignored(cliFindings(file)), []);
});

test('server: reads the .dockerignore of a document inside a workspace folder, and re-reads it when it changes', async () => {
  const workspace = path.join(dir, 'ws');
  mkdirSync(path.join(workspace, 'svc'), { recursive: true });
  writeFileSync(path.join(workspace, 'svc', '.dockerignore'), 'node_modules\n');
  const outside = path.join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, '.dockerignore'), 'node_modules\n');
  const inside = pathToFileURL(path.join(workspace, 'svc', 'Dockerfile')).href;
  const notInside = pathToFileURL(path.join(outside, 'Dockerfile')).href;

  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }] });
  await client.initialize();
  // Wait for both before opening: the second may be published while the first is awaited.
  const insideDiagnostics = client.diagnosticsFor(inside, 1);
  const outsideDiagnostics = client.diagnosticsFor(notInside, 1);
  client.open(inside, DOCKERFILE, 1);
  client.open(notInside, DOCKERFILE, 1);
  const found = ignored(await insideDiagnostics);
  assert.equal(found.length, 1);
  assert.deepEqual((found[0] as { range: unknown }).range, {
    start: { line: 2, character: 5 },
    end: { line: 2, character: 17 },
  });
  assert.deepEqual(ignored(await outsideDiagnostics), [], 'outside the workspace folders: never read');

  // The client's watcher reports the edit; the finding goes away.
  writeFileSync(path.join(workspace, 'svc', '.dockerignore'), '.git\n');
  const cleared = client.waitForDiagnostics(inside, (p) => ignored(p.diagnostics).length === 0);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(path.join(workspace, 'svc', '.dockerignore')).href, type: 2 }],
  });
  await cleared;
  await client.shutdown();
});
