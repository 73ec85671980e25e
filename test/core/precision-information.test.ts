import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

// The information and hint findings of the second precision set, judged by hand in
// test/fixtures/precision-2/information.tsv (docs/precision-2-information.md). The Dockerfiles
// belong to their projects and sit in the shared folder beside the repository
// (../shared/precision-2); each is analysed alone with default settings, as `stagewright check
// --no-config` does. A judged true finding must still be reported, a judged false alarm must stay
// silent (its cause was fixed), and an information or hint finding nobody judged fails the test.

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SET_2 = path.join(ROOT, '..', 'shared', 'precision-2');
const SET_1 = path.join(ROOT, 'test', 'fixtures', 'precision');
const TABLE = path.join(ROOT, 'test', 'fixtures', 'precision-2', 'information.tsv');

interface Row {
  file: string;
  line: number;
  rule: string;
  severity: 'information' | 'hint';
  verdict: 'true' | 'false';
  why: string;
}

interface Finding {
  rule: string;
  severity: string;
  line: number;
  message: string;
}

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

/** The findings of `stagewright check --no-config --format json` over a set, by `NN-id/Dockerfile`. */
function check(set: string): Map<string, Finding[]> {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  const r = spawnSync(process.execPath, [CLI, 'check', '--no-config', '--format', 'json', set], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(r.stdout, `the checker printed nothing (exit ${r.status}): ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { files: { path: string; skipped: string | null; findings: Finding[] }[] };
  const byFile = new Map<string, Finding[]>();
  for (const f of report.files) {
    const rel = path.relative(set, path.resolve(ROOT, f.path)).split(path.sep).join('/');
    assert.equal(f.skipped, null, `${rel} was skipped: ${f.skipped}`);
    byFile.set(rel, f.findings);
  }
  return byFile;
}

const key = (file: string, line: number, rule: string) => `${file}:${line} ${rule}`;

test('the information and hint findings of the second precision set are the judged ones', (t) => {
  if (!existsSync(SET_2)) {
    process.stderr.write(
      'note: ../shared/precision-2 is missing (a user clone has none); its information and hint verdicts are not checked\n',
    );
    t.skip('../shared/precision-2 is missing');
    return;
  }
  const rows = readRows();
  assert.ok(rows.length >= 100, `information.tsv holds ${rows.length} rows, fewer than the 105 judged`);
  const byFile = check(SET_2);

  const reported = new Map<string, { count: number; severity: string; message: string }>();
  for (const [file, findings] of byFile) {
    for (const f of findings) {
      assert.notEqual(f.rule, 'internal-error', `${file}: ${f.message}`);
      if (f.severity !== 'information' && f.severity !== 'hint') continue;
      const k = key(file, f.line, f.rule);
      const entry = reported.get(k) ?? { count: 0, severity: f.severity, message: f.message };
      entry.count++;
      reported.set(k, entry);
    }
  }
  const judged = new Map<string, Row[]>();
  for (const row of rows) {
    assert.ok(byFile.has(row.file), `information.tsv names ${row.file}, which is not in the set`);
    const k = key(row.file, row.line, row.rule);
    judged.set(k, [...(judged.get(k) ?? []), row]);
  }

  const problems: string[] = [];
  for (const [k, judgedRows] of judged) {
    const got = reported.get(k);
    const trueRows = judgedRows.filter((r) => r.verdict === 'true').length;
    const falseAlarm = judgedRows.find((r) => r.verdict === 'false');
    if ((got?.count ?? 0) < trueRows)
      problems.push(`${k}: judged true (${judgedRows[0]?.why}) but no longer reported.`);
    else if ((got?.count ?? 0) > trueRows && falseAlarm)
      problems.push(`${k}: a judged false alarm fires (${falseAlarm.why}).`);
    if (got && got.severity !== judgedRows[0]?.severity)
      problems.push(`${k}: reported as ${got.severity}, judged as ${judgedRows[0]?.severity}.`);
  }
  for (const [k, { count, message }] of reported) {
    if (count <= (judged.get(k)?.length ?? 0) || judged.get(k)?.some((r) => r.verdict === 'false')) continue;
    problems.push(
      `${k}: new, unjudged information or hint finding (${message}). Judge it from the Dockerfile and ` +
        'docs/rules/, add it to information.tsv and docs/precision-2-information.md.',
    );
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('the root-user false alarms of the first precision set stay silent', () => {
  // Judged in docs/precision.md: valkey's official-image entrypoint steps down with setpriv (shipped by
  // Debian's util-linux) to the valkey system account the Dockerfile makes; stefanscherer's
  // node-windows base is a Windows image, which has no root user.
  const byFile = check(SET_1);
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
