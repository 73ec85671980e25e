import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { precisionProblems, readVerdicts, ROOT } from '../support/precision';

// The second false-alarm review (docs/precision-2.md). The verdicts and the manifest are kept in
// test/fixtures/precision-2; the Dockerfiles belong to their projects and sit in the shared folder
// beside the repository (../shared/precision-2), one folder per manifest id.

const SET = path.join(ROOT, '..', 'shared', 'precision-2');
const KEPT = path.join(ROOT, 'test', 'fixtures', 'precision-2');

test('the second precision set reports exactly the judged warnings and errors', (t) => {
  if (!existsSync(SET)) {
    process.stderr.write(
      'note: ../shared/precision-2 is missing (a user clone has none); the second precision set is not checked. ' +
        'Each file can be fetched from the repository, path and commit in test/fixtures/precision-2/MANIFEST.tsv\n',
    );
    t.skip('../shared/precision-2 is missing');
    return;
  }
  const ids = readFileSync(path.join(KEPT, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((row) => row.trim() !== '')
    .map((row) => row.split('\t')[0]);
  const folders = readdirSync(SET, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  assert.deepEqual(folders.sort(), [...ids].sort(), 'the folders of ../shared/precision-2 are the manifest ids');

  const verdicts = readVerdicts(path.join(KEPT, 'verdicts.tsv'));
  const problems = precisionProblems(SET, verdicts, 'docs/precision-2.md');
  assert.deepEqual(problems, [], problems.join('\n'));
});
