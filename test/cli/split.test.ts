import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-split-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n';

test('split prints the split Dockerfile and leaves the file alone', () => {
  writeFileSync(path.join(dir, 'Dockerfile'), GO);
  const r = run(['split', 'Dockerfile']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^FROM golang:1\.22 AS builder$/m);
  assert.match(
    r.stdout,
    /^FROM gcr\.io\/distroless\/static-debian12\nWORKDIR \/src\nCOPY --from=builder \/out\/app \/out\/app\nCMD \["\/out\/app"\]\n$/m,
  );
  assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), GO);
});

test('--runtime picks a choice by family; one that does not fit is a usage error listing the choices', () => {
  writeFileSync(path.join(dir, 'Dockerfile'), GO);
  assert.match(run(['split', '--runtime', 'scratch', 'Dockerfile']).stdout, /^FROM scratch$/m);
  assert.match(run(['split', '--runtime=alpine']).stdout, /^FROM alpine:3\.20$/m);
  const node = path.join(dir, 'node.Dockerfile');
  writeFileSync(
    node,
    'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n',
  );
  const bad = run(['split', '--runtime', 'scratch', node]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^stagewright: no 'scratch' runtime fits this Dockerfile; choices: /);
  assert.match(bad.stderr, /\nRun 'stagewright split --help' for usage\.\n$/);
});

test('--runtime takes any image the user names, laid out as the choice of its kind', () => {
  writeFileSync(path.join(dir, 'Dockerfile'), GO);
  // A distroless image of another flavour stands in for the distroless choice.
  const distroless = run(['split', '--runtime', 'gcr.io/distroless/base-debian12:nonroot', 'Dockerfile']);
  assert.equal(distroless.code, 0, distroless.stderr);
  assert.match(
    distroless.stdout,
    /^FROM gcr\.io\/distroless\/base-debian12:nonroot\nWORKDIR \/src\nCOPY --from=builder \/out\/app \/out\/app\n/m,
  );
  assert.match(distroless.stderr, /takes the place of gcr\.io\/distroless\/static-debian12 \(the distroless choice\)/);
  // Any other image: a distribution with a shell, as the slim choice.
  const ubuntu = run(['split', '--runtime', 'registry.example.com:5000/base/ubuntu:24.04', 'Dockerfile']);
  assert.equal(ubuntu.code, 0, ubuntu.stderr);
  assert.match(ubuntu.stdout, /^FROM registry\.example\.com:5000\/base\/ubuntu:24\.04$/m);
  assert.match(ubuntu.stdout, /^COPY --from=builder \/out\/app \/out\/app$/m);
  // A near miss of a family is a typo, not an image; a value that is no image reference is refused.
  const typo = run(['split', '--runtime', 'distroles', 'Dockerfile']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /'distroles' is no runtime family; did you mean 'distroless'\?/);
  const junk = run(['split', '--runtime', 'Not An Image', 'Dockerfile']);
  assert.equal(junk.code, 2);
  assert.match(
    junk.stderr,
    /--runtime takes a family \(distroless, scratch, alpine, slim, busybox\) or an image reference/,
  );
});

test('--diff prints a unified diff', () => {
  writeFileSync(path.join(dir, 'Dockerfile'), GO);
  const r = run(['split', '--diff', 'Dockerfile']);
  assert.equal(r.code, 0);
  assert.match(
    r.stdout,
    /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ -1,5 \+1,9 @@\n-FROM golang:1\.22\n\+FROM golang:1\.22 AS builder\n/,
  );
  assert.match(r.stdout, /^\+COPY --from=builder \/out\/app \/out\/app$/m);
});

test('--write replaces the file; a second split finds nothing to do and exits 0 with a message', () => {
  const file = path.join(dir, 'write.Dockerfile');
  writeFileSync(file, GO);
  const r = run(['split', '--write', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const written = readFileSync(file, 'utf8');
  assert.match(written, /^FROM gcr\.io\/distroless\/static-debian12$/m);
  const again = run(['split', file]);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /no split for .*write\.Dockerfile: the final stage already copies from another stage/);
  assert.equal(readFileSync(file, 'utf8'), written);
});

test('reads Cargo.toml beside the Dockerfile for the binary name', () => {
  const app = path.join(dir, 'rust-app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'Dockerfile'), 'FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n');
  const missing = run(['split', path.join(app, 'Dockerfile')]);
  assert.equal(missing.code, 0);
  assert.match(missing.stderr, /Cargo\.toml, which could not be read/);
  writeFileSync(path.join(app, 'Cargo.toml'), '[package]\nname = "hello-rs"\nversion = "0.1.0"\n');
  const r = run(['split', 'Dockerfile'], app);
  assert.match(r.stdout, /^COPY --from=builder \/src\/target\/release\/hello-rs \/src\/target\/release\/hello-rs$/m);
});

test('--write with --diff is a usage error; a missing file is an I/O error', () => {
  assert.equal(run(['split', '--write', '--diff', 'Dockerfile']).code, 2);
  assert.equal(run(['split', 'nope.Dockerfile']).code, 2);
});
