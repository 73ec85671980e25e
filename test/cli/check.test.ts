import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { RAILS_APP_WITH_START_SCRIPT } from '../support/start-script-app';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TYPO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nUSER nobody\n';
const OUT_OF_RANGE = 'FROM golang:1.22\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=5 /app /app\n';

test('check defaults to ./Dockerfile and prints path:line:col severity rule message', () => {
  writeFileSync(path.join(dir, 'Dockerfile'), TYPO);
  const r = run(['check']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Dockerfile:5:13 warning copy-from-undefined-stage '.*did you mean 'builder'/m);
});

test('an error-severity finding exits 1', () => {
  const file = path.join(dir, 'bad.Dockerfile');
  writeFileSync(file, OUT_OF_RANGE);
  const r = run(['check', file]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /bad\.Dockerfile:4:13 error stage-index-out-of-range/);
});

test('a directory means every Dockerfile under it, skipping other files', () => {
  const tree = path.join(dir, 'tree');
  mkdirSync(path.join(tree, 'svc', 'api'), { recursive: true });
  mkdirSync(path.join(tree, 'node_modules', 'x'), { recursive: true });
  writeFileSync(path.join(tree, 'svc', 'api', 'Dockerfile'), TYPO);
  writeFileSync(path.join(tree, 'svc', 'Dockerfile.dev'), TYPO);
  writeFileSync(path.join(tree, 'svc', 'UIDockerfile'), TYPO);
  writeFileSync(path.join(tree, 'svc', 'README.md'), TYPO);
  writeFileSync(path.join(tree, 'svc', 'Dockerfiles.md'), TYPO);
  writeFileSync(path.join(tree, 'node_modules', 'x', 'Dockerfile'), TYPO);
  const r = run(['check', '--format', 'json', tree]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    files: { path: string; findings: { rule: string; line: number; column: number }[] }[];
  };
  assert.deepEqual(out.files.map((f) => path.relative(tree, f.path)).sort(), [
    path.join('svc', 'Dockerfile.dev'),
    path.join('svc', 'UIDockerfile'),
    path.join('svc', 'api', 'Dockerfile'),
  ]);
  assert.deepEqual(
    out.files[0]!.findings.map((f) => [f.rule, f.line, f.column]),
    [['copy-from-undefined-stage', 5, 13]],
  );
});

test('usage and I/O errors exit 2 with a clear message', () => {
  const missing = run(['check', path.join(dir, 'nope')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope: no such file or directory/);
  const badFormat = run(['check', '--format', 'xml']);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format/);
  const unknown = run(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
});

test('a binary file is reported as one error finding on line 1, not crashed on or skipped silently', () => {
  const file = path.join(dir, 'binary.Dockerfile');
  writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
  const r = run(['check', file]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^.*binary\.Dockerfile:1:1 error binary-content .*binary content/m);
  assert.match(r.stdout, /^1 finding in 1 file$/m);
  const json = JSON.parse(run(['check', '--format', 'json', file]).stdout) as {
    files: { skipped: string; findings: { rule: string; line: number }[] }[];
  };
  assert.equal(json.files[0]!.skipped, 'binary content');
  assert.deepEqual(
    json.files[0]!.findings.map((f) => [f.rule, f.line]),
    [['binary-content', 1]],
  );
});

test('a file that is not valid UTF-8 (Latin-1) is one finding, and no other rule runs on it', () => {
  const file = path.join(dir, 'latin1.Dockerfile');
  // "René" in Latin-1: 0xE9 alone is not UTF-8. The COPY below would otherwise be an error.
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('FROM alpine:3.20\nLABEL author="Ren'),
      Buffer.from([0xe9]),
      Buffer.from('"\nCOPY app\n'),
    ]),
  );
  const r = run(['check', file]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /latin1\.Dockerfile:1:1 error binary-content The file is not valid UTF-8/);
  assert.match(r.stdout, /^1 finding in 1 file$/m);
  const utf8 = path.join(dir, 'utf8.Dockerfile');
  writeFileSync(utf8, 'FROM alpine:3.20\nLABEL author="René"\nUSER nobody\n');
  assert.doesNotMatch(run(['check', utf8]).stdout, /binary-content/);
});

test('UTF-16 and BOM-prefixed files are decoded', () => {
  const utf16 = path.join(dir, 'utf16.Dockerfile');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OUT_OF_RANGE, 'utf16le')]));
  assert.match(run(['check', utf16]).stdout, /utf16\.Dockerfile:4:13 error stage-index-out-of-range/);
  const bom = path.join(dir, 'bom.Dockerfile');
  writeFileSync(bom, '\ufeff' + OUT_OF_RANGE);
  assert.match(run(['check', bom]).stdout, /bom\.Dockerfile:4:13 error stage-index-out-of-range/);
});

test('a Dockerfile named for development keeps its toolchain without a warning, and split declines it', () => {
  const tree = path.join(dir, 'dev-named');
  mkdirSync(path.join(tree, '.devcontainer'), { recursive: true });
  const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nUSER 65532\nCMD ["/out/app"]\n';
  for (const name of ['Dockerfile', 'Dockerfile.dev', path.join('.devcontainer', 'Dockerfile')])
    writeFileSync(path.join(tree, name), text);
  const r = run(['check', '--no-config', '--format', 'json', tree]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; findings: { rule: string }[] }[] };
  const toolchain = Object.fromEntries(
    out.files.map((f) => [path.relative(tree, f.path), f.findings.some((x) => x.rule === 'toolchain-in-final-image')]),
  );
  assert.deepEqual(toolchain, {
    Dockerfile: true,
    'Dockerfile.dev': false,
    [path.join('.devcontainer', 'Dockerfile')]: false,
  });
  const split = run(['split', path.join(tree, 'Dockerfile.dev')]);
  assert.equal(split.stdout, '');
  assert.match(split.stderr, /no split for .*Dockerfile\.dev: .*development or test image.*\(Dockerfile\.dev\)/);
});

/**
 * A Dockerfile alone in a new folder (its build context), and how many toolchain-in-final-image
 * findings the CLI reports on it, without a configuration file, as the folder stands.
 */
function dockerfileIn(name: string, text: string): { tree: string; toolchain: () => number } {
  const tree = path.join(dir, name);
  mkdirSync(tree, { recursive: true });
  const file = path.join(tree, 'Dockerfile');
  writeFileSync(file, text);
  const toolchain = () => {
    const r = run(['check', '--no-config', '--format', 'json', file]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] };
    return out.files[0]!.findings.filter((f) => f.rule === 'toolchain-in-final-image').length;
  };
  return { tree, toolchain };
}

test('npm or yarn start is read from the package.json the image runs: a development server keeps its toolchain', () => {
  const { tree, toolchain } = dockerfileIn(
    'start-script',
    'FROM node:18\nWORKDIR /ui\nCOPY . /ui\nRUN yarn install\nUSER node\nEXPOSE 3000\nCMD ["yarn", "start"]\n',
  );
  assert.equal(toolchain(), 1, 'no package.json to read: an app started with yarn start');
  writeFileSync(path.join(tree, 'package.json'), JSON.stringify({ scripts: { start: 'node server.js' } }));
  assert.equal(toolchain(), 1, 'a production start script');
  writeFileSync(path.join(tree, 'package.json'), JSON.stringify({ scripts: { start: 'react-scripts start' } }));
  assert.equal(toolchain(), 0, "Create React App's development server");
});

test('a start script of the build context is read: one that starts a development server, runs the tests or hands over to a build tool keeps the toolchain', () => {
  const { tree, toolchain } = dockerfileIn('start-shell-script', RAILS_APP_WITH_START_SCRIPT);
  mkdirSync(path.join(tree, 'docker'));
  const script = path.join(tree, 'docker', 'entrypoint.sh');
  assert.equal(toolchain(), 1, 'no script to read: an app whose image keeps its compilers');
  writeFileSync(script, '#!/bin/sh\nset -e\nbundle exec rails db:prepare\nexec bundle exec puma -C config/puma.rb\n');
  assert.equal(toolchain(), 1, 'a production server');
  writeFileSync(
    script,
    '#!/bin/sh\nset -e\nif [ "$RAILS_ENV" = development ]; then\n  exec bin/dev\nfi\nexec bundle exec puma\n',
  );
  assert.equal(toolchain(), 1, 'a development server only in a branch: not what the image always runs');
  writeFileSync(script, '#!/usr/bin/env bash\nset -e\nrm -f tmp/pids/server.pid\nexec bin/dev "$@"\n');
  assert.equal(toolchain(), 0, "Rails' bin/dev: a development server");
  writeFileSync(script, '#!/bin/sh\nset -e\nbundle exec rails db:prepare\nbundle exec rspec\n');
  assert.equal(toolchain(), 0, 'a script that runs the tests');
  writeFileSync(script, '\x7fELF\x02\x01\x01\x00binary');
  assert.equal(toolchain(), 1, 'a program, not a script');
});

test('a start script that hands over to a build tool makes the image a build tool', () => {
  const { tree, toolchain } = dockerfileIn(
    'build-tool-script',
    [
      'FROM ubuntu:24.04',
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential autoconf libtool python3-pip && rm -rf /var/lib/apt/lists/*',
      'WORKDIR /src',
      'COPY . .',
      'RUN pip install --break-system-packages .',
      'COPY entrypoint.sh /usr/local/bin/entrypoint.sh',
      'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(tree, 'entrypoint.sh'), '#!/bin/bash\nset -e\nexec myapp serve "$@"\n');
  assert.equal(toolchain(), 1, 'an app');
  writeFileSync(path.join(tree, 'entrypoint.sh'), '#!/bin/bash\nset -e\ncd /home/user/hostcwd\nexec buildozer "$@"\n');
  assert.equal(toolchain(), 0, 'buildozer builds Android packages with the compilers it keeps');
});

test('a file named for building is the builder pattern’s build image: its package caches and toolchain are what it is for', () => {
  const tree = path.join(dir, 'build-image');
  mkdirSync(tree, { recursive: true });
  const text = [
    'FROM golang:1.26-bookworm',
    'RUN apt-get update && apt-get install -y git make zip',
    'WORKDIR /src',
    'COPY . .',
    'RUN go build -o /usr/local/bin/app .',
    'CMD ["app"]',
    '',
  ].join('\n');
  const rules = (name: string) => {
    const file = path.join(tree, name);
    writeFileSync(file, text);
    const r = run(['check', '--no-config', '--format', 'json', file]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] };
    return out.files[0]!.findings.map((f) => f.rule).filter((rule) => /package-cache|toolchain/.test(rule));
  };
  assert.deepEqual(rules('Dockerfile').sort(), ['package-cache-in-final-image', 'toolchain-in-final-image']);
  assert.deepEqual(rules('builder.Dockerfile'), []);
  assert.deepEqual(rules('Dockerfile.build'), []);
});

test('a reader that closes the pipe early (check | head) ends the run quietly, without a stack trace', () => {
  const tree = path.join(dir, 'many');
  mkdirSync(tree, { recursive: true });
  for (let i = 0; i < 200; i++) writeFileSync(path.join(tree, `s${i}.Dockerfile`), TYPO);
  // `head -c 10` reads ten bytes and closes its end while the checker is still writing.
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check --format json "${tree}" | head -c 10`], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '{\n  "versi');
  assert.doesNotMatch(r.stderr, /EPIPE|Error|internal error/, r.stderr);
});
