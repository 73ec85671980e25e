import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { precisionProblems, readVerdicts, ROOT } from '../support/precision';

// The first false-alarm review (docs/precision.md): the set and its verdicts live in
// test/fixtures/precision.

const SET = path.join(ROOT, 'test', 'fixtures', 'precision');

test('the precision set reports exactly the judged warnings and errors', () => {
  const verdicts = readVerdicts(path.join(SET, 'verdicts.tsv'));
  const problems = precisionProblems(SET, verdicts, 'docs/precision.md');
  assert.deepEqual(problems, [], problems.join('\n'));
});
