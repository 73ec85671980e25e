// The container image (docker/Dockerfile) built on the real engine and run against mounted files.
// The base images are the local stand-ins of scripts/engine-images.sh (node:20-slim, Debian's node
// with npm), passed as the Dockerfile's build arguments; the build runs with --network=none, as a
// pipeline that installs the npm package from its tarball would.
//
// Not part of the unit tests: it needs the engine and the base images, and a built dist/ (npm run build):
//   node --import tsx --test test/engine/container.suite.ts
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { docker, engineProblem, imageExists, inspectImage, removeImages } from './lib/docker.js';

const ROOT = path.join(__dirname, '..', '..');
const BASE = process.env.STAGEWRIGHT_CONTAINER_BASE ?? 'node:20-slim';
const TAG = `stagewright-container-test:${process.pid}`;
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-container-'));
const context = path.join(dir, 'context');
const work = path.join(dir, 'work');

// A stage index past the last stage is an error (stage-index-out-of-range): `check` exits 1.
const BAD = 'FROM alpine:3.20 AS build\nRUN echo hi > /hi\n\nFROM alpine:3.20\nCOPY --from=3 /hi /hi\n';
const SINGLE = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n';

let built = false;
after(async () => {
  if (built) await removeImages([TAG]);
  rmSync(dir, { recursive: true, force: true });
});

/** `docker run` of the image with `work` mounted at /work (its WORKDIR), as a pipeline would. */
function run(args: string[], mount = work) {
  return docker(['run', '--rm', '--network=none', '-v', `${mount}:/work:ro`, TAG, ...args], 120_000);
}

before(async () => {
  const problem = await engineProblem();
  assert.equal(problem, undefined, `engine unavailable: ${problem}`);
  assert.ok(await imageExists(BASE), `${BASE} is missing: run \`bash scripts/engine-images.sh\``);
  // The image's build context, as its header says: the Dockerfile's folder with the npm package in it.
  execFileSync('mkdir', ['-p', context, work]);
  for (const name of ['Dockerfile', '.dockerignore']) {
    copyFileSync(path.join(ROOT, 'docker', name), path.join(context, name));
  }
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', context], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The container runs as `node`: the mounted files must be readable by others.
  writeFileSync(path.join(work, 'Dockerfile'), BAD);
  writeFileSync(path.join(work, 'single.Dockerfile'), SINGLE);
  for (const name of ['Dockerfile', 'single.Dockerfile']) chmodSync(path.join(work, name), 0o644);
  chmodSync(work, 0o755);
  chmodSync(dir, 0o755);

  const r = await docker(
    [
      'build',
      '--network=none',
      '--progress=plain',
      '--build-arg',
      `NODE_IMAGE=${BASE}`,
      '--build-arg',
      `RUNTIME_IMAGE=${BASE}`,
      '-t',
      TAG,
      context,
    ],
    600_000,
  );
  assert.equal(r.code, 0, `the image does not build:\n${r.stderr}${r.stdout}`);
  built = true;
});

test('the image runs stagewright as a non-root user in /work', async () => {
  const { Config } = await inspectImage(TAG);
  assert.deepEqual(Config.Entrypoint, ['/opt/stagewright/bin/stagewright']);
  assert.deepEqual(Config.Cmd, ['check']);
  assert.equal(Config.User, 'node');
  assert.equal(Config.WorkingDir, '/work');
  const version = await run(['--version']);
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  const user = await docker(['run', '--rm', '--network=none', '--entrypoint', 'id', TAG, '-u']);
  assert.notEqual(user.stdout.trim(), '0');
});

test('check finds the error in a mounted Dockerfile and exits 1 (the default command)', async () => {
  const r = await run([]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^Dockerfile:5:13 error stage-index-out-of-range /m);
});

test('split prints the split of a mounted Dockerfile', async () => {
  const r = await run(['split', 'single.Dockerfile']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^FROM golang:1\.22 AS builder$/m);
  assert.match(r.stdout, /^COPY --from=builder \/out\/app \/out\/app$/m);
});

test('the image’s own Dockerfile is clean and cannot be split further, checked through the image', async () => {
  const check = await run(['check', 'Dockerfile'], context);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.doesNotMatch(check.stdout, / (error|warning|information|hint) /);
  const split = await run(['split', 'Dockerfile'], context);
  assert.equal(split.code, 0, split.stderr);
  assert.equal(split.stdout, '');
  assert.notEqual(split.stderr.trim(), '', 'the reason is on stderr');
});
