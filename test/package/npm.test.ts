import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

// The npm package as a user gets it: `npm pack` in the repository, then installed from the tarball
// into empty folders, with no registry. npm test has built dist/ already; the pack skips the prepare
// script's second build so that no other test reads a bundle while it is rewritten.

const ROOT = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-npm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// A cache of our own: nothing may come from this machine's cache or the registry.
const npmEnv = { ...process.env, npm_config_cache: path.join(dir, 'npm-cache'), npm_config_offline: 'true' };
let tarball = '';

// A stage index past the last stage is an error (stage-index-out-of-range), so `check` exits 1.
const BAD = 'FROM alpine:3.20 AS build\nRUN echo hi > /hi\n\nFROM alpine:3.20\nCOPY --from=3 /hi /hi\n';
const GOOD =
  'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
const SINGLE = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n';

function project(name: string): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'Dockerfile'), BAD);
  writeFileSync(path.join(folder, 'good.Dockerfile'), GOOD);
  writeFileSync(path.join(folder, 'single.Dockerfile'), SINGLE);
  return folder;
}

before(() => {
  const packed = execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: npmEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = JSON.parse(packed.slice(packed.indexOf('[')))[0] as { filename: string };
  tarball = path.join(dir, info.filename);
});

test('the tarball holds the bundled CLI, the rule pages and the licence, and needs no dependencies', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  const rulePages = readdirSync(path.join(ROOT, 'docs', 'rules')).map((name) => `package/docs/rules/${name}`);
  assert.deepEqual(
    files,
    ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/package.json', ...rulePages].sort(),
  );
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
    assert.equal(manifest[field], undefined, `${field} in the npm package`);
  }
  assert.deepEqual(Object.keys(manifest.bin), ['stagewright']);
  assert.equal(path.posix.normalize(manifest.bin.stagewright), 'dist/cli.js');
  const cli = execFileSync('tar', ['-xzOf', tarball, 'package/dist/cli.js'], { encoding: 'utf8' });
  assert.ok(cli.startsWith('#!/usr/bin/env node\n'), 'the bin runs through node');
});

test('npm install -g from the tarball gives a working `stagewright` (check and split)', () => {
  const prefix = path.join(dir, 'global');
  execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
    env: npmEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const bin = path.join(prefix, 'bin', 'stagewright');
  const cwd = project('global-use');
  const env = { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}` };

  const version = spawnSync('stagewright', ['--version'], { cwd, env, encoding: 'utf8' });
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);

  const bad = spawnSync('stagewright', ['check'], { cwd, env, encoding: 'utf8' });
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /Dockerfile:5:\d+ error stage-index-out-of-range /);

  const good = spawnSync('stagewright', ['check', 'good.Dockerfile'], { cwd, env, encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.doesNotMatch(good.stdout, / (error|warning) /);

  const split = spawnSync('stagewright', ['split', 'single.Dockerfile'], { cwd, env, encoding: 'utf8' });
  assert.equal(split.status, 0, split.stderr);
  assert.match(split.stdout, /^FROM golang:1\.22 AS builder$/m);
  assert.match(split.stdout, /^COPY --from=builder \/out\/app \/out\/app$/m);
});

test('npx runs the package from the tarball in an empty folder', () => {
  const cwd = project('npx-use');
  const r = spawnSync(
    NPM,
    ['exec', '--yes', `--package=${tarball}`, '--', 'stagewright', 'check', '--format', 'json'],
    {
      cwd,
      env: npmEnv,
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 1, r.stderr);
  const findings = JSON.stringify(JSON.parse(r.stdout));
  assert.match(findings, /stage-index-out-of-range/);
  const split = spawnSync(
    NPM,
    ['exec', '--yes', `--package=${tarball}`, '--', 'stagewright', 'split', 'single.Dockerfile'],
    {
      cwd,
      env: npmEnv,
      encoding: 'utf8',
    },
  );
  assert.equal(split.status, 0, split.stderr);
  assert.match(split.stdout, /^COPY --from=builder \/out\/app \/out\/app$/m);
});
