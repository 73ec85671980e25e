/**
 * The language server passes the document's path to the analysis: a Dockerfile whose name says it
 * builds a development image (`Dockerfile.dev`, a file in `.devcontainer/`) keeps its toolchain on
 * purpose, so toolchain-in-final-image stays silent there and fires on the same text elsewhere.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lsp-client';

const TEXT = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nUSER 65532\nCMD ["/out/app"]\n';
const toolchain = (findings: { code?: unknown }[]) => findings.filter((f) => f.code === 'toolchain-in-final-image');

test('server: toolchain-in-final-image is silent in Dockerfile.dev and .devcontainer, not in Dockerfile', async () => {
  const root = path.join(path.sep, 'projects', 'app');
  const plain = pathToFileURL(path.join(root, 'Dockerfile')).href;
  const dev = pathToFileURL(path.join(root, 'Dockerfile.dev')).href;
  const container = pathToFileURL(path.join(root, '.devcontainer', 'Dockerfile')).href;
  const client = new LspTestClient();
  await client.initialize();
  try {
    const waits = [plain, dev, container].map((uri) => client.diagnosticsFor(uri, 1));
    for (const uri of [plain, dev, container]) client.open(uri, TEXT, 1);
    const [onPlain, onDev, onContainer] = await Promise.all(waits);
    assert.equal(toolchain(onPlain!).length, 1, 'an ordinary Dockerfile that ships the Go toolchain');
    assert.deepEqual(toolchain(onDev!), [], 'Dockerfile.dev');
    assert.deepEqual(toolchain(onContainer!), [], '.devcontainer/Dockerfile');
  } finally {
    await client.shutdown();
  }
});
