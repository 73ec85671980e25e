import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { externalSet, precisionProblems, readVerdicts, ROOT } from '../support/precision';

// The second false-alarm review (docs/precision-2.md). The verdicts and the manifest are kept in
// test/fixtures/precision-2; the Dockerfiles belong to their projects and are read from outside the
// repository (support/precision.ts, externalSet).

test('the second precision set reports exactly the judged warnings and errors', (t) => {
  const set = externalSet('precision-2');
  if (!set) return t.skip('the second precision set is missing');
  const verdicts = readVerdicts(path.join(ROOT, 'test', 'fixtures', 'precision-2', 'verdicts.tsv'));
  const problems = precisionProblems(set, verdicts, 'docs/precision-2.md');
  assert.deepEqual(problems, [], problems.join('\n'));
});
