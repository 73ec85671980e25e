import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { InitializeResult, ServerCapabilities } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core';
import { applyEdits } from '../../server/src/core';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspTestClient } from '../support/lsp-client';
import { fuzzRuns, fuzzSeed } from '../support/mutations';

/** The position-based requests a server may advertise, with the capability that announces each. */
const POSITION_REQUESTS: [keyof ServerCapabilities, string][] = [
  ['hoverProvider', 'textDocument/hover'],
  ['definitionProvider', 'textDocument/definition'],
  ['referencesProvider', 'textDocument/references'],
  ['documentHighlightProvider', 'textDocument/documentHighlight'],
  ['completionProvider', 'textDocument/completion'],
  ['renameProvider', 'textDocument/prepareRename'],
];
const DOCUMENT_REQUESTS: [keyof ServerCapabilities, string][] = [
  ['documentSymbolProvider', 'textDocument/documentSymbol'],
  ['foldingRangeProvider', 'textDocument/foldingRange'],
  ['codeLensProvider', 'textDocument/codeLens'],
  ['semanticTokensProvider', 'textDocument/semanticTokens/full'],
];

function paramsFor(method: string, uri: string, position = { line: 0, character: 0 }): Record<string, unknown> {
  const base: Record<string, unknown> = { textDocument: { uri }, position };
  if (method === 'textDocument/references') base.context = { includeDeclaration: true };
  return base;
}

/** Checks the server still answers: opens a document and waits for its diagnostics. */
async function stillAlive(client: LspTestClient, tag: string): Promise<void> {
  const uri = `file:///alive/${tag}/Dockerfile`;
  client.open(uri, 'FROM alpine AS a\nCOPY --from=9 /x /x\n');
  const diagnostics = await client.diagnosticsFor(uri, 1);
  assert.ok(
    diagnostics.some((d) => d.code === 'stage-index-out-of-range'),
    `${tag}: ${JSON.stringify(diagnostics)}`,
  );
  client.close(uri);
}

describe('protocol misuse', () => {
  let client: LspTestClient;
  let capabilities: ServerCapabilities;
  before(async () => {
    client = new LspTestClient();
    capabilities = ((await client.initialize()) as InitializeResult).capabilities;
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0, client.stderr.join(''));
  });

  test('an unknown request gets MethodNotFound and the server stays up', async () => {
    await assert.rejects(client.request('stagewright/noSuchThing', {}), (e: { code?: number }) => e.code === -32601);
    await stillAlive(client, 'unknown');
  });

  test('requests for documents never opened, or already closed, get empty answers', async () => {
    const uri = 'file:///never/opened/Dockerfile';
    const codeActions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(codeActions, []);
    const closed = 'file:///closed/Dockerfile';
    client.open(closed, 'FROM alpine\n');
    await client.diagnosticsFor(closed, 1);
    client.close(closed);
    for (const [capability, method] of [...POSITION_REQUESTS, ...DOCUMENT_REQUESTS]) {
      if (!capabilities[capability]) continue;
      for (const target of [uri, closed]) {
        const answer = await client.request<unknown>(method, paramsFor(method, target));
        const empty =
          answer === null ||
          (Array.isArray(answer) && answer.length === 0) ||
          (typeof answer === 'object' &&
            answer !== null &&
            'data' in answer &&
            (answer as { data: unknown[] }).data.length === 0);
        assert.ok(empty, `${method} on ${target}: ${JSON.stringify(answer)}`);
      }
    }
    await stillAlive(client, 'unopened');
  });

  test('invalid params get an error or an empty answer, never a crash', async () => {
    const garbage: unknown[] = [
      null,
      {},
      { textDocument: 5 },
      { textDocument: { uri: 42 }, position: 'x' },
      { textDocument: { uri: 'file:///x' }, position: { line: -5, character: 1e9 } },
    ];
    const methods = [
      'textDocument/codeAction',
      'codeAction/resolve',
      ...[...POSITION_REQUESTS, ...DOCUMENT_REQUESTS].filter(([c]) => capabilities[c]).map(([, m]) => m),
    ];
    for (const method of methods) {
      for (const params of garbage) {
        try {
          await client.request(method, params);
        } catch (error) {
          assert.equal(typeof (error as { code?: unknown }).code, 'number', `${method}: ${String(error)}`);
        }
      }
    }
    await stillAlive(client, 'garbage');
  });

  test('positions past the end of lines and of the document are answered', async () => {
    const uri = 'file:///positions/Dockerfile';
    client.open(uri, 'FROM golang:1.22 AS builder\nFROM debian\nCOPY --from=builder /a /a\n');
    await client.diagnosticsFor(uri, 1);
    for (const [capability, method] of POSITION_REQUESTS) {
      if (!capabilities[capability]) continue;
      for (const position of [
        { line: 0, character: 500 },
        { line: 99, character: 0 },
        { line: 2, character: 13 },
      ]) {
        await client.request(method, paramsFor(method, uri, position));
      }
    }
    client.close(uri);
    await stillAlive(client, 'positions');
  });

  test('a cancelled request does not disturb the server', async () => {
    const uri = 'file:///cancel/Dockerfile';
    client.open(uri, 'FROM alpine\nCOPY --from=9 /a /a\n'.repeat(300));
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 599, character: 0 } },
        context: { diagnostics: [] },
      },
      source.token,
    );
    source.cancel();
    // Either answered before the cancellation arrived, or cancelled with the protocol's error.
    await pending.then(
      (answer) => assert.ok(Array.isArray(answer)),
      (error: { code?: number }) => assert.equal(error.code, -32800),
    );
    client.close(uri);
    await stillAlive(client, 'cancel');
  });

  const hostile: [string, string][] = [
    [
      'a 10 MB document',
      'FROM alpine AS a\n' +
        'RUN echo 0123456789012345678901234567890123456789012345678901234567890123456789\n'.repeat(130_000) +
        'FROM a\nCOPY --from=b /x /x\n',
    ],
    ['a 1 MB single line', 'FROM alpine\nRUN echo ' + 'x'.repeat(1024 * 1024) + '\n'],
    ['NUL bytes', 'FROM alpine\u0000\nRUN \u0000\u0000\n'],
    ['lone UTF-16 surrogates', 'FROM alpine AS \ud800\nCOPY --from=\udc00 /a /a\n'],
    ['only a byte order mark', '\ufeff'],
    ['an empty document', ''],
    ['an unterminated heredoc and continuation', 'FROM alpine\nRUN <<EOF\necho \\\n'],
  ];
  for (const [name, text] of hostile) {
    test(`${name} gets diagnostics and the server stays up`, { timeout: 120_000 }, async () => {
      const uri = `file:///hostile/${encodeURIComponent(name)}/Dockerfile`;
      client.open(uri, text);
      // Generous: this is a hang guard, not a speed check (the benchmark measures speed).
      const diagnostics = await client.diagnosticsFor(uri, 1, 110_000);
      assert.ok(Array.isArray(diagnostics));
      client.close(uri);
      await stillAlive(client, name.replace(/\W+/g, '-'));
    });
  }
});

describe('incremental sync', () => {
  const BASE =
    'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim AS Runtime\nCOPY --from=biulder /app /app\nCOPY --from=7 /x /x\n';

  /** A random edit expressed both as an LSP change and as the text it produces. */
  function editArb(text: string) {
    const lines = text.split('\n');
    const pos = fc
      .nat({ max: lines.length - 1 })
      .chain((line) => fc.nat({ max: lines[line]!.length }).map((character) => ({ line, character })));
    return fc
      .tuple(
        pos,
        pos,
        fc.constantFrom('', 'x', 'builder', '\n', 'COPY --from=', '\nFROM alpine AS b\n', '9', '\r\n', '🐳', 'é'),
      )
      .map(([a, b, insert]) => {
        const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
        return { range: { start, end }, text: insert };
      });
  }

  test('random incremental edits keep the server in step with the client', { timeout: 300_000 }, async () => {
    const client = new LspTestClient();
    await client.initialize();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.nat(), async (count, salt) => {
        const uri = `file:///sync/${round++}/Dockerfile`;
        let text = BASE;
        client.open(uri, text);
        await client.diagnosticsFor(uri, 1);
        let version = 1;
        for (let i = 0; i < count; i++) {
          const edit = fc.sample(editArb(text), { seed: salt + i, numRuns: 1 })[0]!;
          text = applyEdits(text, [{ range: edit.range, newText: edit.text }]);
          version = client.change(uri, [edit]);
        }
        const diagnostics = await client.diagnosticsFor(uri, version);
        const expected = analyze(text).findings.map((f) => `${f.ruleId} ${JSON.stringify(f.range)} ${f.message}`);
        assert.deepEqual(
          diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`),
          expected,
        );
        client.close(uri);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(60), includeErrorInReport: true },
    );
    assert.equal(await client.shutdown(), 0);
  });

  test('a stale or repeated version is survived', async () => {
    const client = new LspTestClient();
    await client.initialize();
    const uri = 'file:///stale/Dockerfile';
    client.open(uri, BASE, 5);
    await client.diagnosticsFor(uri, 5);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: 'FROM alpine\n' }],
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: 'FROM alpine\nCOPY --from=4 /a /a\n' }],
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///not/open', version: 2 },
      contentChanges: [{ text: 'x' }],
    });
    await stillAlive(client, 'stale');
    assert.equal(await client.shutdown(), 0);
  });
});
