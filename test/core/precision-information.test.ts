import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { externalSet, precisionProblems, ROOT, runChecker, type Verdict } from '../support/precision';

// The information and hint findings of the second precision set, judged by hand in
// test/fixtures/precision-2/information.tsv (docs/precision-2-information.md). The Dockerfiles
// belong to their projects and are read from outside the repository (support/precision.ts,
// externalSet); each is analysed alone with default settings, as `stagewright check
// --no-config` does. A judged true finding must still be reported, a judged false alarm must stay
// silent (its cause was fixed), and an information or hint finding nobody judged fails the test.

const SET_1 = path.join(ROOT, 'test', 'fixtures', 'precision');
const TABLE = path.join(ROOT, 'test', 'fixtures', 'precision-2', 'information.tsv');

type Row = Verdict & { severity: 'information' | 'hint' };

function readRows(): Row[] {
  const lines = readFileSync(TABLE, 'utf8').split('\n');
  assert.deepEqual(
    lines[0]?.split('\t'),
    ['file', 'line', 'rule', 'severity', 'verdict', 'why'],
    'information.tsv header',
  );
  const rows: Row[] = [];
  for (const [i, text] of lines.slice(1).entries()) {
    if (text.trim() === '') continue;
    const [file, line, rule, severity, verdict, why] = text.split('\t');
    assert.ok(
      file &&
        line &&
        rule &&
        why &&
        (severity === 'information' || severity === 'hint') &&
        (verdict === 'true' || verdict === 'false'),
      `information.tsv row ${i + 2} is malformed: ${text}`,
    );
    assert.match(line, /^[1-9]\d*$/, `information.tsv row ${i + 2}: line must be a 1-based number`);
    rows.push({ file, line: Number(line), rule, severity, verdict, why });
  }
  return rows;
}

test('the information and hint findings of the second precision set are the judged ones', (t) => {
  const set = externalSet('precision-2');
  if (!set) return t.skip('the second precision set is missing');
  const rows = readRows();
  assert.ok(rows.length >= 100, `information.tsv holds ${rows.length} rows, fewer than the 105 judged`);
  const problems = precisionProblems(set, rows, 'docs/precision-2-information.md', {
    severities: ['information', 'hint'],
    table: 'information.tsv',
    checkOptions: ['--no-config'],
  });
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('the root-user false alarms of the first precision set stay silent', () => {
  // Judged in docs/precision.md: valkey's official-image entrypoint steps down with setpriv (shipped by
  // Debian's util-linux) to the valkey system account the Dockerfile makes; stefanscherer's
  // node-windows base is a Windows image, which has no root user.
  const byFile = runChecker(SET_1, ['--no-config']);
  for (const file of ['31-valkey-io-valkey-container/Dockerfile', '76-stefanscherer-dockerfiles-windows/Dockerfile']) {
    const findings = byFile.get(file);
    assert.ok(findings, `${file} was not analysed`);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'root-user-in-final-image').map((f) => `${f.line}: ${f.message}`),
      [],
      `${file}: a judged false alarm of root-user-in-final-image fires`,
    );
  }
});
