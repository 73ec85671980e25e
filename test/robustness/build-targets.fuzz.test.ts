/**
 * The build-file readers on broken input: every prefix, suffix and a spliced mix of realistic compose,
 * bake, workflow, Makefile and script texts (and random bytes) gives a list of targets, never an
 * exception or a hang, and every target names a stage and Dockerfile paths without `..` tricks left
 * unresolved.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  readBakeFiles,
  readComposeFiles,
  readDevcontainer,
  readMakefile,
  readShellScript,
  readWorkflow,
} from '../../server/src/core/facts/build-targets';
import type { BuildTarget } from '../../server/src/core/facts/build-targets';

const COMPOSE = `x-b: &b\n  context: ./web\nservices:\n  api:\n    build:\n      <<: *b\n      dockerfile: Dockerfile.dev\n      target: \${T:-dev}\n    extends: { service: web }\n    image: example/api:\${TAG:-1}\n  web:\n    build: ./web\n    profiles: [a]\n`;
const BAKE = `variable "T" { default = "dev" }\ntarget "a" {\n  inherits = ["b"]\n  target = "\${T}"\n  args = { X = "1" }\n  tags = ["docker.io/example/a:\${T}", "ghcr.io/\${O}/a"]\n  matrix = { m = ["x", "y"] }\n  name = "a-\${m}"\n}\ntarget "b" {\n  context = "sub"\n  dockerfile = <<EOT\nDockerfile\nEOT\n}\n`;
const WORKFLOW = `jobs:\n  j:\n    strategy:\n      matrix:\n        t: [a, b]\n        include: [{ t: c, f: x/Dockerfile }]\n    defaults: { run: { working-directory: w } }\n    steps:\n      - uses: docker/build-push-action@v6\n        with: { target: "\${{ matrix.t }}", file: "\${{ matrix.f }}" }\n      - run: |\n          cd sub && docker buildx build --target "$T" -f ../Dockerfile .\n`;
const MAKEFILE = `V ?= dev\nall: x\n\tdocker build --target $(V) \\\n\t  -f d/Dockerfile .\n\tcd t && docker build --target=$$\${X:-y} .\n`;
const DEVCONTAINER = `// dev\n{ "build": { "dockerfile": "../Dockerfile", "target": "dev", "args": { "V": "1", }, }, /* x */ }\n`;
const SCRIPT = `#!/bin/sh\nT=\${1:-dev}\nR="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"\nif docker build --target "$T" -t "$R/x:$T" .; then :; fi # c\ncat "$R/Dockerfile" | docker build -f - "$R" 2>&1\ncd .. && docker buildx b --target x -f - . < d/Dockerfile\n`;

function check(targets: BuildTarget[], what: string): void {
  for (const t of targets) {
    // A build of the default target has no stage; a target is never empty.
    assert.ok(t.stage === null || (typeof t.stage === 'string' && t.stage !== ''), `${what}: empty stage`);
    assert.ok(Array.isArray(t.args) && t.args.every((a) => typeof a === 'string' && a !== ''), `${what}: args`);
    for (const d of t.dockerfiles ?? [])
      assert.ok(!/(^|\/)\.(\/|$)/.test(d) && !d.includes('//') && !d.includes('\u0001'), `${what}: ${d}`);
    for (const i of t.images ?? []) assert.ok(/^[a-z0-9][a-z0-9._\-/:]*$/.test(i), `${what}: image ${i}`);
  }
}

const READERS: [string, (text: string) => BuildTarget[]][] = [
  [COMPOSE, (text) => readComposeFiles([{ path: 'compose.yaml', text }])],
  [BAKE, (text) => readBakeFiles([{ path: 'docker-bake.hcl', text }])],
  [WORKFLOW, (text) => readWorkflow({ path: '.github/workflows/ci.yml', text })],
  [MAKEFILE, (text) => readMakefile({ path: 'Makefile', text })],
  [SCRIPT, (text) => readShellScript({ path: 'build.sh', text })],
  [DEVCONTAINER, (text) => readDevcontainer({ path: '.devcontainer/devcontainer.json', text })],
];

test('every reader survives cut, spliced and random input', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (const [text, read] of READERS) {
    check(read(text), text.slice(0, 20));
    for (let cut = 0; cut <= text.length; cut += 5) {
      check(read(text.slice(0, cut)), `prefix ${cut}`);
      check(read(text.slice(cut)), `suffix ${cut}`);
    }
    for (let round = 0; round < 30; round++) {
      const others = READERS.map(([t]) => t).join('');
      const at = Math.floor(random() * text.length);
      const from = Math.floor(random() * others.length);
      const spliced = text.slice(0, at) + others.slice(from, from + Math.floor(random() * 40)) + text.slice(at);
      check(read(spliced), `spliced ${round}`);
      const bytes = Array.from({ length: 64 }, () => String.fromCharCode(Math.floor(random() * 128))).join('');
      check(read(bytes), `random ${round}`);
    }
  }
});

test("a script's own location nested far deeper than any idiom gives a result, not an exception", () => {
  // The idioms nest a few substitutions; a pathological script nests thousands.
  const deep = `X=${'$(dirname '.repeat(5000)}$0${')'.repeat(5000)}\ncd "$X"\ndocker build --build-arg A=1 .\n`;
  const targets = readShellScript({ path: 'ci/deep.sh', text: deep });
  check(targets, 'deep');
  // The `cd` is not followed: the script's folder and the root stay the candidates.
  assert.deepEqual(
    targets.map((t) => t.dockerfiles),
    [['ci/Dockerfile', 'Dockerfile']],
  );
});
