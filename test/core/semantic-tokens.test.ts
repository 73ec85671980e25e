import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile, semanticTokens, type SemanticToken } from '../../server/src/core';
import { encodeSemanticTokens } from '../../server/src/lsp/semantic-tokens';
import { loadCorpus } from '../support/corpus';

/** The token covering needle inside the nth occurrence (from 0) of context, as the core should report it. */
function tokenAt(
  text: string,
  context: string,
  nth: number,
  modifiers: SemanticToken[4],
  needle = context,
): SemanticToken {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(context, offset + 1);
    assert.ok(offset >= 0, `occurrence ${nth} of ${context} not found`);
  }
  offset += context.indexOf(needle);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return [line, character, needle.length, 'stage', modifiers];
}

const TEXT = [
  'FROM golang:1.22 AS Builder',
  'RUN --mount=type=cache,target=/root/.cache,from=builder go build -o /app .',
  'FROM builder AS test',
  'RUN go test ./...',
  'FROM debian:bookworm-slim',
  'COPY --from=builder /app /app',
  'COPY --from=nginx:alpine /etc/nginx /etc/nginx',
  'COPY --from=0 /go /go',
  'COPY --from=$STAGE /x /x',
].join('\n');

test('stage declarations and every reference that resolves to a stage', () => {
  assert.deepEqual(semanticTokens(parseDockerfile(TEXT)), [
    tokenAt(TEXT, 'Builder', 0, ['declaration']),
    tokenAt(TEXT, 'builder', 0, []),
    tokenAt(TEXT, 'builder', 1, []),
    tokenAt(TEXT, 'test', 0, ['declaration']),
    tokenAt(TEXT, 'builder', 2, []),
    tokenAt(TEXT, '--from=0', 0, [], '0'),
  ]);
});

test('images, variables and unknown names are not stages', () => {
  const text = 'FROM alpine\nCOPY --from=missing /a /b\nCOPY --from=${X} /a /b\nCOPY --from=7 /a /b\n';
  assert.deepEqual(semanticTokens(parseDockerfile(text)), []);
  // The ARG default makes this FROM name the stage, but what the user reads is a variable.
  const variable = 'ARG V=a\nFROM alpine AS base-a\nFROM base-${V}\n';
  assert.deepEqual(semanticTokens(parseDockerfile(variable)), [tokenAt(variable, 'base-a', 0, ['declaration'])]);
});

test('broken and binary input yields no tokens and does not throw', () => {
  for (const text of [
    '',
    'FROM',
    'FROM AS',
    'FROM a AS',
    'COPY --from= /a /b',
    '\u0000\u0001FROM a AS b',
    'FROM a AS b\\\nc',
  ]) {
    const tokens = semanticTokens(parseDockerfile(text));
    for (const [, , length] of tokens) assert.ok(length > 0);
  }
});

test('LSP encoding is relative to the previous token with modifier bits', () => {
  const tokens: SemanticToken[] = [
    [0, 20, 7, 'stage', ['declaration']],
    [1, 5, 7, 'stage', []],
    [1, 30, 3, 'stage', []],
  ];
  assert.deepEqual(encodeSemanticTokens(tokens), [0, 20, 7, 0, 1, 1, 5, 7, 0, 0, 0, 25, 3, 0, 0]);
});

test('on every corpus file tokens are sorted, disjoint, inside their line, and each covers a stage name', () => {
  const { files } = loadCorpus();
  for (const file of files) {
    const model = parseDockerfile(file.text);
    const lines = file.text.split(/\r\n|\r|\n/);
    const names = new Set(model.stages.map((s) => s.nameLower).filter((n): n is string => n !== null));
    let previous: SemanticToken | undefined;
    for (const token of semanticTokens(model)) {
      const [line, character, length] = token;
      const text = (lines[line] ?? '').slice(character, character + length);
      assert.equal(text.length, length, `${file.name}:${line + 1} token past the end of its line`);
      assert.ok(
        names.has(text.toLowerCase()) || /^[0-9]+$/.test(text),
        `${file.name}:${line + 1} ${JSON.stringify(text)} is no stage`,
      );
      if (previous)
        assert.ok(
          previous[0] < line || previous[1] + previous[2] <= character,
          `${file.name}:${line + 1} out of order`,
        );
      previous = token;
    }
  }
});
