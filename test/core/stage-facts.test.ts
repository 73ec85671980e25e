import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile } from '../../server/src/core';
import { INSTRUCTION_FLAGS, INSTRUCTIONS } from '../../server/src/core/knowledge/dockerfile-syntax';
import { INSTRUCTION_DOCS } from '../../server/src/core/knowledge/instructions';
import { resolvePath } from '../../server/src/core/syntax/paths';
import { simpleCommands, stageFacts, workdirAt } from '../../server/src/core/hover/stage-facts';

describe('simple commands', () => {
  test('split at &&, ||, |, ; and line breaks, but not inside quotes or substitutions', () => {
    assert.deepEqual(simpleCommands(`echo 'a && b; c' && make | tee log; x=$(uname -m | tr a b) || true\nls`), [
      "echo 'a && b; c'",
      'make',
      'tee log',
      'x=$(uname -m | tr a b)',
      'true',
      'ls',
    ]);
  });

  test('an escaped line break continues the command', () => {
    assert.deepEqual(simpleCommands('go build \\\n  -o /app .'), ['go build -o /app .']);
  });
});

describe('build outputs (one table for hover, rule and split: knowledge/build-commands.ts)', () => {
  // What each tool writes, from its documentation: go build -o names the file; cargo writes
  // target/<profile>/<crate>; javac -d a class tree; dotnet publish -o a folder; npm ci node_modules.
  for (const [run, outputs] of [
    ['go build -o /out/app ./cmd/app', ['/out/app']],
    ['go build -o=bin/app .', ['/src/bin/app']],
    ['go build ./...', []],
    ['cargo build --release --locked', ['/src/target/release/']],
    ['cargo build', ['/src/target/debug/']],
    ['gcc -O2 -o hello hello.c', ['/src/hello']],
    ['dotnet publish -c Release -o /app/publish', ['/app/publish']],
    ['mvn -B package -DskipTests', ['/src/target/']],
    ['./gradlew bootJar --no-daemon', ['/src/build/libs/']],
    ['npm ci --omit=dev', ['/src/node_modules/']],
    ['npm run build', []],
    ['npx vite build', ['/src/dist/']],
    ['pip install --prefix="/install" -r requirements.txt', ['/install']],
    ['python -m venv /opt/venv', ['/opt/venv']],
    ['echo go build -o x', []],
  ] as const) {
    test(run, () => {
      const model = parseDockerfile(`FROM debian AS b\nWORKDIR /src\nRUN ${run}\n`);
      assert.deepEqual(stageFacts(model, model.stages[0]!).outputs, outputs);
    });
  }

  test('golang without WORKDIR builds in /go: hover and split agree on /go/app', () => {
    const model = parseDockerfile('FROM golang:1.22\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n');
    assert.deepEqual(stageFacts(model, model.stages[0]!).outputs, ['/go/app']);
  });
});

describe('stage facts', () => {
  test('steps are condensed: installs keep package names, set-up and clean-up disappear', () => {
    const model = parseDockerfile(`FROM debian AS build
RUN set -eux; apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev curl git && rm -rf /var/lib/apt/lists/*
RUN export CC=gcc; CGO_ENABLED=0 make all && mkdir -p /out && cd src && gcc -o ../out/app main.c
RUN for f in a b; do echo $f; done
`);
    const facts = stageFacts(model, model.stages[0]!);
    assert.deepEqual(facts.steps, [
      'apt-get install gcc make libc6-dev curl …',
      'make all',
      'gcc -o ../out/app main.c',
    ]);
    assert.deepEqual(facts.outputs, ['/out/app']);
  });

  test('heredoc RUN bodies are read as scripts', () => {
    const model = parseDockerfile(
      'FROM golang AS b\nWORKDIR /src\nRUN <<EOF\ngo mod download\ngo build -o app .\nEOF\n',
    );
    assert.deepEqual(stageFacts(model, model.stages[0]!), {
      steps: ['go mod download', 'go build -o app .'],
      outputs: ['/src/app'],
      workdir: '/src',
    });
  });

  test('WORKDIR follows relative changes, stage parents and known image defaults', () => {
    const model = parseDockerfile(
      'FROM golang:1.22 AS a\nWORKDIR src\nFROM a AS b\nWORKDIR ../app\nFROM alpine\nWORKDIR $HOME/x\n',
    );
    assert.equal(workdirAt(model, model.stages[0]!), '/go/src');
    assert.equal(workdirAt(model, model.stages[1]!), '/go/app');
    assert.equal(workdirAt(model, model.stages[1]!, model.stages[1]!.instructions[1]), '/go/src');
    assert.equal(workdirAt(model, model.stages[2]!), '$HOME/x');
  });

  test('paths', () => {
    assert.equal(resolvePath('/src', '../out/./app'), '/out/app');
    assert.equal(resolvePath('/src', 'dist/'), '/src/dist/');
    assert.equal(resolvePath('/', '.'), '/');
    assert.equal(resolvePath('/src', '/abs'), '/abs');
    assert.equal(resolvePath('/src', '$HOME/bin'), '$HOME/bin');
  });
});

describe('instruction docs', () => {
  test('cover exactly the instructions and flags BuildKit accepts (knowledge/dockerfile-syntax.ts)', () => {
    assert.deepEqual(INSTRUCTION_DOCS.map((d) => d.keyword).sort(), [...INSTRUCTIONS].sort());
    for (const doc of INSTRUCTION_DOCS) {
      const flags = INSTRUCTION_FLAGS[doc.keyword] ?? {};
      assert.deepEqual(doc.flags.map((f) => f.name).sort(), Object.keys(flags).sort(), doc.keyword);
      for (const flag of doc.flags)
        assert.equal(flag.repeatable === true, flags[flag.name]?.repeatable === true, `${doc.keyword} --${flag.name}`);
    }
  });
});
