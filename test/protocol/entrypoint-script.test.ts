/**
 * An entrypoint script copied in from the build context reaches the root-user rule: one that steps
 * down from root (setpriv, gosu, su-exec) means the image does not run its program as root. The CLI
 * reads the script beside the Dockerfile; the language server reads it only for documents inside a
 * workspace folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lsp-client';
import { RAILS_APP_WITH_START_SCRIPT } from '../support/start-script-app';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-entrypoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// An ordinary login account (not a system one), so nothing but the script tells of a drop.
const DOCKERFILE = [
  'FROM debian:bookworm-slim',
  'RUN useradd -ms /bin/bash app',
  'COPY start.sh /usr/local/bin/start.sh',
  'ENTRYPOINT ["start.sh"]',
  'CMD ["serve"]',
  '',
].join('\n');
const DROPS = '#!/bin/sh\nset -e\nchown -R app /data\nexec setpriv --reuid=app --regid=app --init-groups "$@"\n';
const STAYS = '#!/bin/sh\nset -e\nexec "$@"\n';

const root = <T extends { rule?: string; code?: unknown }>(findings: T[]): T[] =>
  findings.filter((f) => (f.rule ?? f.code) === 'root-user-in-final-image');

function cliFindings(file: string): { rule: string }[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-config', file], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings;
}

test('CLI: a start script beside the Dockerfile that drops root silences the root-user finding', () => {
  const project = path.join(dir, 'cli');
  mkdirSync(project);
  const file = path.join(project, 'Dockerfile');
  writeFileSync(file, DOCKERFILE);
  assert.equal(root(cliFindings(file)).length, 1, 'no script to read: the image runs as root');
  writeFileSync(path.join(project, 'start.sh'), STAYS);
  assert.equal(root(cliFindings(file)).length, 1, 'a script that keeps root');
  writeFileSync(path.join(project, 'start.sh'), DROPS);
  assert.deepEqual(root(cliFindings(file)), [], 'the script steps down with setpriv');
});

test('CLI: the start script may come with the stage the final one is built on', () => {
  const project = path.join(dir, 'cli-base');
  mkdirSync(project);
  const file = path.join(project, 'Dockerfile');
  const [from, ...rest] = DOCKERFILE.split('\n');
  writeFileSync(file, [from + ' AS base', ...rest.slice(0, 2), 'FROM base', ...rest.slice(2)].join('\n'));
  writeFileSync(path.join(project, 'start.sh'), DROPS);
  assert.deepEqual(root(cliFindings(file)), [], 'the script copied in the base stage steps down');
});

test('server: reads the start script of a document inside a workspace folder, never outside', async () => {
  const workspace = path.join(dir, 'ws');
  mkdirSync(path.join(workspace, 'svc'), { recursive: true });
  writeFileSync(path.join(workspace, 'svc', 'start.sh'), DROPS);
  const outside = path.join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'start.sh'), DROPS);
  const inside = pathToFileURL(path.join(workspace, 'svc', 'Dockerfile')).href;
  const notInside = pathToFileURL(path.join(outside, 'Dockerfile')).href;

  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }] });
  await client.initialize();
  try {
    const insideDiagnostics = client.diagnosticsFor(inside, 1);
    const outsideDiagnostics = client.diagnosticsFor(notInside, 1);
    client.open(inside, DOCKERFILE, 1);
    client.open(notInside, DOCKERFILE, 1);
    assert.deepEqual(root(await insideDiagnostics), [], 'the script inside the workspace steps down');
    assert.equal(root(await outsideDiagnostics).length, 1, 'outside the workspace folders: never read');
  } finally {
    await client.shutdown();
  }
});

test('server: a start script in the workspace that starts a development server keeps the toolchain on purpose', async () => {
  const dockerfile = RAILS_APP_WITH_START_SCRIPT;
  const workspace = path.join(dir, 'ws-dev');
  mkdirSync(path.join(workspace, 'web', 'docker'), { recursive: true });
  mkdirSync(path.join(workspace, 'api', 'docker'), { recursive: true });
  writeFileSync(
    path.join(workspace, 'web', 'docker', 'entrypoint.sh'),
    '#!/usr/bin/env bash\nset -e\nexec bin/dev "$@"\n',
  );
  writeFileSync(path.join(workspace, 'api', 'docker', 'entrypoint.sh'), '#!/bin/sh\nset -e\nexec bundle exec puma\n');
  const dev = pathToFileURL(path.join(workspace, 'web', 'Dockerfile')).href;
  const production = pathToFileURL(path.join(workspace, 'api', 'Dockerfile')).href;
  const toolchain = (findings: { code?: unknown }[]) => findings.filter((f) => f.code === 'toolchain-in-final-image');

  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }] });
  await client.initialize();
  try {
    const devDiagnostics = client.diagnosticsFor(dev, 1);
    const productionDiagnostics = client.diagnosticsFor(production, 1);
    client.open(dev, dockerfile, 1);
    client.open(production, dockerfile, 1);
    assert.deepEqual(toolchain(await devDiagnostics), [], "Rails' bin/dev: a development server");
    assert.equal(toolchain(await productionDiagnostics).length, 1, 'a production server ships the compilers');
  } finally {
    await client.shutdown();
  }
});
