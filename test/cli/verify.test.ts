// `stagewright verify` without an engine: usage errors and a missing or silent engine end with exit
// code 2 and one line saying why. (With an engine: test/engine/verify.suite.ts.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-verify-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox\nCMD ["echo", "hi"]\n');
writeFileSync(path.join(dir, 'Dockerfile.other'), 'FROM busybox\nCMD ["echo", "ho"]\n');
// A docker command whose engine does not answer, as the real CLI says it.
const silent = path.join(dir, 'docker-no-engine');
writeFileSync(
  silent,
  '#!/bin/sh\necho "Cannot connect to the Docker daemon at unix:///nowhere/docker.sock. Is the docker daemon running?" >&2\nexit 1\n',
);
chmodSync(silent, 0o755);

test('verify needs two Dockerfiles', () => {
  const r = run(['verify', 'Dockerfile']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^stagewright: verify takes two Dockerfiles/);
});

test('a Dockerfile that does not exist is a usage error', () => {
  const r = run(['verify', 'Dockerfile', 'Dockerfile.missing']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^stagewright: Dockerfile\.missing: no such file or directory$/m);
});

test('an unknown option is a usage error', () => {
  const r = run(['verify', '--fast', 'Dockerfile', 'Dockerfile.other']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--fast' for verify/);
});

test('no docker command: exit 2 with one line', () => {
  const missing = path.join(dir, 'no-such-docker');
  assert.equal(existsSync(missing), false);
  const r = run(['verify', '--docker', missing, 'Dockerfile', 'Dockerfile.other']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `stagewright: could not verify: Docker is not installed: no '${missing}' command found\n`);
});

test('no engine answers: exit 2 with the reason docker gave, also as JSON', () => {
  const r = run(['verify', '--docker', silent, 'Dockerfile', 'Dockerfile.other']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /could not verify: no Docker engine answers \(Cannot connect to the Docker daemon/);
  const json = run(['verify', '--json', '--docker', silent, 'Dockerfile', 'Dockerfile.other']);
  assert.equal(json.code, 2);
  assert.equal(JSON.parse(json.stdout).verdict, 'could-not-verify');
});

test('split --verify writes the split beside the original before verifying', () => {
  writeFileSync(
    path.join(dir, 'Dockerfile.go'),
    'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n',
  );
  const r = run(['split', '--verify', '--docker', silent, 'Dockerfile.go']);
  assert.equal(r.code, 2);
  assert.ok(existsSync(path.join(dir, 'Dockerfile.go.split')));
  assert.match(r.stderr, /wrote the split to Dockerfile\.go\.split/);
  const out = run(['split', '--verify', '--out', 'Split.Dockerfile', '--docker', silent, 'Dockerfile.go']);
  assert.equal(out.code, 2);
  assert.ok(existsSync(path.join(dir, 'Split.Dockerfile')));
});

test('split --verify of a file no split applies to: exit 2', () => {
  const r = run(['split', '--verify', '--docker', silent, 'Dockerfile']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no split for Dockerfile/);
});

test('--out without --verify is a usage error', () => {
  const r = run(['split', '--out', 'x', 'Dockerfile']);
  assert.equal(r.code, 2);
});
