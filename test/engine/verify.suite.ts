// Engine tests of `stagewright verify` (node --test), through the built CLI (dist/cli.js) on the real
// engine, as a user runs it:
// - it accepts the hand split of the engine bed's apps (a representative subset by default, every app
//   with STAGEWRIGHT_VERIFY_APPS=all, or a comma-separated list of names);
// - it catches deliberately broken candidates, one of each kind, each made from an app's hand split by
//   one change whose consequence is known from the app: a lost ENV, a missing data file, a missing
//   shared library, a wrong entry path, a changed exit code, a server that dies at start, and a user
//   whose data folder is not writable;
// - exit codes: 2 when the original does not build; interrupted with SIGINT it removes what it made;
// - the engine's containers and images are listed before and after: verify leaves nothing behind.
//
// Needs the engine and the base images (see README.md here) and `npm run build`:
//   node --import tsx --test test/engine/verify.suite.ts
// The docker CLI is STAGEWRIGHT_VERIFY_DOCKER (default /usr/bin/docker, which has BuildKit built in).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { VerifyReport } from '../../shared/verify-data';
import { discoverApps, repoRoot } from './lib/apps.js';
import { docker, dockerHost, engineProblem } from './lib/docker.js';

const ROOT = repoRoot();
const CLI = process.env.STAGEWRIGHT_VERIFY_CLI ?? join(ROOT, 'dist', 'cli.js');
const DOCKER = process.env.STAGEWRIGHT_VERIFY_DOCKER ?? '/usr/bin/docker';
/** A file to append one JSON line per app's result to (verdict, time, sizes): the bed's record. */
const RECORD = process.env.STAGEWRIGHT_VERIFY_RECORD;

/**
 * One app of each kind, chosen for CI's time budget (each app costs two builds, an export and four to
 * six runs: 12 to 115 s here): a Go server as non-root with a health check, a C program with a library
 * from the build stage, the project's own shared library, a JRE jar, a Rust CLI, a Python venv server,
 * a busybox shell script, and a static site that changes its server (nginx for Node), whose
 * configuration differs on purpose. STAGEWRIGHT_VERIFY_APPS=all runs the whole bed.
 */
const SUBSET = [
  'go-server-nonroot',
  'c-zlib',
  'c-make-sharedlib',
  'java-jar',
  'rust-cli',
  'python-venv-static',
  'shell-report',
  'node-static-site',
];
const chosen = process.env.STAGEWRIGHT_VERIFY_APPS ?? '';
const apps = discoverApps([], ROOT).filter(
  (a) =>
    a.expect === 'split' &&
    (chosen === 'all' || (chosen === '' ? SUBSET.includes(a.name) : chosen.split(',').includes(a.name))),
);

interface CliRun {
  code: number;
  report: VerifyReport | undefined;
  stdout: string;
  stderr: string;
}

function verifyCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onStderr?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // This engine has no bridge network (scripts/setup-engine.sh): builds run without a network unless
    // an app installs packages (app.json's buildNetwork).
    const network = args.includes('--build-network') ? [] : ['--build-network', 'none'];
    const child = spawn(process.execPath, [CLI, 'verify', '--json', '--docker', DOCKER, ...network, ...args], {
      env: { ...process.env, DOCKER_HOST: dockerHost(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      options.onStderr?.(b.toString(), child);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      let report: VerifyReport | undefined;
      try {
        report = JSON.parse(stdout) as VerifyReport;
      } catch {
        report = undefined;
      }
      resolve({ code: code ?? -1, report, stdout, stderr });
    });
  });
}

async function listEngine(): Promise<{ images: Set<string>; containers: Set<string> }> {
  const images = await docker(
    ['images', '--all', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'],
    60_000,
  );
  const containers = await docker(['ps', '--all', '--no-trunc', '--format', '{{.ID}} {{.Names}}'], 60_000);
  const lines = (text: string) => new Set(text.split('\n').filter((l) => l.trim() !== ''));
  return { images: lines(images.stdout), containers: lines(containers.stdout) };
}

let engine: string | undefined;
let before_: { images: Set<string>; containers: Set<string> } | undefined;
const temps: string[] = [];
before(async () => {
  engine = await engineProblem();
  if (!engine) before_ = await listEngine();
});
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function requireEngine(): void {
  assert.equal(engine, undefined, `engine unavailable: ${engine}`);
  assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
}

function evidence(r: CliRun): string {
  const log = (side: VerifyReport['original']) => ({
    ...side,
    buildLog: side.built ? '...' : side.buildLog.slice(-2000),
  });
  const shown = r.report?.original
    ? { ...r.report, original: log(r.report.original), candidate: log(r.report.candidate) }
    : undefined;
  return `exit ${r.code}\n${shown ? JSON.stringify(shown, null, 1) : r.stdout}\n${r.stderr.slice(-2000)}`;
}

for (const app of apps) {
  test(`verify accepts the hand split of ${app.name}`, { timeout: 15 * 60_000 }, async (t) => {
    requireEngine();
    const args = [join(app.dir, 'Dockerfile'), join(app.dir, 'Dockerfile.hand'), '--build-network', app.buildNetwork];
    const r = await verifyCli(args);
    t.diagnostic(`${r.report?.summary ?? r.stderr.trim()} (${r.report ? Math.round(r.report.seconds) : '?'} s)`);
    if (RECORD) appendFileSync(RECORD, `${JSON.stringify(recordOf(app.name, r))}\n`);
    const allowed = Object.keys(app.configMayDiffer);
    if (allowed.length === 0) {
      assert.equal(r.code, 0, evidence(r));
      assert.equal(r.report?.verdict, 'same');
      return;
    }
    // The app's hand split changes these fields on purpose (app.json says why): verify must report
    // exactly those, and nothing about the entry command or the run.
    assert.equal(r.code, 1, evidence(r));
    const fields = new Set(r.report!.config.filter((d) => d.matters).map((d) => d.field));
    assert.deepEqual(
      [...fields].filter((f) => !allowed.includes(f)),
      [],
      evidence(r),
    );
    assert.deepEqual(r.report!.entry?.problems, [], evidence(r));
    assert.deepEqual(r.report!.run?.differences, [], evidence(r));
  });
}

/** What the bed's record keeps of one app's verification. */
function recordOf(app: string, r: CliRun) {
  const run = r.report?.run;
  const outcome = (o: NonNullable<typeof run>['original']) =>
    o.state === 'exited'
      ? `exit ${o.exitCode}`
      : o.state === 'running'
        ? `up, GET / ${o.http?.status ?? '-'}`
        : o.state;
  return {
    app,
    code: r.code,
    verdict: r.report?.verdict,
    config: r.report?.config.filter((d) => d.matters).map((d) => (d.key ? `${d.field} ${d.key}` : d.field)),
    seconds: r.report?.seconds,
    build: [r.report?.original.buildSeconds, r.report?.candidate.buildSeconds],
    size: [r.report?.original.size, r.report?.candidate.size],
    root: run ? (run.readOnly ? 'read-only' : 'writable') : undefined,
    run: run ? outcome(run.original) : undefined,
    entry: r.report?.entry ? `${r.report.entry.method}` : undefined,
  };
}

/** A copy of an app whose Dockerfile.broken is its hand split changed by `edit` (which must change it). */
function brokenCopy(appName: string, edit: (hand: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), `stagewright-verify-${appName}-`));
  temps.push(dir);
  cpSync(join(ROOT, 'test', 'engine', 'apps', appName), dir, { recursive: true });
  const hand = readFileSync(join(dir, 'Dockerfile.hand'), 'utf8');
  const broken = edit(hand);
  assert.notEqual(broken, hand, 'the edit must change the hand split');
  writeFileSync(join(dir, 'Dockerfile.broken'), broken);
  return dir;
}

async function verifyBroken(
  appName: string,
  edit: (hand: string) => string,
): Promise<{ r: CliRun; report: VerifyReport }> {
  requireEngine();
  const dir = brokenCopy(appName, edit);
  const r = await verifyCli([join(dir, 'Dockerfile'), join(dir, 'Dockerfile.broken')]);
  assert.equal(r.code, 1, evidence(r));
  assert.equal(r.report?.verdict, 'different');
  return { r, report: r.report! };
}

test('a lost ENV: shell-report without REPORT_TITLE', { timeout: 10 * 60_000 }, async () => {
  const { r, report } = await verifyBroken('shell-report', (hand) => hand.replace(/^ENV REPORT_TITLE=.*\n/m, ''));
  const lost = report.config.filter((d) => d.matters);
  assert.deepEqual(
    lost.map((d) => `${d.field} ${d.key}`),
    ['Env REPORT_TITLE'],
    evidence(r),
  );
  assert.equal(lost[0]!.candidate, null);
});

test('a missing data file: go-cmd-datafile without data/orders.csv', { timeout: 10 * 60_000 }, async () => {
  const { r, report } = await verifyBroken('go-cmd-datafile', (hand) =>
    hand.replace(/^COPY --from=build \/src\/data\/orders\.csv .*\n/m, ''),
  );
  assert.deepEqual(
    report.config.filter((d) => d.matters),
    [],
    evidence(r),
  );
  // tally cannot open its data file: it fails where the original prints the tally.
  assert.equal(report.run?.original.exitCode, 0, evidence(r));
  assert.notEqual(report.run?.candidate.exitCode, 0, evidence(r));
  assert.ok(report.run!.differences.length > 0);
});

test('a missing shared library: c-zlib without libz.so.1', { timeout: 10 * 60_000 }, async () => {
  const { r, report } = await verifyBroken('c-zlib', (hand) =>
    hand.replace(/^COPY --from=build \/lib\/x86_64-linux-gnu\/libz\.so\.1 .*\n/m, ''),
  );
  assert.deepEqual(report.entry?.missingLibraries, ['libz.so.1'], evidence(r));
  // The loader refuses to start zstat: exit 127 with "error while loading shared libraries".
  assert.equal(report.run?.candidate.exitCode, 127, evidence(r));
});

test('a wrong entry path: c-zlib with zstat copied off PATH', { timeout: 10 * 60_000 }, async () => {
  const { r, report } = await verifyBroken('c-zlib', (hand) =>
    hand.replace(
      'COPY --from=build /usr/local/bin/zstat /usr/local/bin/zstat',
      'COPY --from=build /usr/local/bin/zstat /opt/bin/zstat',
    ),
  );
  assert.deepEqual(
    report.config.filter((d) => d.matters),
    [],
    evidence(r),
  );
  assert.equal(report.entry?.resolved, null, evidence(r));
  assert.match(report.entry!.problems[0]!, /zstat is not in the image/);
  assert.equal(report.run?.candidate.state, 'not-started', evidence(r));
});

test('a changed exit code: shell-report whose script ends with exit 3', { timeout: 10 * 60_000 }, async () => {
  const { r, report } = await verifyBroken('shell-report', (hand) =>
    hand.replace(/^(ENV REPORT_TITLE=.*)$/m, '$1\nRUN echo "exit 3" >> /opt/report/bin/report'),
  );
  assert.deepEqual(
    report.config.filter((d) => d.matters),
    [],
    evidence(r),
  );
  assert.equal(report.run?.original.exitCode, 0, evidence(r));
  assert.equal(report.run?.candidate.exitCode, 3, evidence(r));
  assert.equal(report.run?.original.stdout, report.run?.candidate.stdout, 'only the exit code changed');
});

test('a server that dies at start: go-web-templates without its templates', { timeout: 10 * 60_000 }, async () => {
  const { r, report } = await verifyBroken('go-web-templates', (hand) =>
    hand.replace(/^COPY --from=build \/app\/templates .*\n/m, ''),
  );
  assert.equal(report.run?.original.state, 'running', evidence(r));
  assert.equal(report.run?.original.http?.status, 200, evidence(r));
  assert.equal(report.run?.candidate.state, 'exited', evidence(r));
});

test('a user whose data folder is not writable: go-nonroot-datadir with the folder copied as root', {
  timeout: 10 * 60_000,
}, async () => {
  // COPY --from of the folder itself makes it root's with mode 0755 (test/engine/README.md), so the
  // guestbook user cannot write its marker at start.
  const { r, report } = await verifyBroken('go-nonroot-datadir', (hand) =>
    hand.replace('COPY --from=build /rootfs/ /', 'COPY --from=build /var/lib/guestbook /var/lib/guestbook'),
  );
  // The original writes to its data folder, so it cannot run with a read-only root.
  assert.equal(report.run?.readOnly, false, evidence(r));
  assert.equal(report.run?.original.state, 'running', evidence(r));
  assert.equal(report.run?.candidate.state, 'exited', evidence(r));
});

test('exit code 2 when the original does not build', { timeout: 10 * 60_000 }, async () => {
  requireEngine();
  const dir = mkdtempSync(join(tmpdir(), 'stagewright-verify-nobuild-'));
  temps.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox:latest\nRUN exit 7\n');
  writeFileSync(join(dir, 'Dockerfile.candidate'), 'FROM busybox:latest\nCMD ["true"]\n');
  const r = await verifyCli([join(dir, 'Dockerfile'), join(dir, 'Dockerfile.candidate')]);
  assert.equal(r.code, 2, evidence(r));
  assert.equal(r.report?.verdict, 'could-not-verify');
  assert.match(r.report!.summary, /does not build/);
});

test('the legacy builder (DOCKER_BUILDKIT=0) verifies a split and removes the step images it made', {
  timeout: 10 * 60_000,
}, async () => {
  requireEngine();
  const dir = mkdtempSync(join(tmpdir(), 'stagewright-verify-legacy-'));
  temps.push(dir);
  // A value of its own so that no step comes from the cache: every step image is new.
  const stamp = `${process.pid}-${Date.now()}`;
  writeFileSync(join(dir, 'Dockerfile'), `FROM busybox:latest\nRUN echo ${stamp} > /stamp\nCMD ["cat", "/stamp"]\n`);
  writeFileSync(
    join(dir, 'Dockerfile.split'),
    `FROM busybox:latest AS build\nRUN echo ${stamp} > /stamp\nFROM busybox:latest\nCOPY --from=build /stamp /stamp\nCMD ["cat", "/stamp"]\n`,
  );
  const r = await verifyCli([join(dir, 'Dockerfile'), join(dir, 'Dockerfile.split')], {
    env: { DOCKER_BUILDKIT: '0' },
  });
  assert.equal(r.code, 0, evidence(r));
  assert.equal(r.report?.builder, 'legacy');
  assert.equal(r.report?.run?.original.stdout, `${stamp}\n`);
});

test('interrupted with SIGINT while building, verify removes what it made and exits 2', {
  timeout: 10 * 60_000,
}, async () => {
  requireEngine();
  const dir = mkdtempSync(join(tmpdir(), 'stagewright-verify-interrupt-'));
  temps.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), `FROM busybox:latest\nRUN echo ${process.pid} > /a\nCMD ["cat", "/a"]\n`);
  writeFileSync(
    join(dir, 'Dockerfile.slow'),
    `FROM busybox:latest\nRUN echo ${process.pid} > /a && sleep 60\nCMD ["cat", "/a"]\n`,
  );
  let sent = false;
  const r = await verifyCli(['--events', join(dir, 'Dockerfile'), join(dir, 'Dockerfile.slow')], {
    onStderr: (text, child) => {
      if (!sent && text.includes('building the candidate')) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 1500);
      }
    },
  });
  assert.ok(sent, `the candidate's build never started:\n${r.stderr}`);
  assert.equal(r.code, 2, evidence(r));
  assert.match(r.stderr, /interrupted/);
  const left = await listEngine();
  assert.deepEqual(
    [...left.images].filter((l) => l.includes('stagewright-verify-')),
    [],
  );
  assert.deepEqual(
    [...left.containers].filter((l) => l.includes('stagewright-verify-')),
    [],
  );
});

test('verify left no container and no image behind', async () => {
  requireEngine();
  const now = await listEngine();
  const ours = (line: string) => line.includes('stagewright-verify-') || line.endsWith('<none>:<none>');
  // Other tags may come and go while this runs (another build on the same engine); what verify makes
  // is named stagewright-verify-* or untagged.
  assert.deepEqual(
    [...now.containers].filter((l) => !before_!.containers.has(l) && l.includes('stagewright-verify-')),
    [],
  );
  assert.deepEqual(
    [...now.images].filter((l) => !before_!.images.has(l) && ours(l)),
    [],
  );
});
