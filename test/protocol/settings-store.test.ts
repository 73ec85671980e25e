import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { SettingsStore, toAnalysisSettings } from '../../server/src/lsp/settings';

const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A connection whose client answers every configuration request with `value`. */
function fakeConnection(value: unknown): Connection {
  return { workspace: { getConfiguration: async () => value } } as unknown as Connection;
}

test('the .dockerignore beside a document inside a workspace folder is read with its settings', async () => {
  const workspace = path.join(dir, 'ws');
  const outside = path.join(dir, 'elsewhere');
  mkdirSync(path.join(workspace, 'svc'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(workspace, 'svc', '.dockerignore'), 'node_modules\n');
  writeFileSync(path.join(workspace, 'svc', 'api.Dockerfile.dockerignore'), 'dist\n');
  writeFileSync(path.join(outside, '.dockerignore'), 'secret\n');
  const store = new SettingsStore(fakeConnection({}));
  store.supportsPull = true;
  store.initialize({}, [{ uri: pathToFileURL(workspace).href }], null);
  const uri = (p: string) => pathToFileURL(p).href;
  assert.equal((await store.get(uri(path.join(workspace, 'svc', 'Dockerfile')))).dockerignore, 'node_modules\n');
  // BuildKit prefers <Dockerfile name>.dockerignore beside the Dockerfile.
  assert.equal((await store.get(uri(path.join(workspace, 'svc', 'api.Dockerfile')))).dockerignore, 'dist\n');
  assert.equal((await store.get(uri(path.join(workspace, 'Dockerfile')))).dockerignore, undefined);
  assert.equal(
    (await store.get(uri(path.join(outside, 'Dockerfile')))).dockerignore,
    undefined,
    'outside the workspace: not read',
  );
  assert.equal((await store.get('untitled:Untitled-1')).dockerignore, undefined);
  // A change reported by the file watcher is seen on the next pull.
  writeFileSync(path.join(workspace, 'svc', '.dockerignore'), 'node_modules\n*.log\n');
  store.changed();
  assert.equal((await store.get(uri(path.join(workspace, 'svc', 'Dockerfile')))).dockerignore, 'node_modules\n*.log\n');
});

test('toAnalysisSettings keeps valid severities only and hides overlap only when the extension is there', () => {
  assert.deepEqual(toAnalysisSettings({ rules: { a: 'off', b: 'default', c: 'loud', d: 3 } }), { rules: { a: 'off' } });
  assert.deepEqual(toAnalysisSettings({}, { dockerExtensionInstalled: true }), {
    rules: {},
    hideDockerExtensionRules: true,
  });
  assert.deepEqual(
    toAnalysisSettings({ hideRulesReportedByDockerExtension: false }, { dockerExtensionInstalled: true }),
    { rules: {} },
  );
  assert.deepEqual(toAnalysisSettings(null), { rules: {} });
});
