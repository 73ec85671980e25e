/**
 * The client watches the build files through BUILD_FILE_GLOBS and the server reads the files that
 * buildFileKind names: a build file the watcher misses would leave its targets stale until a restart,
 * a file it reports in vain only costs a re-read. The globs are matched with Node's path.matchesGlob
 * (VS Code's glob syntax agrees with it on `**`, `*` and `{a,b}`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesGlob } from 'node:path';
import { BUILD_FILE_GLOBS, DOCKERFILE_GLOBS } from '../../shared/build-files';
import { buildFileKind } from '../../server/src/core';

const watched = (p: string) => BUILD_FILE_GLOBS.some((glob) => matchesGlob(p, glob));

test('every build file the server reads is watched', () => {
  const paths = [
    'compose.yaml',
    'compose.yml',
    'docker-compose.yml',
    'services/api/compose.override.yaml',
    'deploy/docker-compose.prod.yml',
    'docker-bake.hcl',
    'docker-bake.override.hcl',
    'infra/docker-bake.json',
    'docker-bake.override.json',
    '.github/workflows/ci.yml',
    '.github/workflows/release.yaml',
    'Makefile',
    'tools/makefile',
    'GNUmakefile',
    'mk/docker.mk',
    'scripts/build.sh',
    'hack/release.bash',
    '.devcontainer/devcontainer.json',
    'tools/.devcontainer/python/devcontainer.json',
    '.devcontainer.json',
    '.gitlab-ci.yml',
    'app/.gitlab-ci.yml',
    'ci/release.gitlab-ci.yml',
    '.gitlab/ci/docker.yml',
    '.circleci/config.yml',
    'Jenkinsfile',
    'Jenkinsfile.release',
    'azure-pipelines.yml',
    'bitbucket-pipelines.yml',
    '.travis.yml',
    '.drone.yml',
    '.woodpecker.yml',
    'cloudbuild.yaml',
    'buildspec.yml',
    'fly.toml',
    'heroku.yml',
    'render.yaml',
    'railway.toml',
    'hooks/build',
    'docker/hooks/post_push',
  ];
  for (const p of paths) {
    assert.notEqual(buildFileKind(p), null, p);
    assert.ok(watched(p), `${p} is read but not watched`);
  }
  for (const p of ['Dockerfile', 'README.md', 'src/main.go', 'config.yml', 'ci/values.yaml'])
    assert.equal(watched(p), false, p);
});

test('the Dockerfiles that describe the images the workspace builds are watched, by their usual names', () => {
  const dockerfile = (p: string) => DOCKERFILE_GLOBS.some((glob) => matchesGlob(p, glob));
  for (const p of [
    'Dockerfile',
    'app/Dockerfile',
    'Dockerfile.ci',
    'docker/Dockerfile.prod',
    'api.Dockerfile',
    'build/base.dockerfile',
    'Containerfile',
    '.devcontainer/Containerfile',
  ])
    assert.ok(dockerfile(p), `${p} is not watched`);
  for (const p of ['README.md', 'src/dockerfile.ts', 'docs/Dockerfiles.md'])
    assert.ok(!dockerfile(p), `${p} is watched`);
});
