import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InitializeResult, SemanticTokens } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///workspace/semantic/Dockerfile';
const TEXT =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n';

/** Decodes the relative wire format back to absolute [line, character, length, type, modifiers] with names. */
function decode(
  data: number[],
  legend: { tokenTypes: string[]; tokenModifiers: string[] },
): [number, number, number, string, string[]][] {
  const out: [number, number, number, string, string[]][] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, ds, length, type, bits] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    character = dl === 0 ? character + ds : ds;
    out.push([
      line,
      character,
      length,
      legend.tokenTypes[type]!,
      legend.tokenModifiers.filter((_, b) => bits & (1 << b)),
    ]);
  }
  return out;
}

test('semantic tokens: the legend is announced and stage names come back for the open version', async () => {
  const client = new LspTestClient();
  const init: InitializeResult = await client.initialize();
  const provider = init.capabilities.semanticTokensProvider;
  assert.ok(provider, 'semanticTokensProvider announced');
  assert.equal(provider.full, true);
  const legend = provider.legend;
  assert.ok(legend.tokenTypes.includes('stage'));
  assert.ok(legend.tokenModifiers.includes('declaration'));

  client.open(URI, TEXT, 1);
  const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
    textDocument: { uri: URI },
  });
  const declaration = TEXT.split('\n')[0]!.indexOf('builder');
  const reference = TEXT.split('\n')[3]!.indexOf('builder');
  assert.deepEqual(decode(first.data, legend), [
    [0, declaration, 7, 'stage', ['declaration']],
    [3, reference, 7, 'stage', []],
  ]);

  // Rename the stage in the AS only: the COPY no longer names a stage.
  client.change(URI, [
    {
      range: { start: { line: 0, character: declaration }, end: { line: 0, character: declaration + 7 } },
      text: 'build',
    },
  ]);
  const second = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
    textDocument: { uri: URI },
  });
  assert.deepEqual(decode(second.data, legend), [[0, declaration, 5, 'stage', ['declaration']]]);

  const unknown = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
    textDocument: { uri: 'file:///nope/Dockerfile' },
  });
  assert.deepEqual(unknown.data, []);
  assert.equal(await client.shutdown(), 0);
});
