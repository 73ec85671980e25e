/**
 * The CLI as people expect a linter's CLI to behave: help per command, one-line errors with a hint,
 * exit 2 for a path without Dockerfiles, colour only on a terminal, checkstyle and GitLab Code
 * Quality reports, and the project config file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { RUNTIME_FAMILIES } from '../../server/src/core';

// xml2js (a strict SAX-based XML reader) comes with @vscode/vsce; it has no types of its own.
const { parseStringPromise } = require('xml2js') as {
  parseStringPromise(xml: string, options: { strict: boolean }): Promise<unknown>;
};

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-conventions-'));
// A repository root, so the config search stops here.
mkdirSync(path.join(dir, '.git'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env, ...options.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR']) if (!options.env || !(key in options.env)) delete env[key];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? dir, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Two findings: a warning on line 5 (a typo of the stage) and an error on line 6 (no stage 5). */
const TWO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nCOPY --from=5 /x /x\nUSER nobody\n';

function project(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('help and errors', () => {
  test('--help, -h and help <command> print the help of that command on stdout and exit 0', () => {
    for (const args of [
      ['check', '--help'],
      ['check', '-h'],
      ['help', 'check'],
      ['check', 'x', '--help'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^Usage: stagewright check \[options\] \[paths\.\.\.\]/, args.join(' '));
      assert.match(r.stdout, /--format <f>/);
      assert.doesNotMatch(r.stdout, /Usage: stagewright split/);
    }
    for (const args of [
      ['split', '--help'],
      ['split', '-h'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Usage: stagewright split \[options\] \[Dockerfile\]/);
      assert.doesNotMatch(r.stdout, /--format/);
    }
    const top = run(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: stagewright <command>/);
    assert.match(top.stdout, /^ {2}check {2,}\S/m);
    assert.match(top.stdout, /^ {2}split {2,}\S/m);
  });

  test('--version prints the package version', () => {
    const version = (require('../../package.json') as { version: string }).version;
    assert.equal(run(['--version']).stdout, `${version}\n`);
    assert.equal(run(['-v']).stdout, `${version}\n`);
  });

  test("split's help names every runtime family the README names, and says any image is taken", () => {
    const help = run(['split', '--help']).stdout;
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const named = /--runtime[^\n]*# pick a runtime: ([^\n]*)/.exec(readme);
    assert.ok(named, 'the README shows --runtime with the families');
    const families = named[1]!.split(/,\s*/).filter((w) => /^[a-z]+$/.test(w));
    assert.deepEqual(families, [...RUNTIME_FAMILIES]);
    for (const family of families) assert.match(help, new RegExp(`\\b${family}\\b`));
    assert.match(help, /any image you name/);
  });

  test("a usage error is one line and a hint to the command's help, not the whole usage", () => {
    const r = run(['check', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "stagewright: --format takes text, json, sarif, checkstyle, gitlab, not 'xml'\nRun 'stagewright check --help' for usage.\n",
    );
    assert.equal(r.stdout, '');
    const option = run(['split', '--frobnicate']);
    assert.equal(option.code, 2);
    assert.equal(option.stderr.split('\n').length, 3, option.stderr);
    assert.match(option.stderr, /\nRun 'stagewright split --help' for usage\.\n$/);
    const command = run(['frobnicate']);
    assert.equal(command.stderr, "stagewright: unknown command 'frobnicate'\nRun 'stagewright --help' for usage.\n");
  });

  test('no command prints the usage on stderr and exits 2', () => {
    const r = run([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Usage: stagewright <command>/);
  });

  test('a path that holds no Dockerfile exits 2 with a message', () => {
    const empty = project('empty', { 'README.md': '# nothing to build\n' });
    const r = run(['check', empty]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^stagewright: .*empty: no Dockerfile here/);
    // Also when another path has one.
    const other = project('has-one', { Dockerfile: 'FROM alpine:3.20\nUSER nobody\n' });
    assert.equal(run(['check', other, empty]).code, 2);
  });

  test('split and check say a file is missing in the same words', () => {
    const missing = path.join(dir, 'no-such.Dockerfile');
    const check = run(['check', missing]);
    const split = run(['split', missing]);
    assert.equal(check.code, 2);
    assert.equal(split.code, 2);
    const firstLine = (s: string) => s.split('\n')[0];
    assert.equal(firstLine(check.stderr), `stagewright: ${missing}: no such file or directory`);
    assert.equal(firstLine(split.stderr), firstLine(check.stderr));
  });
});

describe('colour', () => {
  const file = () => path.join(project('colour', { Dockerfile: TWO }), 'Dockerfile');
  const ESC = '\u001b[';

  test('no colour when stdout is not a terminal', () => {
    const r = run(['check', file()]);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes(ESC), r.stdout);
  });

  test('FORCE_COLOR colours the text report (severity in red or yellow); --no-color and NO_COLOR win over it', () => {
    const forced = run(['check', file()], { env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes(`${ESC}31merror${ESC}39m`), forced.stdout);
    assert.ok(forced.stdout.includes(`${ESC}33mwarning${ESC}39m`), forced.stdout);
    const flag = run(['check', '--no-color', file()], { env: { FORCE_COLOR: '1' } });
    assert.ok(!flag.stdout.includes(ESC));
    const before = run(['--no-color', 'check', file()], { env: { FORCE_COLOR: '1' } });
    assert.ok(!before.stdout.includes(ESC));
    const env = run(['check', file()], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!env.stdout.includes(ESC));
    // Without colour the text is the same, character for character.
    assert.equal(forced.stdout.replace(/\u001b\[\d+m/g, ''), flag.stdout);
  });

  test('machine formats are never coloured', () => {
    const r = run(['check', '--format', 'json', file()], { env: { FORCE_COLOR: '1' } });
    assert.ok(!r.stdout.includes(ESC));
    JSON.parse(r.stdout);
  });
});

describe('report formats', () => {
  test('checkstyle: <checkstyle><file name><error line column severity message source/></file></checkstyle>', async () => {
    const root = project('checkstyle', {
      'svc/Dockerfile': TWO,
      'clean/Dockerfile': 'FROM alpine:3.20\nUSER nobody\n',
      'odd/Dockerfile': 'FROM debian:bookworm-slim AS a&b\nUSER nobody\n',
    });
    const r = run(['check', '--format', 'checkstyle', '.'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle version="[\d.]+">/);
    const xml = (await parseStringPromise(r.stdout, { strict: true })) as {
      checkstyle: { file: { $: { name: string }; error?: { $: Record<string, string> }[] }[] };
    };
    const files = Object.fromEntries(xml.checkstyle.file.map((f) => [f.$.name, (f.error ?? []).map((e) => e.$)]));
    assert.deepEqual(Object.keys(files).sort(), [
      path.join('clean', 'Dockerfile'),
      path.join('odd', 'Dockerfile'),
      path.join('svc', 'Dockerfile'),
    ]);
    assert.deepEqual(files[path.join('clean', 'Dockerfile')], []);
    const svc = files[path.join('svc', 'Dockerfile')]!;
    assert.deepEqual(
      svc.map((e) => [e.line, e.column, e.severity, e.source]),
      [
        ['5', '13', 'warning', 'stagewright.copy-from-undefined-stage'],
        ['6', '13', 'error', 'stagewright.stage-index-out-of-range'],
      ],
    );
    assert.match(svc[0]!.message!, /'biulder'.*did you mean 'builder'/);
    // A message with XML's special characters survives the round trip.
    const odd = files[path.join('odd', 'Dockerfile')]!;
    assert.ok(
      odd.some((e) => e.message!.includes('a&b')),
      JSON.stringify(odd),
    );
  });

  test('gitlab: an array of issues with description, check_name, fingerprint, severity and location', () => {
    const root = project('gitlab', { 'svc/api/Dockerfile': TWO, 'svc/web/Dockerfile': TWO });
    const r = run(['check', '--format', 'gitlab', 'svc'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    const issues = JSON.parse(r.stdout) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    assert.ok(Array.isArray(issues));
    assert.deepEqual(
      issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.severity]),
      [
        ['svc/api/Dockerfile', 5, 'copy-from-undefined-stage', 'major'],
        ['svc/api/Dockerfile', 6, 'stage-index-out-of-range', 'critical'],
        ['svc/web/Dockerfile', 5, 'copy-from-undefined-stage', 'major'],
        ['svc/web/Dockerfile', 6, 'stage-index-out-of-range', 'critical'],
      ],
    );
    for (const issue of issues) {
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
      assert.equal(typeof issue.description, 'string');
      assert.ok(issue.description.length > 0);
      assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    }
    // Unique per issue (GitLab shows one issue per fingerprint), also for equal findings in equal files.
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    // Stable when lines move above the findings: GitLab compares fingerprints between pipelines.
    writeFileSync(path.join(root, 'svc', 'api', 'Dockerfile'), `# a comment\n\n${TWO}`);
    const moved = JSON.parse(run(['check', '--format', 'gitlab', 'svc'], { cwd: root }).stdout) as typeof issues;
    assert.deepEqual(
      moved.map((i) => [i.location.lines.begin, i.fingerprint]),
      issues.map((i, n) => [i.location.lines.begin + (n < 2 ? 2 : 0), i.fingerprint]),
    );
  });

  test('gitlab: a clean run is an empty array', () => {
    const root = project('gitlab-clean', { Dockerfile: 'FROM alpine:3.20\nUSER nobody\n' });
    const r = run(['check', '--format', 'gitlab'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});

describe('config file', () => {
  const ids = (stdout: string) =>
    (JSON.parse(stdout) as { files: { path: string; findings: { rule: string; severity: string }[] }[] }).files.map(
      (f) => [f.path, f.findings.map((x) => `${x.rule}:${x.severity}`)],
    );

  test('.stagewright.yaml at the repository root sets severities for Dockerfiles below it', () => {
    const root = project('config-found', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.stagewright.yaml': 'rules:\n  copy-from-undefined-stage: error\n  stage-index-out-of-range: off\n',
      'svc/api/Dockerfile': TWO,
    });
    const r = run(['check', '--format', 'json', 'svc'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(ids(r.stdout), [[path.join('svc', 'api', 'Dockerfile'), ['copy-from-undefined-stage:error']]]);
    // Run from the Dockerfile's own folder: the file above is found the same way.
    const inner = run(['check', '--format', 'json'], { cwd: path.join(root, 'svc', 'api') });
    assert.deepEqual(ids(inner.stdout), [['Dockerfile', ['copy-from-undefined-stage:error']]]);
  });

  test('the nearest config wins; the search stops at the repository root', () => {
    const root = project('config-nearest', {
      '.stagewright.yml': 'rules:\n  copy-from-undefined-stage: off\n',
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/a/Dockerfile': TWO,
      'repo/b/.stagewright.yml': 'rules:\n  stage-index-out-of-range: warning\n',
      'repo/b/Dockerfile': TWO,
    });
    const r = run(['check', '--format', 'json', 'a', 'b'], { cwd: path.join(root, 'repo') });
    assert.deepEqual(ids(r.stdout), [
      [path.join('a', 'Dockerfile'), ['copy-from-undefined-stage:warning', 'stage-index-out-of-range:error']],
      [path.join('b', 'Dockerfile'), ['copy-from-undefined-stage:warning', 'stage-index-out-of-range:warning']],
    ]);
    assert.equal(r.code, 1);
  });

  test('ignore.paths skips files, also named ones; ignore.rules turns rules off', () => {
    const root = project('config-ignore', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.stagewright.yaml': 'ignore:\n  paths: [legacy, "*.old.Dockerfile"]\n  rules: [copy-from-undefined-stage]\n',
      'legacy/Dockerfile': TWO,
      'svc/api.old.Dockerfile': TWO,
      'svc/Dockerfile': TWO,
    });
    const r = run(['check', '--format', 'json', '.'], { cwd: root });
    assert.deepEqual(ids(r.stdout), [[path.join('svc', 'Dockerfile'), ['stage-index-out-of-range:error']]]);
    const named = run(['check', 'legacy/Dockerfile'], { cwd: root });
    assert.equal(named.code, 0);
    assert.equal(named.stdout, '0 findings in 0 files (1 file ignored by the config)\n');
  });

  test('--config names the file; --no-config reads none; --rule runs a rule the config turns off', () => {
    const root = project('config-option', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.stagewright.yaml': 'rules:\n  stage-index-out-of-range: off\n',
      'ci/strict.yaml': 'rules:\n  copy-from-undefined-stage: error\n',
      Dockerfile: TWO,
    });
    const found = run(['check', '--format', 'json'], { cwd: root });
    assert.deepEqual(ids(found.stdout), [['Dockerfile', ['copy-from-undefined-stage:warning']]]);
    const named = run(['check', '--format', 'json', '--config', 'ci/strict.yaml'], { cwd: root });
    assert.deepEqual(ids(named.stdout), [
      ['Dockerfile', ['copy-from-undefined-stage:error', 'stage-index-out-of-range:error']],
    ]);
    const none = run(['check', '--format', 'json', '--no-config'], { cwd: root });
    assert.deepEqual(ids(none.stdout), [
      ['Dockerfile', ['copy-from-undefined-stage:warning', 'stage-index-out-of-range:error']],
    ]);
    const selected = run(['check', '--format', 'json', '--rule', 'stage-index-out-of-range'], { cwd: root });
    assert.deepEqual(ids(selected.stdout), [['Dockerfile', ['stage-index-out-of-range:error']]]);
    const missing = run(['check', '--config', 'nope.yaml'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^stagewright: nope\.yaml: no such config file\n/);
  });

  test('a config with problems stops the check: each problem on a line with its place, exit 2', () => {
    const root = project('config-bad', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.stagewright.yaml': 'rules:\n  copy-from-undefined-stag: off\n  unreachable-stage: loud\n',
      Dockerfile: TWO,
    });
    const r = run(['check'], { cwd: root });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const file = path.join(root, '.stagewright.yaml');
    assert.equal(
      r.stderr,
      `stagewright: ${file}:2:3: no rule 'copy-from-undefined-stag' (did you mean 'copy-from-undefined-stage'?)\n` +
        `stagewright: ${file}:3:22: unreachable-stage: 'loud' is not a severity; use off, hint, information, warning, error or default\n`,
    );
  });
});
