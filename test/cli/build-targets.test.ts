/**
 * The CLI counts the stages a repository builds as targets, as the editor does: it reads the build
 * files of the Dockerfile's repository (compose, bake, workflows, Makefiles, scripts), and takes more
 * with `--target` (repeatable). unreachable-stage stays silent for those stages and what they need.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-cli-targets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DOCKERFILE = `FROM golang:1.22 AS builder
WORKDIR /src
RUN go build -o /out/app .

FROM builder AS test
RUN go test ./...

FROM golang:1.22 AS lint
RUN go vet ./...

FROM gcr.io/distroless/static
COPY --from=builder /out/app /app
ENTRYPOINT ["/app"]
`;
const TEST_LINE = 5;
const LINT_LINE = 8;

/** The lines (one-based) unreachable-stage reports for the file, from the CLI run in `cwd`. */
function unreachable(cwd: string, ...args: string[]): number[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-config', ...args], {
    cwd,
    encoding: 'utf8',
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const files = (JSON.parse(r.stdout) as { files: { findings: { rule: string; line: number }[] }[] }).files;
  return files.flatMap((f) => f.findings.filter((x) => x.rule === 'unreachable-stage').map((x) => x.line));
}

/** The lines (one-based) `rule` reports for `file`, from the CLI run in `cwd`. */
function ruleLines(cwd: string, file: string, rule: string): number[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-config', file], {
    cwd,
    encoding: 'utf8',
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const files = (JSON.parse(r.stdout) as { files: { findings: { rule: string; line: number }[] }[] }).files;
  return files.flatMap((f) => f.findings.filter((x) => x.rule === rule).map((x) => x.line));
}

test('the repository build files and --target make stages built', () => {
  const repo = path.join(dir, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'services', 'app'), { recursive: true });
  mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
  writeFileSync(path.join(repo, 'services', 'app', 'Dockerfile'), DOCKERFILE);
  assert.deepEqual(unreachable(path.join(repo, 'services', 'app'), 'Dockerfile'), [TEST_LINE, LINT_LINE]);

  // A workflow at the repository root builds the test stage of that Dockerfile.
  writeFileSync(
    path.join(repo, '.github', 'workflows', 'ci.yml'),
    `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          context: services/app
          target: test
`,
  );
  // From inside the repository's sub-folder, the root's workflow is read.
  assert.deepEqual(unreachable(path.join(repo, 'services', 'app'), 'Dockerfile'), [LINT_LINE]);
  // --target adds one by hand, and may be repeated.
  assert.deepEqual(unreachable(repo, '--target', 'lint', 'services/app/Dockerfile'), []);
  assert.deepEqual(unreachable(repo, '--target=nothing', '--target', 'other', 'services/app/Dockerfile'), [LINT_LINE]);
});

test('--target without a stage name is a usage error', () => {
  const r = spawnSync(process.execPath, [CLI, 'check', '--target'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--target takes a stage name/);
});

test('a build argument that every build of the file passes is not held to its default', () => {
  // ue4-docker's pattern: a Windows base whose tag must match the host, always given by the build.
  const repo = path.join(dir, 'args');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'tools'), { recursive: true });
  writeFileSync(path.join(repo, 'tools', 'Dockerfile'), 'ARG BASETAG\nFROM alpine:${BASETAG}\nRUN true\nUSER nobody\n');
  const invalidDefault = () => ruleLines(repo, 'tools/Dockerfile', 'invalid-default-arg-in-from');
  assert.deepEqual(invalidDefault(), [2]);
  // A script passes it: every build the repository shows passes BASETAG.
  writeFileSync(path.join(repo, 'build.sh'), '#!/bin/sh\ndocker build --build-arg BASETAG=3.20 -t tools tools\n');
  assert.deepEqual(invalidDefault(), []);
  // A compose build of the same file without it: a build may fall back to the default again.
  writeFileSync(path.join(repo, 'compose.yaml'), 'services:\n  tools:\n    build: ./tools\n');
  assert.deepEqual(invalidDefault(), [2]);
});

test('a dev container configuration passes its build arguments', () => {
  // CouchDB's dev container: FROM ${COUCHDB_IMAGE}, given by devcontainer.json's build.args.
  const repo = path.join(dir, 'devcontainer');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, '.devcontainer'), { recursive: true });
  writeFileSync(
    path.join(repo, '.devcontainer', 'Dockerfile'),
    'ARG COUCHDB_IMAGE\nFROM ${COUCHDB_IMAGE}\nRUN true\nUSER nobody\n',
  );
  const invalidDefault = () => ruleLines(repo, '.devcontainer/Dockerfile', 'invalid-default-arg-in-from');
  assert.deepEqual(invalidDefault(), [2]);
  writeFileSync(
    path.join(repo, '.devcontainer', 'devcontainer.json'),
    '{\n  // built by VS Code\n  "build": { "dockerfile": "Dockerfile", "args": { "COUCHDB_IMAGE": "apache/couchdbci-debian:trixie" } }\n}\n',
  );
  assert.deepEqual(invalidDefault(), []);
});

test('an image that every build replaces with a named context is not held to a tag', () => {
  // lagoon's pattern: the bake file maps the builder image's name to the target that builds it.
  const repo = path.join(dir, 'contexts');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'api'), { recursive: true });
  writeFileSync(
    path.join(repo, 'api', 'Dockerfile'),
    'FROM lagoon/yarn-workspace-builder AS builder\nFROM alpine:3.20\nCOPY --from=builder /app /app\nUSER nobody\n',
  );
  const untagged = () => ruleLines(repo, 'api/Dockerfile', 'base-image-untagged');
  assert.deepEqual(untagged(), [1]);
  writeFileSync(
    path.join(repo, 'docker-bake.hcl'),
    'target "api" {\n  context = "api"\n  contexts = { "lagoon/yarn-workspace-builder" = "target:builder" }\n}\ntarget "builder" {\n  context = "builder"\n}\n',
  );
  assert.deepEqual(untagged(), []);
});

test('an image the workspace builds is read from its own Dockerfile', () => {
  // elifesciences/journal: compose builds the app image `elifesciences/journal:${IMAGE_TAG}` from a
  // Dockerfile that sets WORKDIR ${PROJECT_FOLDER}; Dockerfile.ci starts from that image and copies
  // to relative paths, with `latest` as the tag's default.
  const repo = path.join(dir, 'own-images');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  writeFileSync(
    path.join(repo, 'Dockerfile'),
    'FROM php:8.3-fpm\nENV PROJECT_FOLDER=/srv/journal\nWORKDIR ${PROJECT_FOLDER}\nCOPY . .\nUSER www-data\n',
  );
  writeFileSync(
    path.join(repo, 'Dockerfile.ci'),
    'ARG image_tag=latest\nFROM elifesciences/journal:${image_tag}\nCOPY .ci/ .ci/\nCOPY test/ test/\nUSER www-data\n',
  );
  const rules = () =>
    ['base-image-latest-tag', 'relative-destination-without-workdir'].map(
      (rule) => `${rule}: ${ruleLines(repo, 'Dockerfile.ci', rule).join(',')}`,
    );
  assert.deepEqual(rules(), ['base-image-latest-tag: 2', 'relative-destination-without-workdir: 3,4']);
  // The compose file builds the image but does not pass image_tag to the CI file: the tag's default is
  // used, and it is the project's own last build; its Dockerfile states the working directory.
  writeFileSync(
    path.join(repo, 'docker-compose.yml'),
    'services:\n  app:\n    build:\n      context: .\n    image: elifesciences/journal:${IMAGE_TAG}\n',
  );
  assert.deepEqual(rules(), ['base-image-latest-tag: ', 'relative-destination-without-workdir: ']);
  // The image's Dockerfile loses its WORKDIR: the copies land where the file does not say again.
  writeFileSync(path.join(repo, 'Dockerfile'), 'FROM php:8.3-fpm\nCOPY . /srv/journal\nUSER www-data\n');
  assert.deepEqual(rules(), ['base-image-latest-tag: ', 'relative-destination-without-workdir: 3,4']);
});

test("a CI script in .ci is read, and finds the repository's root from its own location", () => {
  // elastic/apm-agent-python: .ci/docker/util.sh builds tests/Dockerfile with the base image's name.
  const repo = path.join(dir, 'ci-scripts');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'tests'), { recursive: true });
  writeFileSync(
    path.join(repo, 'tests', 'Dockerfile'),
    'ARG PYTHON_IMAGE\nFROM ${PYTHON_IMAGE}\nRUN true\nUSER nobody\n',
  );
  const invalidDefault = () => ruleLines(repo, 'tests/Dockerfile', 'invalid-default-arg-in-from');
  // A tool's hidden state folder is not the project's: its scripts are not read.
  mkdirSync(path.join(repo, '.cache'), { recursive: true });
  writeFileSync(
    path.join(repo, '.cache', 'build.sh'),
    'docker build --build-arg PYTHON_IMAGE=python:3.12 -f tests/Dockerfile tests\n',
  );
  assert.deepEqual(invalidDefault(), [2]);
  mkdirSync(path.join(repo, '.ci', 'docker'), { recursive: true });
  writeFileSync(
    path.join(repo, '.ci', 'docker', 'util.sh'),
    'project_root=$(dirname "$(dirname "$(dirname "$(realpath "$0" )")")")\ndocker build -f "${project_root}/tests/Dockerfile" --build-arg PYTHON_IMAGE="python:3.12" "${project_root}/tests"\n',
  );
  assert.deepEqual(invalidDefault(), []);
});

test('a Compose service on the mounted sources makes the image a development one: its package caches are information', () => {
  // rubyforgood/mutual-aid's development compose file runs the app on `../..:/usr/src/app`.
  const repo = path.join(dir, 'dev-compose');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  writeFileSync(
    path.join(repo, 'Dockerfile'),
    'FROM ruby:3.3\nRUN apt-get update && apt-get install -y nodejs\nWORKDIR /app\nCOPY . .\nCMD ["rails", "server"]\n',
  );
  const severities = () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--no-config', 'Dockerfile'], {
      cwd: repo,
      encoding: 'utf8',
    });
    const files = (
      JSON.parse(r.stdout) as { files: { findings: { rule: string; line: number; severity: string }[] }[] }
    ).files;
    return files.flatMap((f) =>
      f.findings.filter((x) => x.rule === 'package-cache-in-final-image').map((x) => `${x.line} ${x.severity}`),
    );
  };
  assert.deepEqual(severities(), ['2 warning']);
  writeFileSync(path.join(repo, 'compose.yaml'), 'services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n');
  assert.deepEqual(severities(), ['2 information']);
  // A workflow that builds and tags it for a registry may ship it: the warning is back.
  mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    path.join(repo, '.github', 'workflows', 'release.yml'),
    'jobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t ghcr.io/acme/app .\n',
  );
  assert.deepEqual(severities(), ['2 warning']);
});
