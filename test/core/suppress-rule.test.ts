import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, applyEdits, codeActions } from '../../server/src/core';
import { extractCursor } from '../support/fixtures';

/** Applies the action with this title at the cursor and returns the new text. */
function apply(source: string, title: string): string {
  const { text, selection } = extractCursor(source);
  const actions = codeActions(analyze(text), selection);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action '${title}' among: ${actions.map((a) => a.title).join(' | ')}`);
  return applyEdits(text, action.edits());
}

// These tests are about suppressing one rule; the final-image checks (user, toolchain) that the
// short snippets also earn are beside the point here.
const QUIET = { rules: { 'root-user-in-final-image': 'off' as const, 'toolchain-in-final-image': 'off' as const } };
const ids = (text: string) => analyze(text, QUIET).findings.map((f) => f.ruleId);

describe('suppress-rule quick fix', () => {
  test('inserts a stagewright-ignore comment above the instruction, and the finding is gone', () => {
    const source =
      'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biu$0lder /app /app\nCOPY --from=biulder /b /b\n';
    const after = apply(source, 'Suppress copy-from-undefined-stage for this instruction');
    assert.equal(
      after,
      'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\n# stagewright-ignore copy-from-undefined-stage\nCOPY --from=biulder /app /app\nCOPY --from=biulder /b /b\n',
    );
    // Only that instruction is silenced: the same problem on the next line is still reported.
    const findings = analyze(after, QUIET).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line]),
      [['copy-from-undefined-stage', 6]],
    );
  });

  test('keeps the indentation of the instruction', () => {
    const source = 'FROM golang:1.22 AS Bu$0ilder\n  RUN go build -o /app .\n';
    const after = apply(source, 'Suppress stage-name-casing for this instruction');
    assert.equal(
      after,
      '# stagewright-ignore stage-name-casing\nFROM golang:1.22 AS Builder\n  RUN go build -o /app .\n',
    );
    const indented = apply(
      'FROM golang:1.22 AS builder\n\tCOPY --from=biul$0der /a /a\n',
      'Suppress copy-from-undefined-stage for this instruction',
    );
    assert.equal(
      indented,
      'FROM golang:1.22 AS builder\n\t# stagewright-ignore copy-from-undefined-stage\n\tCOPY --from=biulder /a /a\n',
    );
    assert.deepEqual(ids(indented), []);
  });

  test('extends an existing stagewright-ignore comment instead of stacking another', () => {
    const source =
      'FROM golang:1.22 AS builder\nFROM debian:bookworm-slim\n# stagewright-ignore stage-index-out-of-range -- reason kept\nCOPY --from=biu$0lder /a /a\n';
    const after = apply(source, 'Suppress copy-from-undefined-stage for this instruction');
    assert.equal(
      after,
      'FROM golang:1.22 AS builder\nFROM debian:bookworm-slim\n# stagewright-ignore stage-index-out-of-range, copy-from-undefined-stage -- reason kept\nCOPY --from=biulder /a /a\n',
    );
    assert.deepEqual(ids(after), []);
  });

  test('file-level suppression goes after the parser directives and keeps them working', () => {
    const source =
      '# syntax=docker/dockerfile:1\n# check=error=true\nFROM golang:1.22 AS Bu$0ilder\nFROM Builder AS Final\n';
    assert.deepEqual(
      analyze(extractCursor(source).text, QUIET).findings.map((f) => f.severity),
      ['error', 'error'],
    );
    const after = apply(source, 'Suppress stage-name-casing in this file');
    assert.equal(
      after,
      '# syntax=docker/dockerfile:1\n# check=error=true\n# stagewright-ignore-file stage-name-casing\nFROM golang:1.22 AS Builder\nFROM Builder AS Final\n',
    );
    assert.deepEqual(ids(after), []);
    // The directive still counts: a finding of another BuildKit-peered rule is still an error.
    const dup = analyze(after + 'FROM Final AS builder\n', QUIET).findings;
    assert.deepEqual(
      dup.map((f) => [f.ruleId, f.severity]),
      [['duplicate-stage-name', 'error']],
    );
  });

  test("uses the file's CRLF line breaks", () => {
    const after = apply(
      'FROM golang:1.22 AS Bu$0ilder\r\nRUN make\r\n',
      'Suppress stage-name-casing for this instruction',
    );
    assert.equal(after, '# stagewright-ignore stage-name-casing\r\nFROM golang:1.22 AS Builder\r\nRUN make\r\n');
    assert.deepEqual(ids(after), []);
  });

  test('offers nothing where there is no finding', () => {
    const { text, selection } = extractCursor('FROM golang:1.22 AS bu$0ilder\n');
    assert.deepEqual(
      codeActions(analyze(text), selection).map((a) => a.title),
      [],
    );
  });
});
