/**
 * The readers of the build files that build stages as targets (compose, bake, GitHub Actions
 * workflows, Makefiles, shell scripts), on files written the way the tools' documentation writes
 * them; then what the analysis does with the targets: unreachable-stage stays silent for a built
 * stage and what it needs, the code lens says what builds it, the stage graph marks it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, codeLenses, parseDockerfile, stageGraph } from '../../server/src/core';
import {
  argsPassedTo,
  buildFileKind,
  builtImageOf,
  builtImages,
  contextsPassedTo,
  imageRoleOf,
  imageRepository,
  parseHcl,
  readBakeFiles,
  readBuildFiles,
  readComposeFiles,
  readMakefile,
  readShellScript,
  readWorkflow,
  targetsFor,
  type BuildTarget,
} from '../../server/src/core/facts/build-targets';

/**
 * A target as `stage <- dockerfiles (file: what)`, easy to compare and to read in a failure. Builds of
 * the default target (no `--target`), which the readers also return for their build arguments, are
 * left out: these tests are about targets.
 */
const show = (targets: readonly BuildTarget[]) =>
  targets
    .filter((t) => t.stage !== null)
    .map((t) => `${t.stage} <- ${t.dockerfiles === null ? '?' : t.dockerfiles.join(' | ')} (${t.file}: ${t.what})`);

/** Why the workspace's builds make the image of a Dockerfile a development environment, or null. */
const developmentBuildOf = (builds: readonly BuildTarget[], dockerfile: string) =>
  imageRoleOf(builds, dockerfile).development;

describe('compose files', () => {
  const COMPOSE = `name: shop
x-build: &default-build
  context: ./web
  dockerfile: Dockerfile.web

services:
  api:
    build:
      context: ./api
      dockerfile: docker/Dockerfile.dev
      target: dev
    profiles: [dev]
    ports:
      - "8080:8080"
  web:
    build: ./web
  worker:
    extends:
      service: api
    command: ["./worker"]
  admin:
    extends:
      file: common/services.yaml
      service: base
  tests:
    build:
      context: .
      target: \${TEST_TARGET:-test}
  docs:
    build:
      context: https://github.com/example/docs.git#main
      target: site
  inline:
    build:
      dockerfile_inline: |
        FROM alpine AS x
      target: x
  from-env:
    build:
      target: $RELEASE_STAGE
  storybook:
    build:
      <<: *default-build
      target: storybook
`;
  const COMMON = `services:
  base:
    build:
      context: ../admin
      target: admin-dev
`;

  test('build.target with context and dockerfile, extends (same file and another), defaults, anchors', () => {
    const read = (p: string) => (p === 'common/services.yaml' ? COMMON : undefined);
    assert.deepEqual(show(readComposeFiles([{ path: 'compose.yaml', text: COMPOSE }], read)), [
      'dev <- api/docker/Dockerfile.dev (compose.yaml: service api (profile dev))',
      'dev <- api/docker/Dockerfile.dev (compose.yaml: service worker)',
      // The extended service's context is relative to the file that states it.
      'admin-dev <- admin/Dockerfile (common/services.yaml: service admin)',
      'test <- Dockerfile (compose.yaml: service tests)',
      'storybook <- web/Dockerfile.web (compose.yaml: service storybook)',
    ]);
  });

  test('an override file adds a target to the service of the main file beside it', () => {
    const main = `services:
  app:
    build:
      context: .
      dockerfile: deploy/app.Dockerfile
    image: example/app
`;
    const override = `services:
  app:
    build:
      target: development
    volumes:
      - .:/src
`;
    assert.deepEqual(
      show(
        readComposeFiles([
          { path: 'svc/docker-compose.yml', text: main },
          { path: 'svc/docker-compose.override.yml', text: override },
        ]),
      ),
      ['development <- svc/deploy/app.Dockerfile (svc/docker-compose.override.yml: service app)'],
    );
  });

  test('text that is not a compose file gives nothing', () => {
    for (const text of [
      '',
      'services: [1, 2]',
      ': : :\n  - [',
      'services:\n  a: 3\n  b:\n    build: 7\n',
      '\u0000\u0001',
    ]) {
      assert.deepEqual(readComposeFiles([{ path: 'compose.yaml', text }]), [], JSON.stringify(text));
    }
  });
});

describe('bake files', () => {
  const HCL = `// Variables can be set from the environment.
variable "TAG" {
  default = "latest"
}
variable "DEV_TARGET" {
  default = "dev"
}

group "default" {
  targets = ["app", "dev"]
}

/* Shared by the targets below. */
target "_common" {
  context    = "."
  dockerfile = "build/Dockerfile"
  args = {
    GO_VERSION = "1.22"
  }
}

target "app" {
  inherits  = ["_common"]
  target    = "release"
  tags      = ["docker.io/username/webapp:\${TAG}"]
  platforms = ["linux/amd64", "linux/arm64"]
}

target "dev" {
  inherits = ["_common"]
  target   = "\${DEV_TARGET}"
}

target "docs" {
  context = "docs"
  target  = "site"
  output  = ["type=local,dest=site"]
}

target "build" {
  name = "build-\${tgt}"
  matrix = {
    tgt = ["linux", "darwin"]
  }
  target = tgt
}

target "computed" {
  target = lower("RELEASE")
}

target "no-stage" {
  dockerfile = "Dockerfile.other"
}
`;
  const OVERRIDE = `target "docs" {
  target = "docs-dev"
}
`;
  const JSON_FILE = JSON.stringify({
    variable: { STAGE: { default: 'json-stage' } },
    target: { fromjson: { context: 'tools', dockerfile: 'ci.Dockerfile', target: '${STAGE}' } },
  });

  test('targets with inherits, variable defaults, matrix, override and JSON files', () => {
    assert.deepEqual(
      show(
        readBakeFiles([
          { path: 'docker-bake.hcl', text: HCL },
          { path: 'docker-bake.override.hcl', text: OVERRIDE },
          { path: 'docker-bake.json', text: JSON_FILE },
        ]),
      ),
      [
        // The JSON file comes first in Bake's lookup order.
        'json-stage <- tools/ci.Dockerfile (docker-bake.json: bake target fromjson)',
        'release <- build/Dockerfile (docker-bake.hcl: bake target app)',
        'dev <- build/Dockerfile (docker-bake.hcl: bake target dev)',
        // The override's target wins, the context stays.
        'docs-dev <- docs/Dockerfile (docker-bake.override.hcl: bake target docs)',
        'linux <- Dockerfile (docker-bake.hcl: bake target build-linux)',
        'darwin <- Dockerfile (docker-bake.hcl: bake target build-darwin)',
      ],
    );
  });

  test('the HCL reader: blocks, labels, lists, objects, heredocs; malformed text never throws', () => {
    const body = parseHcl(
      `target "a" {\n  labels = {\n    "org.x" = "y",\n  }\n  notes = <<EOT\nline one\nline "two"\nEOT\n  list = [\n    "p",\n    "q", # trailing\n  ]\n}\n`,
    );
    const block = body.blocks[0]!;
    assert.equal(block.type, 'target');
    assert.deepEqual(block.labels, ['a']);
    assert.deepEqual(block.body.attributes.get('notes'), { kind: 'string', value: 'line one\nline "two"' });
    assert.deepEqual(block.body.attributes.get('list'), {
      kind: 'list',
      items: [
        { kind: 'string', value: 'p' },
        { kind: 'string', value: 'q' },
      ],
    });
    const labels = block.body.attributes.get('labels');
    assert.equal(labels?.kind, 'object');
    for (let cut = 0; cut < HCL.length; cut += 7) {
      parseHcl(HCL.slice(0, cut));
      parseHcl(HCL.slice(cut));
      readBakeFiles([{ path: 'docker-bake.hcl', text: HCL.slice(0, cut) + '}}]]"{{' + HCL.slice(cut) }]);
    }
  });
});

describe('GitHub Actions workflows', () => {
  const WORKFLOW = `name: ci
on:
  push:
    branches: [main]
env:
  IMAGE_TARGET: prod
jobs:
  docker:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Set up Docker Buildx
        uses: docker/setup-buildx-action@v3
      - name: Build the test image
        uses: docker/build-push-action@v6
        with:
          context: .
          file: ./docker/Dockerfile
          target: test
          push: false
      - name: Build the production image
        uses: docker/build-push-action@v6
        with:
          target: \${{ env.IMAGE_TARGET }}
          push: true
          tags: user/app:latest
  per-target:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        target: [dev, debug]
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: services/api
          target: \${{ matrix.target }}
  shell:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: services/web
    steps:
      - uses: actions/checkout@v4
      - run: |
          docker buildx build --target e2e -t web:e2e .
          docker build -f ../api/Dockerfile --target=lint ../api
      - run: docker build --target "\${{ github.sha }}" .
        working-directory: .
`;

  test('build-push-action inputs, env and matrix expressions, docker build in run steps', () => {
    assert.deepEqual(show(readWorkflow({ path: '.github/workflows/ci.yml', text: WORKFLOW })), [
      'test <- docker/Dockerfile (.github/workflows/ci.yml: job docker)',
      // Without a context the action builds the repository (its Git context): Dockerfile at the root.
      'prod <- Dockerfile (.github/workflows/ci.yml: job docker)',
      'dev <- services/api/Dockerfile (.github/workflows/ci.yml: job per-target)',
      'debug <- services/api/Dockerfile (.github/workflows/ci.yml: job per-target)',
      'e2e <- services/web/Dockerfile (.github/workflows/ci.yml: job shell)',
      // -f is read from the working directory, as docker build does.
      'lint <- services/api/Dockerfile (.github/workflows/ci.yml: job shell)',
    ]);
  });

  test('matrix include entries extend the combinations or add their own', () => {
    const text = `jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - target: api-dev
            file: api/Dockerfile
          - target: web-dev
            file: web/Dockerfile
    steps:
      - uses: docker/build-push-action@v6
        with:
          file: \${{ matrix.file }}
          target: \${{ matrix.target }}
`;
    assert.deepEqual(show(readWorkflow({ path: '.github/workflows/dev.yaml', text })), [
      'api-dev <- api/Dockerfile (.github/workflows/dev.yaml: job build)',
      'web-dev <- web/Dockerfile (.github/workflows/dev.yaml: job build)',
    ]);
  });
});

describe('Makefiles and shell scripts', () => {
  test('docker build --target in recipes, with make variables, continuations and cd', () => {
    const text = `IMAGE ?= example/app
DOCKERFILE := deploy/Dockerfile
DEV_TARGET = dev

.PHONY: image dev test

image:
\tdocker build -t $(IMAGE) -f $(DOCKERFILE) .

dev:
\tdocker build --target $(DEV_TARGET) -t $(IMAGE):dev -f $(DOCKERFILE) .

test: dev
\t@docker buildx build \\
\t\t--target test \\
\t\t--load -t $(IMAGE):test .
\tcd tools && docker build --target=lint .
\tdocker build --target $(shell cat .target) .
`;
    assert.deepEqual(show(readMakefile({ path: 'app/Makefile', text })), [
      'dev <- app/deploy/Dockerfile (app/Makefile: rule dev)',
      'test <- app/Dockerfile (app/Makefile: rule test)',
      'lint <- app/tools/Dockerfile (app/Makefile: rule test)',
    ]);
  });

  test('a script: its variables and defaults, both working directories, comments and unknown targets', () => {
    const text = `#!/usr/bin/env bash
set -euo pipefail
TARGET="\${1:-release}"
# docker build --target commented-out .
docker build --target "$TARGET" -t app .
if docker build --target debug -f docker/Dockerfile.debug .; then echo ok; fi
docker build --target "$UNKNOWN" .
export CI_STAGE=ci
docker buildx build --push \\
  --target "\${CI_STAGE}" \\
  --platform linux/amd64,linux/arm64 .
`;
    assert.deepEqual(show(readShellScript({ path: 'scripts/build.sh', text })), [
      'release <- scripts/Dockerfile | Dockerfile (scripts/build.sh: line 5)',
      'debug <- scripts/docker/Dockerfile.debug | docker/Dockerfile.debug (scripts/build.sh: line 6)',
      'ci <- scripts/Dockerfile | Dockerfile (scripts/build.sh: line 9)',
    ]);
  });
});

describe('which Dockerfile a target builds', () => {
  test('build file kinds by name', () => {
    const kinds = [
      'compose.yaml',
      'deploy/docker-compose.prod.yml',
      'compose.override.yml',
      'docker-bake.hcl',
      'docker-bake.override.json',
      '.github/workflows/release.yaml',
      'Makefile',
      'mk/docker.mk',
      'hack/build.sh',
      'Dockerfile',
      'compose.json',
      'workflows/ci.yml',
      'README.md',
    ].map((p) => `${p}: ${buildFileKind(p)}`);
    assert.deepEqual(kinds, [
      'compose.yaml: compose',
      'deploy/docker-compose.prod.yml: compose',
      'compose.override.yml: compose',
      'docker-bake.hcl: bake',
      'docker-bake.override.json: bake',
      '.github/workflows/release.yaml: workflow',
      'Makefile: makefile',
      'mk/docker.mk: makefile',
      'hack/build.sh: script',
      'Dockerfile: null',
      'compose.json: null',
      'workflows/ci.yml: null',
      'README.md: null',
    ]);
  });

  test('targets match their Dockerfile by path; an unknown path matches any', () => {
    const targets = readBuildFiles([
      { path: 'compose.yaml', text: 'services:\n  api:\n    build:\n      context: api\n      target: dev\n' },
      { path: 'Makefile', text: 'dev:\n\tdocker build --target debug -f $(FILE) .\n' },
    ]);
    assert.deepEqual(targetsFor(targets, 'api/Dockerfile'), [
      { stage: 'dev', by: 'compose.yaml: service api, target dev' },
      { stage: 'debug', by: 'Makefile: rule dev, target debug' },
    ]);
    assert.deepEqual(targetsFor(targets, 'Dockerfile'), [{ stage: 'debug', by: 'Makefile: rule dev, target debug' }]);
  });
});

describe('the analysis with targets', () => {
  const DOCKERFILE = `FROM node:20 AS base
WORKDIR /app
COPY package*.json ./
RUN npm ci

FROM base AS dev
CMD ["npm", "run", "dev"]

FROM node:20 AS docs
RUN npx typedoc

FROM base AS build
RUN npm run build

FROM node:20-slim
COPY --from=build /app/dist /app
USER node
CMD ["node", "/app/index.js"]
`;
  const DEV = [{ stage: 'DEV', by: 'compose.yaml: service api, target dev' }];
  const unreachable = (targets?: typeof DEV) =>
    analyze(DOCKERFILE, targets ? { targets } : {})
      .findings.filter((f) => f.ruleId === 'unreachable-stage')
      .map((f) => `${f.range.start.line}: ${f.tags?.join(',')}`);

  test('unreachable-stage is silent for a built target (names without case), still fires for the rest', () => {
    assert.deepEqual(unreachable(), ['5: unnecessary', '8: unnecessary']);
    assert.deepEqual(unreachable(DEV), ['8: unnecessary']);
    assert.deepEqual(unreachable([{ stage: 'nosuchstage', by: 'x' }]), ['5: unnecessary', '8: unnecessary']);
  });

  test('a target built on a stage that the final image does not need makes that stage built too', () => {
    const text =
      'FROM alpine AS tools\nRUN apk add git\n\nFROM tools AS lint\nRUN git --version\n\nFROM alpine\nUSER nobody\n';
    const found = (targets: { stage: string; by: string }[]) =>
      analyze(text, { targets })
        .findings.filter((f) => f.ruleId === 'unreachable-stage')
        .map((f) => f.range.start.line);
    assert.deepEqual(found([]), [0, 3]);
    assert.deepEqual(found([{ stage: 'lint', by: 'Makefile: rule lint, target lint' }]), []);
  });

  test('the code lens says what builds the stage; the stages it needs are no longer "not built"', () => {
    const model = parseDockerfile(DOCKERFILE);
    const before = codeLenses(model).map((l) => l.title);
    assert.deepEqual(
      [before[0], before[1], before[2], before[4]],
      [
        'used by: dev, build',
        'unused — not built for the default target',
        'unused — not built for the default target',
        'final image',
      ],
    );
    const titles = codeLenses(model, DEV).map((l) => l.title);
    assert.equal(titles[1], 'built by compose.yaml: service api, target dev');
    assert.equal(titles[2], 'unused — not built for the default target');
    assert.ok(!titles[0]!.includes('not built'), titles[0]);
    const many = [1, 2, 3].map((n) => ({ stage: 'dev', by: `compose.${n}.yaml: service s${n}, target dev` }));
    assert.equal(
      codeLenses(model, many)[1]!.title,
      'built by compose.1.yaml: service s1, target dev; compose.2.yaml: service s2, target dev (and 1 more)',
    );
  });

  test('the stage graph marks the built target and counts it as used', () => {
    const graph = stageGraph(parseDockerfile(DOCKERFILE), DEV);
    const dev = graph.nodes.find((n) => n.label === 'dev')!;
    const docs = graph.nodes.find((n) => n.label === 'docs')!;
    assert.deepEqual([dev.used, dev.builtBy], [true, ['compose.yaml: service api, target dev']]);
    assert.deepEqual([docs.used, docs.builtBy], [false, undefined]);
    assert.equal(stageGraph(parseDockerfile(DOCKERFILE)).nodes.find((n) => n.label === 'dev')!.used, false);
  });
});

describe('the build arguments the builds pass', () => {
  // Expected from each tool's documentation: compose `build.args` is a map or a list of `NAME=value`
  // (a bare `NAME` takes the shell's value) and an override adds to it; bake's `args` is a map; the
  // build-push-action's `build-args` is a list of `NAME=value` lines; `docker build --build-arg`.
  const builds = readBuildFiles([
    {
      path: 'compose.yaml',
      text: `services:
  web:
    build:
      context: ./web
      args:
        NODE_TAG: "22"
  api:
    build:
      context: ./api
      args:
        - GO_VERSION=1.22
        - GIT_SHA
  worker:
    extends: api
`,
    },
    { path: 'compose.override.yaml', text: 'services:\n  api:\n    build:\n      args:\n        DEBUG: "1"\n' },
    { path: 'docker-bake.hcl', text: 'target "tools" {\n  context = "tools"\n  args = { BASETAG = "ltsc2022" }\n}\n' },
    {
      path: '.github/workflows/ci.yml',
      text: `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: tools
          build-args: |
            BASETAG=ltsc2019
            EXTRA=1
      - run: docker build --build-arg BASETAG=ltsc2025 --build-arg=PROXY -t tools ./tools
`,
    },
  ]);

  test('every reader keeps the names, for builds of the default target too', () => {
    const args = (dockerfile: string) =>
      builds
        .filter((b) => b.dockerfiles?.includes(dockerfile))
        .map((b) => `${b.file}: ${b.stage ?? '(default)'} ${b.args.join(',')}`)
        .sort();
    assert.deepEqual(args('api/Dockerfile'), [
      'compose.override.yaml: (default) GO_VERSION,GIT_SHA,DEBUG',
      // api, and worker that extends it.
      'compose.yaml: (default) GO_VERSION,GIT_SHA',
      'compose.yaml: (default) GO_VERSION,GIT_SHA',
    ]);
    assert.deepEqual(args('tools/Dockerfile'), [
      '.github/workflows/ci.yml: (default) BASETAG,EXTRA',
      '.github/workflows/ci.yml: (default) BASETAG,PROXY',
      'docker-bake.hcl: (default) BASETAG',
    ]);
  });

  test('an argument counts as passed only when every build of the file passes it', () => {
    assert.deepEqual(argsPassedTo(builds, 'tools/Dockerfile'), ['BASETAG']);
    assert.deepEqual(argsPassedTo(builds, 'api/Dockerfile'), ['GIT_SHA', 'GO_VERSION']);
    assert.deepEqual(argsPassedTo(builds, 'other/Dockerfile'), []);
  });

  test('invalid-default-arg-in-from holds a base to the defaults only where the builds do not pass them', () => {
    const text =
      'ARG BASETAG\nARG VARIANT\nFROM mcr.microsoft.com/windows/servercore:${BASETAG}\nFROM base-${VARIANT}\n';
    const lines = (passedArgs?: string[]) =>
      analyze(text, passedArgs ? { passedArgs } : {})
        .findings.filter((f) => f.ruleId === 'invalid-default-arg-in-from')
        .map((f) => f.range.start.line + 1);
    assert.deepEqual(lines(), [3, 4]);
    assert.deepEqual(lines(argsPassedTo(builds, 'tools/Dockerfile')), [4]);
    assert.deepEqual(lines(['BASETAG', 'VARIANT']), []);
  });
});

test("base-image-latest-tag: a tag's default of latest is not used when every build passes the tag", () => {
  // elifesciences/journal: `ARG image_tag=latest` / `FROM elifesciences/journal_composer:${image_tag}`,
  // built only by compose, which passes image_tag.
  const text =
    'ARG image_tag=latest\nFROM example/journal_composer:${image_tag} AS composer\nFROM alpine:${image_tag}\n';
  const lines = (passedArgs?: string[]) =>
    analyze(text, passedArgs ? { passedArgs } : {})
      .findings.filter((f) => f.ruleId === 'base-image-latest-tag')
      .map((f) => f.range.start.line + 1);
  assert.deepEqual(lines(), [2, 3]);
  assert.deepEqual(lines(['image_tag']), []);
  assert.deepEqual(lines(['other']), [2, 3]);
});

test('a dev container configuration builds its Dockerfile with its target and arguments', () => {
  // As the Dev Containers reference writes them: build.dockerfile relative to the configuration's
  // folder, build.target, build.args; JSON with comments and trailing commas; the older dockerFile.
  const config = `// CouchDB's dev container
{
  "name": "couchdb",
  "build": {
    "dockerfile": "Dockerfile", /* beside this file */
    "context": "..",
    "target": "dev",
    "args": { "COUCHDB_IMAGE": "apache/couchdbci-debian:trixie", },
  },
}`;
  const read = readBuildFiles([
    { path: '.devcontainer/devcontainer.json', text: config },
    { path: 'tools/.devcontainer/py/devcontainer.json', text: '{ "dockerFile": "../../docker/py.Dockerfile" }' },
    { path: '.devcontainer.json', text: '{ "image": "mcr.microsoft.com/devcontainers/base" }' },
    { path: 'bad/.devcontainer/devcontainer.json', text: '{ "build": ' },
  ]);
  assert.deepEqual(
    read.map(
      (b) => `${b.stage ?? '(default)'} <- ${b.dockerfiles?.join('|')} [${b.args.join(',')}] (${b.file}: ${b.what})`,
    ),
    [
      'dev <- .devcontainer/Dockerfile [COUCHDB_IMAGE] (.devcontainer/devcontainer.json: dev container)',
      '(default) <- tools/docker/py.Dockerfile [] (tools/.devcontainer/py/devcontainer.json: dev container)',
    ],
  );
  assert.deepEqual(argsPassedTo(read, '.devcontainer/Dockerfile'), ['COUCHDB_IMAGE']);
  assert.equal(buildFileKind('.devcontainer/devcontainer.json'), 'devcontainer');
  assert.equal(buildFileKind('.devcontainer/Dockerfile'), null);
});

test('named build contexts: every build of the file sets them, and a FROM of that name pulls nothing', () => {
  // Bake's `contexts`, compose's `additional_contexts` (map or list), the action's `build-contexts`
  // and `--build-context`, as their references write them. lagoon's bake file maps
  // `lagoon/yarn-workspace-builder` to the target that builds it.
  const builds = readBuildFiles([
    {
      path: 'docker-bake.hcl',
      text: 'target "api" {\n  context = "services/api"\n  contexts = { "lagoon/yarn-workspace-builder" = "target:yarn-workspace-builder" }\n}\n',
    },
    {
      path: 'compose.yaml',
      text: 'services:\n  api:\n    build:\n      context: services/api\n      additional_contexts:\n        - lagoon/yarn-workspace-builder=docker-image://example/builder:1\n  web:\n    build:\n      context: web\n      additional_contexts:\n        base: ./base\n',
    },
    {
      path: 'build.sh',
      text: 'docker buildx build --build-context lagoon/yarn-workspace-builder=../b -t api services/api\n',
    },
  ]);
  assert.deepEqual(contextsPassedTo(builds, 'services/api/Dockerfile'), ['lagoon/yarn-workspace-builder']);
  assert.deepEqual(contextsPassedTo(builds, 'web/Dockerfile'), ['base']);
  const text = 'ARG IMAGE_REPO\nFROM ${IMAGE_REPO:-lagoon}/yarn-workspace-builder AS builder\nFROM base:latest\n';
  const rules = (namedContexts?: string[]) =>
    analyze(text, namedContexts ? { namedContexts } : {})
      .findings.filter((f) => f.ruleId.startsWith('base-image-'))
      .map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
  assert.deepEqual(rules(), ['2 base-image-untagged', '3 base-image-latest-tag']);
  assert.deepEqual(rules(contextsPassedTo(builds, 'services/api/Dockerfile')), ['3 base-image-latest-tag']);
  assert.deepEqual(rules(['lagoon/yarn-workspace-builder', 'base']), []);
  // A context named for a stage replaces the stage (temporalio's `admin-tools`, filled by its bake file).
  const placeholder =
    'FROM temporaliotest/admin-tools AS admin-tools\nFROM alpine:3.20\nCOPY --from=admin-tools /x /x\n';
  const untagged = (namedContexts: string[]) =>
    analyze(placeholder, { namedContexts }).findings.filter((f) => f.ruleId === 'base-image-untagged').length;
  assert.equal(untagged([]), 1);
  assert.equal(untagged(['admin-tools']), 0);
});

test("the images the builds name: compose image beside build, bake tags, the action's tags, -t in scripts", () => {
  // Each tool's reference: compose's `image:` names what `build:` produces; bake's `tags` and the
  // build-push-action's `tags` (lines or commas) name the result; `docker build -t name:tag`.
  const builds = readBuildFiles([
    {
      path: 'docker-compose.yml',
      text: 'services:\n  app:\n    build: .\n    image: elifesciences/journal:${IMAGE_TAG}\n  cache:\n    image: redis:7\n  web:\n    build:\n      context: web\n    image: ${REGISTRY}/web:1\n',
    },
    {
      path: 'docker-bake.hcl',
      text: 'variable "REPO" { default = "example" }\ntarget "base" {\n  context = "base"\n  tags = ["docker.io/${REPO}/base:latest", "ghcr.io/example/base:${TAG}"]\n}\n',
    },
    {
      path: '.github/workflows/image.yml',
      text: `on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: tools
          tags: example/tools:latest,example/tools:\${{ github.sha }}
      - uses: docker/build-push-action@v6
        with:
          context: other
          tags: \${{ steps.meta.outputs.tags }}
      - run: docker build -f config/docker/Dockerfile.base -t ghcr.io/mfem/mfem-ubuntu-base:latest .
`,
    },
    {
      path: 'build.sh',
      text: 'REPO=example\ndocker build --tag "$REPO/cli:$VERSION" cli\ndocker build -t $UNKNOWN/x:1 x\n',
    },
  ]);
  assert.deepEqual(
    builtImages(builds).map((i) => `${i.name} <- ${i.dockerfile} ${i.stage ?? '(default)'}`),
    [
      'elifesciences/journal <- Dockerfile (default)',
      'example/base <- base/Dockerfile (default)',
      'ghcr.io/example/base <- base/Dockerfile (default)',
      'example/tools <- tools/Dockerfile (default)',
      'ghcr.io/mfem/mfem-ubuntu-base <- config/docker/Dockerfile.base (default)',
      // build.sh may run from its folder or the root, which are the same here.
      'example/cli <- cli/Dockerfile (default)',
    ],
  );
  assert.equal(imageRepository('docker.io/library/Redis:7@sha256:abc'), 'redis');
  assert.equal(imageRepository('localhost:5000/app:dev'), 'localhost:5000/app');
  assert.equal(imageRepository('${REGISTRY}/web'), null);
});

test('an image the workspace builds: the working directory its Dockerfile leaves, and the rules that read it', () => {
  const app = parseDockerfile(
    'FROM php:8.3-fpm AS base\nENV PROJECT_FOLDER=/srv/journal\nWORKDIR ${PROJECT_FOLDER}\nFROM base AS prod\nCOPY . .\nFROM alpine:3.20 AS tools\nRUN true\n',
  );
  assert.deepEqual(builtImageOf(app, null), {});
  assert.deepEqual(builtImageOf(app, 'PROD'), { workdir: '/srv/journal' });
  assert.deepEqual(builtImageOf(parseDockerfile('ARG D\nFROM alpine:3.20\nWORKDIR $D\n'), null), { workdir: null });
  assert.equal(builtImageOf(app, 'missing'), null);

  const ci =
    'ARG image_tag=latest\nFROM elifesciences/journal:${image_tag}\nCOPY .ci/ .ci/\nUSER www-data\nFROM example/base\n';
  const rules = (workspaceImages?: { name: string; workdir?: string | null }[]) =>
    analyze(ci, workspaceImages ? { workspaceImages } : {})
      .findings.filter((f) => /base-image-|relative-destination/.test(f.ruleId))
      .map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
  assert.deepEqual(rules(), [
    '2 base-image-latest-tag',
    '3 relative-destination-without-workdir',
    '5 base-image-untagged',
  ]);
  // Built by the workspace, with a WORKDIR set (its value known or not): nothing to say of either.
  assert.deepEqual(rules([{ name: 'elifesciences/journal', workdir: '/srv/journal' }, { name: 'example/base' }]), []);
  assert.deepEqual(rules([{ name: 'elifesciences/journal', workdir: null }]), ['5 base-image-untagged']);
  // Built without a WORKDIR: the tag is the project's own, the directory is still not stated.
  assert.deepEqual(rules([{ name: 'elifesciences/journal' }]), [
    '3 relative-destination-without-workdir',
    '5 base-image-untagged',
  ]);
  // Another repository of the same owner is not the image the workspace builds.
  assert.deepEqual(rules([{ name: 'elifesciences/journal_ci', workdir: '/srv' }]), [
    '2 base-image-latest-tag',
    '3 relative-destination-without-workdir',
    '5 base-image-untagged',
  ]);
});

test("a script's own location, and a Dockerfile given on standard input", () => {
  // elastic/apm-agent-python's .ci/docker/util.sh finds the root from its own path; cluster-api's
  // Makefile pipes the Dockerfile into `docker build --file -`; bash's idioms for a script's folder.
  const builds = readBuildFiles([
    {
      path: '.ci/docker/util.sh',
      text: 'project_root=$(dirname "$(dirname "$(dirname "$(realpath "$0" )")")")\ndocker build \\\n  -f "${project_root}/tests/Dockerfile" \\\n  --build-arg PYTHON_IMAGE="${version/-/:}" \\\n  "${project_root}/tests"\n',
    },
    {
      path: 'scripts/release/build.sh',
      text: 'HERE="$( cd "$( dirname "${BASH_SOURCE[0]}" )" >/dev/null 2>&1 && pwd )"\nROOT="$HERE/../.."\ncd "$ROOT/images/api"\ndocker build --build-arg VERSION=1 .\n',
    },
    { path: 'scripts/outside.sh', text: 'cd "$(dirname "$0")/../.."\ndocker build --build-arg X=1 .\n' },
    {
      path: 'Makefile',
      text: 'docker-build:\n\tcat ./Dockerfile | DOCKER_BUILDKIT=1 docker build --build-arg builder_image=$(GO_IMAGE) . -t ctl --file -\nexp:\n\tdocker build -f - --build-arg EXP=1 . < test/extension/Dockerfile\nbare:\n\tdocker build --build-arg BARE=1 - < tools/Dockerfile\n',
    },
  ]);
  const shown = builds.map((b) => `${b.dockerfiles?.join('|') ?? '?'} [${b.args.join(',')}] (${b.file})`);
  assert.deepEqual(shown, [
    'Dockerfile [builder_image] (Makefile)',
    'test/extension/Dockerfile [EXP] (Makefile)',
    // `docker build -` with no context reads the Dockerfile from standard input too.
    'tools/Dockerfile [BARE] (Makefile)',
    'tests/Dockerfile [PYTHON_IMAGE] (.ci/docker/util.sh)',
    'images/api/Dockerfile [VERSION] (scripts/release/build.sh)',
    // Two folders above scripts/ leave the root: that `cd` is not followed, as any `cd` whose
    // folder is not known, and the script's folder and the root stay the candidates.
    'scripts/Dockerfile|Dockerfile [X] (scripts/outside.sh)',
  ]);
  assert.deepEqual(argsPassedTo(builds, 'tests/Dockerfile'), ['PYTHON_IMAGE']);
});

test('elgohr/Publish-Docker-Github-Action: its workdir, dockerfile, buildargs, buildoptions and name', () => {
  // As its action.yml and entrypoint.sh read them: `cd workdir`, then `docker build buildoptions -f
  // dockerfile --build-arg ... -t name:tag context`; buildargs are separated by commas. rstudio/plumber
  // passes R_VERSION from a matrix.
  const builds = readWorkflow({
    path: '.github/workflows/docker.yaml',
    text: `on: push
jobs:
  docker:
    strategy:
      matrix:
        r_version: ["latest"]
    runs-on: ubuntu-latest
    steps:
      - uses: elgohr/Publish-Docker-Github-Action@v5
        with:
          name: rstudio/plumber
          buildargs: "R_VERSION=\${{ matrix.r_version }},PLUMBER_REF=\${{ matrix.config.ref }}"
      - uses: elgohr/Publish-Docker-Github-Action@v5
        with:
          name: example/api
          workdir: services
          dockerfile: api/Dockerfile.prod
          context: api
          buildoptions: "--target runtime --compress"
          buildargs: VERSION
`,
  });
  assert.deepEqual(
    builds.map(
      (b) => `${b.stage ?? '(default)'} <- ${b.dockerfiles?.join('|')} [${b.args.join(',')}] ${b.images?.join(',')}`,
    ),
    [
      '(default) <- Dockerfile [R_VERSION,PLUMBER_REF] rstudio/plumber',
      'runtime <- services/api/Dockerfile.prod [VERSION] example/api',
    ],
  );
});

describe('development environments', () => {
  // Compose's volume syntax as its reference writes it: `SOURCE:TARGET[:MODE]`, or the long form with
  // `type: bind`. A relative source is read from the Compose file's folder.
  const compose = `services:
  web:
    build: .
    volumes:
      - .:/app
      - node_modules:/app/node_modules
  worker:
    build: .
    command: sidekiq
  proxy:
    build: ./nginx
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - /var/run/docker.sock:/var/run/docker.sock
  api:
    build:
      context: ./api
    volumes:
      - type: bind
        source: .
        target: /code
  db:
    build: ./db
    volumes:
      - data:/var/lib/postgresql/data
volumes:
  data: {}
`;
  const nested = `services:
  app:
    build:
      context: ../..
      dockerfile: ./docker/development/app/Dockerfile
    volumes:
      - \${PWD}/../..:/usr/src/app
  tool:
    build:
      context: ../..
      dockerfile: ./docker/development/tool/Dockerfile
    volumes:
      - ../../tmp/cache:/cache
`;
  const builds = readBuildFiles([
    { path: 'compose.yaml', text: compose },
    { path: 'docker/development/docker-compose.yml', text: nested },
    { path: '.devcontainer/devcontainer.json', text: '{ "build": { "dockerfile": "Dockerfile" } }' },
    {
      path: '.github/workflows/db.yml',
      text: 'jobs:\n  db:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t ghcr.io/acme/db db\n',
    },
  ]);

  test('a Compose service on the mounted sources, its siblings of the same Dockerfile, and a dev container', () => {
    assert.equal(developmentBuildOf(builds, 'Dockerfile'), 'compose.yaml: service web mounts . at /app');
    assert.equal(developmentBuildOf(builds, 'api/Dockerfile'), 'compose.yaml: service api mounts . at /code');
    assert.equal(
      developmentBuildOf(builds, 'docker/development/app/Dockerfile'),
      'docker/development/docker-compose.yml: service app mounts ${PWD}/../.. at /usr/src/app',
    );
    assert.equal(
      developmentBuildOf(builds, '.devcontainer/Dockerfile'),
      '.devcontainer/devcontainer.json: dev container',
    );
  });

  test('a mounted file or cache folder inside the context, a named volume or a host path is not the sources', () => {
    assert.equal(developmentBuildOf(builds, 'nginx/Dockerfile'), null);
    assert.equal(developmentBuildOf(builds, 'docker/development/tool/Dockerfile'), null);
    assert.equal(developmentBuildOf(builds, 'other/Dockerfile'), null);
  });

  test('one build that may ship the image (a workflow) is enough to keep it a shipped image', () => {
    // db is built by compose with a named volume only, and by the workflow: not a development image.
    assert.equal(developmentBuildOf(builds, 'db/Dockerfile'), null);
    const withPush = readBuildFiles([
      { path: 'compose.yaml', text: compose },
      {
        path: '.github/workflows/release.yml',
        text: 'jobs:\n  web:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t ghcr.io/acme/web .\n',
      },
    ]);
    assert.equal(developmentBuildOf(withPush, 'Dockerfile'), null);
  });

  test("package-cache-in-final-image reports a development image's cache as information, saying why", () => {
    const text =
      'FROM python:3.12\nRUN apt-get update && apt-get install -y make\nRUN pip install -r requirements.txt\n';
    const cache = (settings: Parameters<typeof analyze>[1]) =>
      analyze(text, settings)
        .findings.filter((f) => f.ruleId === 'package-cache-in-final-image')
        .map(
          (f) =>
            `${f.range.start.line + 1} ${f.severity} ${/This is a development image \(([^)]*)\)/.exec(f.message)?.[1] ?? '-'}`,
        );
    assert.deepEqual(cache({}), ['2 warning -', '3 warning -']);
    assert.deepEqual(cache({ documentPath: '/src/app/Dockerfile' }), ['2 warning -', '3 warning -']);
    assert.deepEqual(cache({ developmentBuild: developmentBuildOf(builds, 'Dockerfile') ?? undefined }), [
      '2 information compose.yaml: service web mounts . at /app',
      '3 information compose.yaml: service web mounts . at /app',
    ]);
    assert.deepEqual(cache({ documentPath: '/src/app/.devcontainer/Dockerfile' }), [
      '2 information it is in .devcontainer/',
      '3 information it is in .devcontainer/',
    ]);
    // A severity the user sets wins.
    assert.deepEqual(
      cache({
        documentPath: '/src/app/.devcontainer/Dockerfile',
        rules: { 'package-cache-in-final-image': 'warning' },
      }),
      ['2 warning it is in .devcontainer/', '3 warning it is in .devcontainer/'],
    );
  });
});

test('toolchain-in-final-image is silent for an image every build of which is a development environment', () => {
  const text = 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
  const toolchain = (settings: Parameters<typeof analyze>[1]) =>
    analyze(text, settings).findings.filter((f) => f.ruleId === 'toolchain-in-final-image').length;
  assert.equal(toolchain({}), 1);
  assert.equal(toolchain({ developmentBuild: 'compose.yaml: service api mounts . at /src' }), 0);
});

describe('build images run on the working tree', () => {
  // The builder pattern run from a Makefile, a workflow and a script: `docker build -t NAME`, then
  // `docker run -v $(pwd):/src NAME …` on the sources; the image itself is never pushed.
  const makefile = `IMAGE = tools-builder
DOCKER_RUN = docker run --rm -t -v $(CURDIR):/work:rw

image:
\tdocker build -t $(IMAGE) -f build/Dockerfile .

deb: image
\t$(DOCKER_RUN) $(IMAGE) make package
`;
  const workflow = `jobs:
  linux:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          context: ./ci/docker
          push: false
          load: true
          tags: volta
      - name: Compile
        run: docker run --volume \${PWD}:/root/workspace --workdir /root/workspace --rm --init --tty volta /root/workspace/ci/build-linux.sh
`;
  const script = `#!/bin/sh
set -e
docker build -t myproj-test -f test/Dockerfile .
docker run --rm -it -v "$(pwd)":/src -e CI=1 myproj-test pytest
docker build -t myproj-app -f app/Dockerfile .
docker run --rm -v "$(pwd)/config:/etc/app" myproj-app --check
`;
  const read = (files: { path: string; text: string }[]) => readBuildFiles(files);

  test('a Makefile, a workflow and a script that run the image they build on the working tree', () => {
    const builds = read([
      { path: 'Makefile', text: makefile },
      { path: '.github/workflows/release.yml', text: workflow },
      { path: 'scripts/test.sh', text: script },
    ]);
    assert.equal(
      developmentBuildOf(builds, 'build/Dockerfile'),
      'Makefile: rule image runs tools-builder with $(CURDIR) mounted at /work',
    );
    assert.equal(
      developmentBuildOf(builds, 'ci/docker/Dockerfile'),
      '.github/workflows/release.yml: job linux runs volta with ${PWD} mounted at /root/workspace',
    );
    // The script's builds may run from its folder or from the root: both candidates are named.
    assert.match(
      developmentBuildOf(builds, 'test/Dockerfile') ?? '',
      /^scripts\/test.sh: line 3 runs myproj-test with \$\(pwd\) mounted at \/src$/,
    );
    // A folder of the tree mounted into the app (its configuration) is not the sources: the build is
    // not marked; the image counts as local only because nothing in this workspace publishes images.
    assert.equal(builds.find((b) => b.dockerfiles?.includes('app/Dockerfile'))?.development, undefined);
    assert.deepEqual(imageRoleOf(builds, 'app/Dockerfile'), {
      development: null,
      local: 'scripts/test.sh: line 5, and no build file of the workspace publishes an image',
      shippedBy: null,
    });
  });

  test('a file that pushes or logs in to a registry may ship what it builds', () => {
    const pushed = read([{ path: 'Makefile', text: `${makefile}\npublish: image\n\tdocker push $(IMAGE)\n` }]);
    assert.equal(developmentBuildOf(pushed, 'build/Dockerfile'), null);
    const login = workflow.replace(
      '      - uses: actions/checkout@v4\n',
      '      - uses: actions/checkout@v4\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n',
    );
    assert.equal(
      developmentBuildOf(read([{ path: '.github/workflows/release.yml', text: login }]), 'ci/docker/Dockerfile'),
      null,
    );
    const pushInput = workflow.replace('push: false', "push: ${{ github.event_name != 'pull_request' }}");
    assert.equal(
      developmentBuildOf(read([{ path: '.github/workflows/release.yml', text: pushInput }]), 'ci/docker/Dockerfile'),
      null,
    );
  });
});

describe('what may ship an image', () => {
  const dev = 'services:\n  app:\n    build: .\n    volumes:\n      - .:/app\n';

  test('a Compose service that builds another stage says nothing of the image the file ships', () => {
    // MarkUs: compose builds `target: dev` on the mounted sources; the file's last stage is its production image.
    const builds = readBuildFiles([
      {
        path: 'compose.yaml',
        text: 'services:\n  rails:\n    build:\n      context: .\n      target: dev\n    volumes:\n      - .:/app\n',
      },
    ]);
    assert.deepEqual(imageRoleOf(builds, 'Dockerfile'), { development: null, local: null, shippedBy: null });
  });

  test('a CI configuration the readers do not follow, when it builds images, may ship any of them', () => {
    const gitlab =
      'build:\n  image: docker:27\n  script:\n    - docker build -t $CI_REGISTRY_IMAGE/backend backend\n    - docker push $CI_REGISTRY_IMAGE/backend\n';
    const builds = readBuildFiles([
      { path: 'compose.yaml', text: dev },
      { path: '.gitlab-ci.yml', text: gitlab },
    ]);
    // It may ship this image too: the compose file's mount does not settle what the image is for.
    assert.deepEqual(imageRoleOf(builds, 'Dockerfile'), { development: null, local: null, shippedBy: null });
    // One that only runs tests builds nothing.
    const tests = readBuildFiles([
      { path: 'compose.yaml', text: dev },
      { path: '.gitlab-ci.yml', text: 'test:\n  image: python:3.12\n  script:\n    - pytest\n' },
    ]);
    assert.equal(imageRoleOf(tests, 'Dockerfile').development, 'compose.yaml: service app mounts . at /app');
    const circle = readBuildFiles([
      { path: 'compose.yaml', text: dev },
      {
        path: '.circleci/config.yml',
        text: 'orbs:\n  docker: circleci/docker@2\nworkflows:\n  main:\n    jobs:\n      - docker/publish:\n          image: acme/app\n',
      },
    ]);
    assert.equal(imageRoleOf(circle, 'Dockerfile').development, null);
  });

  test("a dev container's image that a workflow pushes is not a development image by its place", () => {
    const workflow =
      'jobs:\n  devcontainer:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .devcontainer\n          push: true\n          tags: ghcr.io/acme/devcontainer:latest\n';
    const builds = readBuildFiles([{ path: '.github/workflows/devcontainer.yml', text: workflow }]);
    const role = imageRoleOf(builds, '.devcontainer/Dockerfile');
    assert.deepEqual(role, {
      development: null,
      local: null,
      shippedBy: '.github/workflows/devcontainer.yml: job devcontainer',
    });
    const text = 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y git\n';
    const severity = (settings: Parameters<typeof analyze>[1]) =>
      analyze(text, settings).findings.find((f) => f.ruleId === 'package-cache-in-final-image')?.severity;
    assert.equal(severity({ documentPath: '/w/.devcontainer/Dockerfile' }), 'information');
    assert.equal(
      severity({ documentPath: '/w/.devcontainer/Dockerfile', shippedBy: role.shippedBy ?? undefined }),
      'warning',
    );
  });
});

test('a build whose target is a variable set elsewhere still passes its arguments', () => {
  // crunchydata/pg_tileserv: `--target $(BUILDTYPE)`, which `$(eval BUILDTYPE = local)` sets in another rule.
  const makefile =
    'GOVERSION ?= 1.22.0\nbuild-common: Dockerfile\n\tdocker build -f Dockerfile \\\n\t\t--target $(BUILDTYPE) \\\n\t\t--build-arg GOLANG_VERSION=$(GOVERSION) \\\n\t\t-t pramsey/pg_tileserv:latest .\nset-local:\n\t$(eval BUILDTYPE = local)\n';
  const builds = readMakefile({ path: 'Makefile', text: makefile });
  assert.deepEqual(argsPassedTo(builds, 'Dockerfile'), ['GOLANG_VERSION']);
  // It names no stage the analysis could count as built, and no image whose stage is known.
  assert.deepEqual(targetsFor(builds, 'Dockerfile'), []);
  assert.deepEqual(builtImages(builds), []);
});

test('a Compose service that names its image for a registry may publish it, mounted sources or not', () => {
  // elastic/apm-agent-php's build image: built and run on the sources, and named for Docker Hub.
  const compose = (image: string) =>
    `services:\n  build_apm_php:\n    build:\n      context: .\n      dockerfile: images/Dockerfile_glibc\n    image: ${image}\n    volumes:\n      - ../../../../:/source\n`;
  const role = (image: string) =>
    imageRoleOf(
      readBuildFiles([{ path: 'native/docker-compose.yml', text: compose(image) }]),
      'native/images/Dockerfile_glibc',
    );
  assert.equal(role('elasticobservability/apm-agent-php-dev:0.0.2').development, null);
  assert.equal(role('ghcr.io/elastic/apm-php-dev').development, null);
  assert.equal(
    role('local/apm-php-dev').development,
    'native/docker-compose.yml: service build_apm_php mounts ../../../../ at /source',
  );
  assert.equal(
    role('apm-php-dev').development,
    'native/docker-compose.yml: service build_apm_php mounts ../../../../ at /source',
  );
});

describe('a workspace that publishes no image', () => {
  const compose = 'services:\n  app:\n    build: .\n  worker:\n    build: ./worker\n';
  test('its images are built where they are used: package caches are information', () => {
    const builds = readBuildFiles([{ path: 'compose.yaml', text: compose }]);
    assert.deepEqual(imageRoleOf(builds, 'Dockerfile'), {
      development: null,
      local: 'compose.yaml: service app, and no build file of the workspace publishes an image',
      shippedBy: null,
    });
    // A Dockerfile no build file builds says nothing either way.
    assert.deepEqual(imageRoleOf(builds, 'other/Dockerfile'), { development: null, local: null, shippedBy: null });
    // Package caches there are information; the toolchain is still shipped to where the image runs.
    const text =
      'FROM golang:1.23\nRUN apt-get update && apt-get install -y git\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
    const settings = { localBuild: imageRoleOf(builds, 'Dockerfile').local ?? undefined };
    const found = analyze(text, settings).findings;
    assert.equal(found.find((f) => f.ruleId === 'package-cache-in-final-image')?.severity, 'information');
    assert.match(
      found.find((f) => f.ruleId === 'package-cache-in-final-image')?.message ?? '',
      /publishes none \(compose.yaml: service app/,
    );
    assert.equal(found.filter((f) => f.ruleId === 'toolchain-in-final-image').length, 1);
  });

  test('any push, login, registry name, CI or deployment configuration that builds images publishes', () => {
    const role = (extra: { path: string; text: string }) =>
      imageRoleOf(readBuildFiles([{ path: 'compose.yaml', text: compose }, extra]), 'Dockerfile');
    assert.equal(
      role({ path: 'scripts/release.sh', text: 'docker build -t acme/worker worker\ndocker push acme/worker\n' })
        .development,
      null,
    );
    assert.equal(
      role({ path: 'Makefile', text: 'image:\n\tdocker build -t ghcr.io/acme/worker worker\n' }).development,
      null,
    );
    assert.equal(role({ path: 'fly.toml', text: 'app = "acme"\n' }).local, null);
    assert.equal(role({ path: 'hooks/build', text: 'docker build -t $IMAGE_NAME .\n' }).local, null);
    assert.equal(role({ path: 'heroku.yml', text: 'build:\n  docker:\n    web: Dockerfile\n' }).local, null);
    // A local name is not a registry's.
    assert.notEqual(role({ path: 'Makefile', text: 'image:\n\tdocker build -t local/worker worker\n' }).local, null);
  });
});

test('a workflow that uses an action or reusable workflow named for shipping images may push any image', () => {
  const compose = { path: 'compose.yaml', text: 'services:\n  app:\n    build: .\n' };
  const workflow = (uses: string) => ({
    path: '.github/workflows/deploy.yml',
    text: `jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ${uses}\n`,
  });
  const role = (uses: string) => imageRoleOf(readBuildFiles([compose, workflow(uses)]), 'Dockerfile');
  // DFE-Digital's build-and-push workflow: a composite action of another repository builds and pushes.
  assert.equal(role('DFE-Digital/deploy-azure-container-apps-action/.github/actions/build@v5.2.1').local, null);
  assert.equal(role('aws-actions/amazon-ecr-login@v2').local, null);
  // Actions that only set up tools or publish other things leave the image local.
  assert.notEqual(role('actions/setup-node@v4').local, null);
  assert.notEqual(role('docker/setup-buildx-action@v3').local, null);
  // Publishing or deploying something else (a package, a Pages site) is not shipping an image.
  assert.notEqual(role('JS-DevTools/npm-publish@v4').local, null);
  assert.notEqual(role('JamesIves/github-pages-deploy-action@v4').local, null);
  assert.notEqual(role('pypa/gh-action-pypi-publish@release/v1').local, null);
  const reusable = {
    path: '.github/workflows/release.yml',
    text: 'jobs:\n  image:\n    uses: acme/infra/.github/workflows/docker-publish.yml@v1\n',
  };
  assert.equal(imageRoleOf(readBuildFiles([compose, reusable]), 'Dockerfile').local, null);
});

test('a matrix of objects: build-push-action reads their fields, and build-args lines as the matrix expands them', () => {
  // pyca/infra's image builder: one matrix key whose entries are objects.
  const workflow = `jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        IMAGE:
          - {TAG_NAME: "runner-fedora", DOCKERFILE_PATH: "runners/fedora"}
          - {TAG_NAME: "manylinux2014:x86_64", DOCKERFILE_PATH: "cryptography-linux", BUILD_ARGS: "PYCA_RELEASE=manylinux2014_x86_64"}
          - {TAG_NAME: "musllinux_1_2:x86_64", DOCKERFILE_PATH: "cryptography-linux", BUILD_ARGS: "PYCA_RELEASE=musllinux_1_2_x86_64"}
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: \${{ matrix.IMAGE.DOCKERFILE_PATH }}
          build-args: |
            NODE24_ARCH_RELEASE=\${{ env.NODE24_ARCH_RELEASE }}
            \${{ matrix.IMAGE.BUILD_ARGS }}
`;
  const builds = readWorkflow({ path: '.github/workflows/build-docker-images.yml', text: workflow });
  assert.deepEqual(argsPassedTo(builds, 'cryptography-linux/Dockerfile'), ['NODE24_ARCH_RELEASE', 'PYCA_RELEASE']);
  assert.deepEqual(argsPassedTo(builds, 'runners/fedora/Dockerfile'), ['NODE24_ARCH_RELEASE']);
});
