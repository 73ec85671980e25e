import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// The false-alarm reviews (docs/precision.md, docs/precision-2.md): every warning and error the
// checker reports on a precision set was judged by hand in a verdicts.tsv. A set is analysed through
// the built command line tool, so the run sees exactly what `stagewright check` sees.

export const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/**
 * The folder of a precision set's Dockerfiles, one folder per manifest id. Sets from the eighth on
 * keep copies in the repository, `test/fixtures/<name>/files/<id>/<file>` (each project's
 * licence files beside them in `licences/<id>/`). The earlier ones are read from
 * `$STAGEWRIGHT_PRECISION_SETS/<name>` when that variable is set, else from the shared folder beside
 * the repository (`../shared/<name>`). Null, with a note on stderr, when neither is there (a user's
 * clone has none of the earlier ones); each file can then be fetched from the repository, path and
 * commit in `test/fixtures/<name>/MANIFEST.tsv`. The folders must be exactly the manifest's ids.
 */
export function externalSet(name: string): string | null {
  const kept = path.join(ROOT, 'test', 'fixtures', name, 'files');
  const base = process.env.STAGEWRIGHT_PRECISION_SETS || path.join(ROOT, '..', 'shared');
  const set = existsSync(kept) ? kept : path.join(base, name);
  if (!existsSync(set)) {
    process.stderr.write(
      `note: ${set} is missing (a user clone has none); the ${name} review is not checked. Each file can be ` +
        `fetched from the repository, path and commit in test/fixtures/${name}/MANIFEST.tsv, one folder per id; ` +
        'STAGEWRIGHT_PRECISION_SETS names the folder that holds the sets\n',
    );
    return null;
  }
  const ids = readFileSync(path.join(ROOT, 'test', 'fixtures', name, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((row) => row.trim() !== '')
    .map((row) => row.split('\t')[0]);
  const folders = readdirSync(set, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  assert.deepEqual(folders.sort(), [...ids].sort(), `the folders of ${set} are the manifest ids`);
  return set;
}

export interface Verdict {
  file: string;
  line: number;
  rule: string;
  verdict: 'true' | 'false';
  why: string;
  /** The severity it was judged at, where the table records one (information.tsv). */
  severity?: string;
}

export interface Finding {
  rule: string;
  severity: string;
  line: number;
  message: string;
}

export function readVerdicts(file: string): Verdict[] {
  const rows = readFileSync(file, 'utf8').split('\n');
  assert.deepEqual(rows[0]?.split('\t'), ['file', 'line', 'rule', 'verdict', 'why'], 'verdicts.tsv header');
  const verdicts: Verdict[] = [];
  for (const [i, row] of rows.slice(1).entries()) {
    if (row.trim() === '') continue;
    const [file, line, rule, verdict, why] = row.split('\t');
    assert.ok(
      file && line && rule && why && (verdict === 'true' || verdict === 'false'),
      `verdicts.tsv row ${i + 2} is malformed: ${row}`,
    );
    assert.match(line, /^[1-9]\d*$/, `verdicts.tsv row ${i + 2}: line must be a 1-based number`);
    verdicts.push({ file, line: Number(line), rule, verdict, why });
  }
  return verdicts;
}

/** Runs `stagewright check --format json` over a set's folder; findings by `NN-id/<file>`. */
export function runChecker(set: string, options: string[] = [], files?: readonly string[]): Map<string, Finding[]> {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  // The files by name where the caller lists them: a walk of the folder finds Dockerfiles by their
  // names, and a repository may name one otherwise (DopplerHQ/cli's `docker/alpine`).
  const paths = files ? files.map((f) => path.join(set, f)) : [set];
  const r = spawnSync(process.execPath, [CLI, 'check', ...options, '--format', 'json', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(r.stdout, `the checker printed nothing (exit ${r.status}): ${r.stderr}`);
  const report = JSON.parse(r.stdout) as {
    files: { path: string; skipped: string | null; findings: Finding[] }[];
  };
  const byFile = new Map<string, Finding[]>();
  for (const f of report.files) {
    const rel = path.relative(set, path.resolve(ROOT, f.path)).split(path.sep).join('/');
    assert.equal(f.skipped, null, `${rel} was skipped: ${f.skipped}`);
    byFile.set(rel, f.findings);
  }
  return byFile;
}

const key = (file: string, line: number, rule: string) => `${file}:${line} ${rule}`;

export interface ReviewScope {
  /** The severities the review judged (default: warnings and errors). */
  severities?: readonly string[];
  /** The table a new finding is to be added to (default: verdicts.tsv). */
  table?: string;
  /** Options for `stagewright check` (`--no-config`). */
  checkOptions?: string[];
  /**
   * Judged false alarms left unfixed on purpose, as `file:line rule` with the reason in the review's
   * document: they may still fire, and every other judged false alarm must not.
   */
  leftOpen?: readonly string[];
  /**
   * Judged true findings no longer reported on purpose, as `file:line rule`: a fix made a rule stop
   * claiming what the Dockerfile alone cannot show (the review's document names each and why).
   */
  trueDropped?: readonly string[];
}

/**
 * The problems between a set's report and its verdicts: a judged-true finding no longer reported, a
 * judged false alarm reported again, a finding at another severity than judged, or a finding of the
 * judged severities nobody judged. Empty when they agree.
 */
export function precisionProblems(
  set: string,
  verdicts: readonly Verdict[],
  doc: string,
  scope: ReviewScope = {},
): string[] {
  const severities = scope.severities ?? ['warning', 'error'];
  const table = scope.table ?? 'verdicts.tsv';
  // One file per folder: named `Dockerfile` in the sets before the fourteenth, by its name in its
  // repository from the fourteenth on (`Dockerfile.dev`, `api.Dockerfile`), which rules may read.
  const dockerfiles = readdirSync(set, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const names = readdirSync(path.join(set, d.name));
      assert.equal(names.length, 1, `${d.name} holds one file, not ${names.join(', ')}`);
      return `${d.name}/${names[0]}`;
    });
  assert.ok(dockerfiles.length >= 60, `the set holds ${dockerfiles.length} Dockerfiles, fewer than 60`);
  const byFile = runChecker(set, scope.checkOptions, dockerfiles);
  for (const file of dockerfiles) assert.ok(byFile.has(file), `${file} was not analysed`);

  // Count reported warnings and errors by file, line and rule (one line may carry the same rule twice),
  // and every finding at any severity: a true finding a rule now shows as information is still shown.
  const reported = new Map<string, { count: number; severity: string; message: string }>();
  const shown = new Map<string, number>();
  for (const [file, findings] of byFile) {
    for (const f of findings) {
      assert.notEqual(f.rule, 'internal-error', `${file}: ${f.message}`);
      const any = key(file, f.line, f.rule);
      shown.set(any, (shown.get(any) ?? 0) + 1);
      if (!severities.includes(f.severity)) continue;
      const k = key(file, f.line, f.rule);
      const entry = reported.get(k) ?? { count: 0, severity: f.severity, message: f.message };
      entry.count++;
      reported.set(k, entry);
    }
  }

  const judged = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    assert.ok(byFile.has(v.file), `${table} names ${v.file}, which is not in the set`);
    const k = key(v.file, v.line, v.rule);
    judged.set(k, [...(judged.get(k) ?? []), v]);
  }

  // A true finding must still be reported; a judged false alarm must stay silent (the fix of its
  // cause is what this test keeps); anything else reported is new and must be judged.
  const problems: string[] = [];
  for (const k of scope.leftOpen ?? [])
    if (!judged.get(k)?.some((v) => v.verdict === 'false'))
      problems.push(`${k}: left open, but not a judged false alarm.`);
  for (const k of scope.trueDropped ?? []) {
    if (!judged.get(k)?.some((v) => v.verdict === 'true'))
      problems.push(`${k}: dropped, but not a judged true finding.`);
    else if (reported.has(k)) problems.push(`${k}: named as dropped, but still reported.`);
  }
  for (const [k, rows] of judged) {
    const got = reported.get(k)?.count ?? 0;
    const trueRows = rows.filter((v) => v.verdict === 'true').length;
    const falseAlarm = rows.find((v) => v.verdict === 'false');
    if ((shown.get(k) ?? 0) < trueRows && !scope.trueDropped?.includes(k))
      problems.push(`${k}: judged a true finding (${rows[0]?.why}) but no longer reported.`);
    else if (got > trueRows && falseAlarm && !scope.leftOpen?.includes(k))
      problems.push(`${k}: a judged false alarm fires (${falseAlarm.why}).`);
    const severity = reported.get(k)?.severity;
    if (severity && rows[0]?.severity && severity !== rows[0].severity)
      problems.push(`${k}: reported as ${severity}, judged as ${rows[0].severity}.`);
  }
  for (const [k, { count, severity, message }] of reported) {
    const rows = judged.get(k)?.length ?? 0;
    if (count <= rows || judged.get(k)?.some((v) => v.verdict === 'false')) continue;
    const what = severity === 'error' ? 'error-severity finding' : severity;
    problems.push(
      `${k}: new, unjudged ${what} (${message}). Judge it from the Dockerfile and docs/rules/, ` +
        `add it to ${table} and ${doc}.`,
    );
  }
  return problems;
}
