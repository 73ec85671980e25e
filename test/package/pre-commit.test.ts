import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

// The real pre-commit (Debian's pre-commit package) with this repository as the hook repository, at
// its current commit (what a user pins with `rev:`; uncommitted changes are not seen). pre-commit
// clones it, runs `npm install` and `npm pack` at its root and installs the tarball in an environment
// of its own. npm reads packages from its cache first (filled by `npm ci`), so no registry is needed.

const ROOT = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-pre-commit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const project = path.join(dir, 'project');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PRE_COMMIT_HOME: path.join(dir, 'pre-commit-home'),
  npm_config_prefer_offline: 'true',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  // The commit below must not pick up the user's or the system's git configuration.
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: path.join(dir, 'gitconfig'),
};

// A stage index past the last stage is an error (stage-index-out-of-range): `stagewright check` exits 1.
const BAD = 'FROM alpine:3.20 AS build\nRUN echo hi > /hi\n\nFROM alpine:3.20\nCOPY --from=3 /hi /hi\n';
const GOOD =
  'FROM alpine:3.20 AS build\nRUN echo hi > /hi\n\nFROM alpine:3.20\nCOPY --from=build /hi /hi\nUSER nobody\n';

function git(...args: string[]) {
  return execFileSync('git', args, { cwd: project, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function commit(files: Record<string, string>, message: string) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), text);
    git('add', name);
  }
  const r = spawnSync('git', ['commit', '-m', message], { cwd: project, env, encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const commits = () => Number(git('rev-list', '--count', '--all').trim() || '0');

before(() => {
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'pre-commit is installed (Debian: apt-get install pre-commit)');
  const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  writeFileSync(env.GIT_CONFIG_GLOBAL as string, '');
  mkdirSync(project);
  git('init', '-q', '-b', 'main');
  writeFileSync(
    path.join(project, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: stagewright-check\n`,
  );
  git('add', '.pre-commit-config.yaml');
  const install = spawnSync('pre-commit', ['install', '--install-hooks'], { cwd: project, env, encoding: 'utf8' });
  assert.equal(install.status, 0, `${install.stdout}${install.stderr}`);
});

test('a Dockerfile with an error-severity finding stops the commit', () => {
  const r = commit({ Dockerfile: BAD }, 'bad');
  assert.notEqual(r.code, 0, r.output);
  assert.match(r.output, /stagewright check\.+Failed/);
  assert.match(r.output, /Dockerfile:5:\d+ error stage-index-out-of-range /);
  assert.equal(commits(), 0);
});

test('Containerfiles and named Dockerfiles are checked too; other files are not', () => {
  writeFileSync(path.join(project, 'Dockerfile'), GOOD);
  git('add', 'Dockerfile');
  const containerfile = commit({ 'build/Containerfile': BAD }, 'containerfile');
  assert.notEqual(containerfile.code, 0, containerfile.output);
  assert.match(containerfile.output, /build\/Containerfile:5:\d+ error stage-index-out-of-range /);
  git('rm', '-q', '--cached', 'build/Containerfile');

  const named = commit({ 'services/api.Dockerfile': BAD }, 'named');
  assert.notEqual(named.code, 0, named.output);
  assert.match(named.output, /services\/api\.Dockerfile:5:\d+ error stage-index-out-of-range /);
  git('rm', '-q', '--cached', 'services/api.Dockerfile');
  assert.equal(commits(), 0);
});

test('a clean Dockerfile passes, and files that are no Dockerfile are skipped', () => {
  const good = commit({ Dockerfile: GOOD }, 'good');
  assert.equal(good.code, 0, good.output);
  assert.match(good.output, /stagewright check\.+Passed/);
  // The same bad text in a file whose name says it is no Dockerfile.
  const notes = commit({ 'docs/Dockerfile-notes.md': BAD }, 'notes');
  assert.equal(notes.code, 0, notes.output);
  assert.match(notes.output, /stagewright check\.+\(no files to check\)Skipped/);
  assert.equal(commits(), 2);
});
