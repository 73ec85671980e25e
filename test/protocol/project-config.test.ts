/**
 * The project config (.stagewright.yaml) through the language server: it sets a document's rule
 * severities under the editor's own settings, skips ignored paths, is read again when the client's
 * watcher reports a change, shows its problems on the config file, and is watched by registration.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lsp-client';

const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-config-lsp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A warning on line 5 (copy-from-undefined-stage) and an error on line 6 (stage-index-out-of-range). */
const TWO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nCOPY --from=5 /x /x\nUSER nobody\n';
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${String(d.code)}:${SEVERITY[d.severity ?? 0]}`).sort();

function workspace(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const uriOf = (file: string) => pathToFileURL(file).href;

test('the config sets severities; editing it changes the diagnostics once the watcher reports it', async () => {
  const root = workspace('edit', {
    '.stagewright.yaml': 'rules:\n  stage-index-out-of-range: off\n',
    'svc/Dockerfile': TWO,
  });
  const config = path.join(root, '.stagewright.yaml');
  const doc = uriOf(path.join(root, 'svc', 'Dockerfile'));
  const client = new LspTestClient({ workspaceFolders: [{ uri: uriOf(root), name: 'edit' }] });
  await client.initialize();
  const first = client.diagnosticsFor(doc, 1);
  client.open(doc, TWO, 1);
  assert.deepEqual(summary(await first), ['copy-from-undefined-stage:warning']);

  writeFileSync(config, 'rules:\n  copy-from-undefined-stage: error\n');
  const changed = client.waitForDiagnostics(doc, (p) => p.diagnostics.length === 2);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(config), type: 2 }],
  });
  assert.deepEqual(summary((await changed).diagnostics), [
    'copy-from-undefined-stage:error',
    'stage-index-out-of-range:error',
  ]);

  // Deleted: the rules' defaults again.
  rmSync(config);
  const gone = client.waitForDiagnostics(doc, (p) =>
    p.diagnostics.some((d) => d.code === 'copy-from-undefined-stage' && d.severity === 2),
  );
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(config), type: 3 }],
  });
  assert.deepEqual(summary((await gone).diagnostics), [
    'copy-from-undefined-stage:warning',
    'stage-index-out-of-range:error',
  ]);
  await client.shutdown();
});

test("the editor's settings win over the config; 'default' leaves the config's severity", async () => {
  const root = workspace('precedence', {
    '.stagewright.yml': 'rules:\n  stage-index-out-of-range: off\n  copy-from-undefined-stage: hint\n',
    Dockerfile: TWO,
  });
  const doc = uriOf(path.join(root, 'Dockerfile'));
  const client = new LspTestClient({
    workspaceFolders: [{ uri: uriOf(root), name: 'precedence' }],
    configuration: () => ({ rules: { 'stage-index-out-of-range': 'warning', 'copy-from-undefined-stage': 'default' } }),
  });
  await client.initialize();
  const diagnostics = client.diagnosticsFor(doc, 1);
  client.open(doc, TWO, 1);
  assert.deepEqual(summary(await diagnostics), ['copy-from-undefined-stage:hint', 'stage-index-out-of-range:warning']);
  await client.shutdown();
});

test('ignore.paths: a document the config skips gets no findings', async () => {
  const root = workspace('ignored', {
    '.stagewright.yaml': 'ignore:\n  paths: [legacy]\n',
    'legacy/Dockerfile': TWO,
    'app/Dockerfile': TWO,
  });
  const skipped = uriOf(path.join(root, 'legacy', 'Dockerfile'));
  const checked = uriOf(path.join(root, 'app', 'Dockerfile'));
  const client = new LspTestClient({ workspaceFolders: [{ uri: uriOf(root), name: 'ignored' }] });
  await client.initialize();
  const a = client.diagnosticsFor(skipped, 1);
  const b = client.diagnosticsFor(checked, 1);
  client.open(skipped, TWO, 1);
  client.open(checked, TWO, 1);
  assert.deepEqual(await a, []);
  assert.equal((await b).length, 2);
  await client.shutdown();
});

test("a config's problems are diagnostics on the config file; what is valid still applies; fixed, they clear", async () => {
  const root = workspace('problems', {
    '.stagewright.yaml': 'rules:\n  stage-index-out-of-range: off\n  copy-from-undefinde-stage: error\n',
    Dockerfile: TWO,
  });
  const config = path.join(root, '.stagewright.yaml');
  const doc = uriOf(path.join(root, 'Dockerfile'));
  const client = new LspTestClient({ workspaceFolders: [{ uri: uriOf(root), name: 'problems' }] });
  await client.initialize();
  const problems = client.waitForDiagnostics(uriOf(config), (p) => p.diagnostics.length > 0);
  const diagnostics = client.diagnosticsFor(doc, 1);
  client.open(doc, TWO, 1);
  assert.deepEqual(summary(await diagnostics), ['copy-from-undefined-stage:warning']);
  const [problem] = (await problems).diagnostics;
  assert.equal(problem!.message, "no rule 'copy-from-undefinde-stage' (did you mean 'copy-from-undefined-stage'?)");
  assert.equal(problem!.severity, 1);
  assert.deepEqual(problem!.range.start, { line: 2, character: 2 });

  writeFileSync(config, 'rules:\n  stage-index-out-of-range: off\n');
  const cleared = client.waitForDiagnostics(uriOf(config), (p) => p.diagnostics.length === 0);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(config), type: 2 }],
  });
  await cleared;
  await client.shutdown();
});

test('the server asks the client to watch the config files when the client lets it register watchers', async () => {
  const root = workspace('watch', { Dockerfile: TWO });
  const client = new LspTestClient({ workspaceFolders: [{ uri: uriOf(root), name: 'watch' }] });
  const registered = new Promise<unknown>((resolve) => {
    client.connection.onRequest('client/registerCapability', (params: unknown) => {
      resolve(params);
      return null;
    });
  });
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: 'watch' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await client.connection.sendNotification('initialized', {});
  const params = (await registered) as {
    registrations: { method: string; registerOptions: { watchers: { globPattern: string }[] } }[];
  };
  const watch = params.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.ok(watch, JSON.stringify(params));
  assert.deepEqual(
    watch.registerOptions.watchers.map((w) => w.globPattern),
    ['**/{.stagewright.yaml,.stagewright.yml}'],
  );
  await client.shutdown();
});
