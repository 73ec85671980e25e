/**
 * Stages built as targets, through the language server: a workspace whose compose.yaml builds the
 * `dev` stage. unreachable-stage stays silent for `dev` (and reports the stage nothing builds), the
 * code lens says what builds `dev`, the stage graph marks it; when compose.yaml changes on disk and
 * the client's watcher says so, all of it follows. The `stagewright.targets` setting adds targets by hand.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lsp-client';

const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-targets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DOCKERFILE = `FROM node:20 AS base
WORKDIR /app
COPY package*.json ./
RUN npm ci

FROM base AS dev
CMD ["npm", "run", "dev"]

FROM node:20 AS docs
RUN npx typedoc

FROM base AS build
RUN npm run build

FROM node:20-slim
COPY --from=build /app/dist /app
USER node
CMD ["node", "/app/index.js"]
`;
const DEV_LINE = 5;
const DOCS_LINE = 8;

const composeBuilding = (target: string) => `services:
  api:
    build:
      context: ./api
      target: ${target}
    ports:
      - "3000:3000"
`;

/** The lines of the stages unreachable-stage reports. */
const unreachableLines = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.code === 'unreachable-stage').map((d) => d.range.start.line);

interface Lens {
  range: { start: { line: number } };
  command?: { title: string };
}

async function lensTitles(client: LspTestClient, uri: string): Promise<Map<number, string>> {
  const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
  return new Map(lenses.map((l) => [l.range.start.line, l.command?.title ?? '']));
}

test('a stage that compose.yaml builds is not unreachable, its code lens says so, and an edit of compose.yaml is followed', async () => {
  const workspace = path.join(dir, 'shop');
  mkdirSync(path.join(workspace, 'api'), { recursive: true });
  writeFileSync(path.join(workspace, 'api', 'Dockerfile'), DOCKERFILE);
  writeFileSync(path.join(workspace, 'compose.yaml'), composeBuilding('dev'));
  const uri = pathToFileURL(path.join(workspace, 'api', 'Dockerfile')).href;

  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'shop' }] });
  try {
    await client.initialize();
    const first = client.diagnosticsFor(uri, 1);
    client.open(uri, DOCKERFILE, 1);
    assert.deepEqual(unreachableLines(await first), [DOCS_LINE], 'dev is built by compose; docs by nothing');
    const dev = (await first).find((d) => d.range.start.line === DEV_LINE);
    assert.equal(dev?.tags, undefined, 'nothing greys out the dev stage');

    let titles = await lensTitles(client, uri);
    assert.equal(titles.get(DEV_LINE), 'built by compose.yaml: service api, target dev');
    assert.equal(titles.get(DOCS_LINE), 'unused — not built for the default target');

    const graph = await client.request<{ nodes: { label: string; used: boolean; builtBy?: string[] }[] }>(
      'stagewright/stageGraph',
      { uri },
    );
    const devNode = graph.nodes.find((n) => n.label === 'dev');
    assert.deepEqual([devNode?.used, devNode?.builtBy], [true, ['compose.yaml: service api, target dev']]);

    // compose.yaml now builds docs instead: saved to disk, reported by the client's watcher.
    writeFileSync(path.join(workspace, 'compose.yaml'), composeBuilding('docs'));
    const updated = client.waitForDiagnostics(uri, (p) => unreachableLines(p.diagnostics).includes(DEV_LINE));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(workspace, 'compose.yaml')).href, type: 2 }],
    });
    assert.deepEqual(unreachableLines((await updated).diagnostics), [DEV_LINE]);
    titles = await lensTitles(client, uri);
    assert.equal(titles.get(DOCS_LINE), 'built by compose.yaml: service api, target docs');
    assert.equal(titles.get(DEV_LINE), 'unused — not built for the default target');

    // A keystroke in the Dockerfile keeps the targets (read once, not on every change).
    const version = client.change(uri, [{ text: `${DOCKERFILE}# edited\n` }]);
    assert.deepEqual(unreachableLines(await client.diagnosticsFor(uri, version)), [DEV_LINE]);
  } finally {
    await client.shutdown();
  }
});

test('stagewright.targets adds targets by hand, outside the workspace folders too', async () => {
  const file = path.join(dir, 'loose', 'Dockerfile');
  mkdirSync(path.dirname(file), { recursive: true });
  const uri = pathToFileURL(file).href;
  const client = new LspTestClient({
    configuration: (section) => (section === 'stagewright' ? { targets: ['docs', 42, ''] } : null),
  });
  try {
    await client.initialize();
    const first = client.diagnosticsFor(uri, 1);
    client.open(uri, DOCKERFILE, 1);
    assert.deepEqual(unreachableLines(await first), [DEV_LINE]);
    const titles = await lensTitles(client, uri);
    assert.equal(titles.get(DOCS_LINE), 'built by the stagewright.targets setting, target docs');
  } finally {
    await client.shutdown();
  }
});

test('the analysis cache keys on the targets: the same version with other targets is analysed again', async () => {
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { AnalysisCache } = await import('../../server/src/lsp/analysis-cache');
  const cache = new AnalysisCache();
  const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, DOCKERFILE);
  const lines = (targets?: { stage: string; by: string }[]) =>
    cache
      .get(document, targets ? { targets } : {})
      .findings.filter((f) => f.ruleId === 'unreachable-stage')
      .map((f) => f.range.start.line);
  assert.deepEqual(lines(), [DEV_LINE, DOCS_LINE]);
  assert.deepEqual(lines([{ stage: 'dev', by: 'compose.yaml: service api, target dev' }]), [DOCS_LINE]);
  assert.deepEqual(lines([{ stage: 'docs', by: 'Makefile: rule docs, target docs' }]), [DEV_LINE]);
  assert.equal(cache.parsed, 1, 'one parse of the version');
  assert.equal(cache.computed, 3, 'one analysis per set of targets');
  assert.deepEqual(lines([{ stage: 'docs', by: 'Makefile: rule docs, target docs' }]), [DEV_LINE]);
  assert.equal(cache.computed, 3, 'the same targets again: the cached analysis');
});

test('a build argument that compose.yaml passes is not held to its default in the editor', async () => {
  const workspace = path.join(dir, 'tools');
  mkdirSync(path.join(workspace, 'img'), { recursive: true });
  const text = 'ARG BASE_TAG\nFROM alpine:${BASE_TAG}\nRUN true\nUSER nobody\n';
  writeFileSync(path.join(workspace, 'img', 'Dockerfile'), text);
  writeFileSync(
    path.join(workspace, 'compose.yaml'),
    'services:\n  img:\n    build:\n      context: ./img\n      args:\n        BASE_TAG: "3.20"\n',
  );
  const uri = pathToFileURL(path.join(workspace, 'img', 'Dockerfile')).href;
  const invalidDefault = (diagnostics: Diagnostic[]) =>
    diagnostics.filter((d) => d.code === 'invalid-default-arg-in-from').map((d) => d.range.start.line);
  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'tools' }] });
  try {
    await client.initialize();
    const first = client.diagnosticsFor(uri, 1);
    client.open(uri, text, 1);
    assert.deepEqual(invalidDefault(await first), []);
    // compose.yaml stops passing it: the default is what a build gets again.
    writeFileSync(path.join(workspace, 'compose.yaml'), 'services:\n  img:\n    build: ./img\n');
    const updated = client.waitForDiagnostics(uri, (p) => invalidDefault(p.diagnostics).length > 0);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(workspace, 'compose.yaml')).href, type: 2 }],
    });
    assert.deepEqual(invalidDefault((await updated).diagnostics), [1]);
  } finally {
    await client.shutdown();
  }
});

test('a dev container configuration and a Bake named context reach the editor: no default or tag is held against them', async () => {
  // CouchDB's dev container gives FROM ${COUCHDB_IMAGE} through devcontainer.json's build.args;
  // lagoon's bake file replaces lagoon/yarn-workspace-builder with a target of its own.
  const workspace = path.join(dir, 'devc');
  mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
  const text = 'ARG COUCHDB_IMAGE\nFROM lagoon/yarn-workspace-builder AS builder\nFROM ${COUCHDB_IMAGE}\nUSER nobody\n';
  writeFileSync(path.join(workspace, '.devcontainer', 'Dockerfile'), text);
  writeFileSync(
    path.join(workspace, '.devcontainer', 'devcontainer.json'),
    '{\n  // built by VS Code\n  "build": { "dockerfile": "Dockerfile", "args": { "COUCHDB_IMAGE": "apache/couchdb:3" } },\n}\n',
  );
  const uri = pathToFileURL(path.join(workspace, '.devcontainer', 'Dockerfile')).href;
  const codes = (diagnostics: Diagnostic[]) =>
    diagnostics
      .filter((d) => d.code === 'invalid-default-arg-in-from' || d.code === 'base-image-untagged')
      .map((d) => `${d.range.start.line} ${d.code}`);
  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'devc' }] });
  try {
    await client.initialize();
    const first = client.diagnosticsFor(uri, 1);
    client.open(uri, text, 1);
    assert.deepEqual(codes(await first), ['1 base-image-untagged']);
    // devcontainer.json passes COUCHDB_IMAGE (no invalid default); nothing replaces the builder image yet.
    // Then a bake file builds the same Dockerfile with the context set, passing the argument too.
    writeFileSync(
      path.join(workspace, 'docker-bake.hcl'),
      'target "dev" {\n  context = ".devcontainer"\n  args = { COUCHDB_IMAGE = "apache/couchdb:3" }\n  contexts = { "lagoon/yarn-workspace-builder" = "target:builder" }\n}\n',
    );
    // With the dev container's configuration gone, the bake target is the only build, and it sets both.
    rmSync(path.join(workspace, '.devcontainer', 'devcontainer.json'));
    const updated = client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).length === 0);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(workspace, '.devcontainer', 'devcontainer.json')).href, type: 3 }],
    });
    assert.deepEqual(codes((await updated).diagnostics), []);
  } finally {
    await client.shutdown();
  }
});

test("an image the workspace's compose file builds is read from its Dockerfile in the editor", async () => {
  // elifesciences/journal's CI image starts from the app image that compose builds; the app's
  // Dockerfile sets the working directory the CI image's relative copies land in.
  const workspace = path.join(dir, 'own-image');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    path.join(workspace, 'Dockerfile'),
    'FROM php:8.3-fpm\nWORKDIR /srv/journal\nCOPY . .\nUSER www-data\n',
  );
  const text = 'FROM elifesciences/journal:latest\nCOPY .ci/ .ci/\nUSER www-data\n';
  writeFileSync(path.join(workspace, 'Dockerfile.ci'), text);
  const uri = pathToFileURL(path.join(workspace, 'Dockerfile.ci')).href;
  const codes = (diagnostics: Diagnostic[]) =>
    diagnostics
      .filter((d) => d.code === 'base-image-latest-tag' || d.code === 'relative-destination-without-workdir')
      .map((d) => `${d.range.start.line} ${d.code}`);
  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'journal' }] });
  try {
    await client.initialize();
    const first = client.diagnosticsFor(uri, 1);
    client.open(uri, text, 1);
    assert.deepEqual(codes(await first), ['0 base-image-latest-tag', '1 relative-destination-without-workdir']);
    writeFileSync(
      path.join(workspace, 'docker-compose.yml'),
      'services:\n  app:\n    build: .\n    image: elifesciences/journal:${IMAGE_TAG}\n',
    );
    const updated = client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).length === 0);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(workspace, 'docker-compose.yml')).href, type: 1 }],
    });
    assert.deepEqual(codes((await updated).diagnostics), []);
    // The app's Dockerfile loses its WORKDIR (the client watches Dockerfiles): the copy is reported again.
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM php:8.3-fpm\nCOPY . /srv/journal\nUSER www-data\n');
    const again = client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).length > 0);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(workspace, 'Dockerfile')).href, type: 2 }],
    });
    assert.deepEqual(codes((await again).diagnostics), ['1 relative-destination-without-workdir']);
  } finally {
    await client.shutdown();
  }
});

test('a Compose service on the mounted sources turns the package-cache warning into information in the editor', async () => {
  const workspace = path.join(dir, 'devapp');
  mkdirSync(workspace, { recursive: true });
  const text = 'FROM python:3.12\nRUN pip install -r requirements.txt\nWORKDIR /app\nCMD ["python", "app.py"]\n';
  writeFileSync(path.join(workspace, 'Dockerfile'), text);
  writeFileSync(
    path.join(workspace, 'compose.yaml'),
    'services:\n  app:\n    build: .\n    volumes:\n      - ./:/app\n',
  );
  const uri = pathToFileURL(path.join(workspace, 'Dockerfile')).href;
  const cache = (diagnostics: Diagnostic[]) =>
    diagnostics
      .filter((d) => d.code === 'package-cache-in-final-image')
      .map(
        (d) =>
          `${d.range.start.line} ${d.severity} ${String(d.message).includes('compose.yaml: service app mounts ./ at /app')}`,
      );
  const client = new LspTestClient({ workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'devapp' }] });
  try {
    await client.initialize();
    const first = client.diagnosticsFor(uri, 1);
    client.open(uri, text, 1);
    // DiagnosticSeverity.Information is 3, Warning 2.
    assert.deepEqual(cache(await first), ['1 3 true']);
    // The service no longer mounts the sources and names its image for a registry: it may be shipped.
    writeFileSync(
      path.join(workspace, 'compose.yaml'),
      'services:\n  app:\n    build: .\n    image: ghcr.io/acme/app\n',
    );
    const updated = client.waitForDiagnostics(uri, (p) => cache(p.diagnostics)[0]?.startsWith('1 2') ?? false);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(workspace, 'compose.yaml')).href, type: 2 }],
    });
    assert.deepEqual(cache((await updated).diagnostics), ['1 2 false']);
  } finally {
    await client.shutdown();
  }
});
