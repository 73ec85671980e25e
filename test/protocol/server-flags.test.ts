/**
 * The Node flags the extension starts the server with: every one is accepted by the runtime that
 * starts it (Node exits with "bad option" on a V8 flag it does not know), and the server answers
 * under them as it does without them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { SERVER_NODE_FLAGS, serverNodeFlags } from '../../client/src/server-flags';
import { LspTestClient } from '../support/lsp-client';

const TEXT =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n';

describe('server flags', () => {
  test("keep the optimising compiler, bound the young generation and the old generation's growth", () => {
    for (const v8 of ['11.3.244.8-node.33', '12.4.254.21-electron.0', process.versions.v8]) {
      const flags = serverNodeFlags(v8);
      assert.ok(flags.includes('--max-semi-space-size=1'), v8);
      assert.ok(flags.includes('--heap-growing-percent=100'), v8);
      assert.ok(!flags.some((f) => f.startsWith('--max-opt') || f === '--no-opt' || f === '--optimize-for-size'), v8);
    }
    assert.deepEqual(SERVER_NODE_FLAGS, serverNodeFlags(process.versions.v8));
  });

  test('are accepted by this runtime', () => {
    const run = spawnSync(
      process.execPath,
      [
        ...SERVER_NODE_FLAGS,
        '-e',
        `process.stdout.write(process.execArgv.slice(0, ${SERVER_NODE_FLAGS.length}).join(' '))`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, SERVER_NODE_FLAGS.join(' '));
  });

  test('the server answers the same with and without them', async () => {
    const answers: Array<{ diagnostics: Diagnostic[]; hover: Hover | null }> = [];
    for (const nodeArgs of [[...SERVER_NODE_FLAGS], []]) {
      const client = new LspTestClient({ nodeArgs });
      try {
        await client.initialize();
        const uri = 'file:///workspace/flags/Dockerfile';
        const arrived = client.diagnosticsFor(uri, 1);
        client.open(uri, TEXT);
        const diagnostics = await arrived;
        const hover = await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line: 4, character: 14 },
        });
        answers.push({ diagnostics, hover });
      } finally {
        assert.equal(await client.shutdown(), 0);
      }
    }
    assert.ok(answers[0]!.hover && JSON.stringify(answers[0]!.hover.contents).includes('builder'));
    assert.deepStrictEqual(answers[0], answers[1]);
  });
});
