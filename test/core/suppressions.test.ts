import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, parseCheckDirective } from '../../server/src/core';
import { checkFixture } from '../support/check-fixture';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'suppressions');

describe('suppression fixtures', () => {
  for (const file of readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()) {
    test(file, () => {
      checkFixture(readFileSync(path.join(FIXTURES, file), 'utf8'));
    });
  }
});

describe('check directive', () => {
  test('parses skip lists, all and error like BuildKit', () => {
    assert.deepEqual(parseCheckDirective('skip=A, B;error=true'), { skip: ['A', 'B'], skipAll: false, error: true });
    assert.deepEqual(parseCheckDirective('skip=all'), { skip: [], skipAll: true, error: false });
    assert.deepEqual(parseCheckDirective('error=false'), { skip: [], skipAll: false, error: false });
    assert.deepEqual(parseCheckDirective('garbage'), { skip: [], skipAll: false, error: false });
  });

  test('the fixtures would fail without the suppression (the rules do fire there)', () => {
    const text =
      'FROM golang:1.22 AS Build\nRUN go build -o /app .\n\nFROM debian:bookworm-slim AS build\nCOPY --from=Build /app /app\nUSER nobody\n';
    const ids = analyze(text)
      .findings.map((f) => f.ruleId)
      .sort();
    assert.deepEqual(ids, ['duplicate-stage-name', 'stage-name-casing']);
    const skipped = analyze('# check=skip=StageNameCasing\n' + text).findings.map((f) => f.ruleId);
    assert.deepEqual(skipped, ['duplicate-stage-name']);
  });

  test('suppression keeps findings of other rules and never throws on odd comments', () => {
    const text =
      '#\n# stagewright-ignore\n# hadolint ignore=\n# stagewright-ignore-file\nFROM a:1 AS Builder\n# stagewright-ignore\nUSER nobody\n';
    assert.deepEqual(
      analyze(text).findings.map((f) => f.ruleId),
      ['stage-name-casing'],
    );
  });
});
