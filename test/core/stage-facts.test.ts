import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile } from '../../server/src/core';
import { INSTRUCTION_FLAGS, INSTRUCTIONS } from '../../server/src/core/knowledge/dockerfile-syntax';
import { INSTRUCTION_DOCS } from '../../server/src/core/knowledge/instructions';
import { resolvePath } from '../../server/src/core/syntax/paths';
import { simpleCommands, stageFacts, workdirAt } from '../../server/src/core/hover/stage-facts';
import { stageFacts as readFacts } from '../../server/src/core/facts/stage-facts';
import { leftBehind } from '../../server/src/core/facts/leftover';
import { isWindowsImage, resolveWindowsPath } from '../../server/src/core/facts/platform';
import { toolchainProduct } from '../../server/src/core/facts/toolchain-product';
import { privilegeDrop } from '../../server/src/core/facts/privilege-drop';

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

describe('the facts layer: what is left, the platform, the product, the user', () => {
  const finalFacts = (text: string, access?: Parameters<typeof readFacts>[2]) => {
    const model = parseDockerfile(text);
    return readFacts(model, model.stages[model.finalStage]!, access);
  };

  test('installs less what the same RUN or a later one removes (apt-mark auto + purge, remove, apk del of a virtual)', () => {
    const facts = finalFacts(`FROM debian:bookworm-slim
RUN savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y gcc make libssl-dev; make install; apt-mark showmanual | xargs apt-mark auto > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove
RUN buildDeps='g++ cmake'; apt-get install -y $buildDeps curl && cmake --build . && apt-get remove -y $buildDeps
RUN apk add --virtual .build-deps musl-dev gcc
RUN apk del .build-deps
`);
    assert.deepEqual(
      facts.installs.map((i) => i.packages),
      [[], ['curl'], []],
    );
    assert.deepEqual(facts.buildPackages, []);
    assert.deepEqual(facts.removedBuildPackages.sort(), ['cmake', 'g++', 'gcc', 'libssl-dev', 'make', 'musl-dev']);
    assert.ok(facts.builds.length > 0 && facts.builds.every((b) => b.toolsRemoved));
    assert.equal(leftBehind(facts), null);
  });

  test('a version check compiles nothing', () => {
    const facts = finalFacts('FROM debian:bookworm-slim\nRUN javac --version && gcc --version && make --help\n');
    assert.deepEqual(facts.builds, []);
  });

  test('Windows: told by the base image, the escape directive, SHELL or a path; paths resolve the Windows way', () => {
    for (const text of [
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR app\n',
      'FROM mcr.microsoft.com/dotnet/framework/sdk:4.8\nWORKDIR /app\n',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809\nWORKDIR /app\n',
      '# escape=`\nFROM example/base\nWORKDIR app\n',
      'FROM example/base\nSHELL ["powershell", "-Command"]\nWORKDIR app\n',
      'FROM example/base\nWORKDIR C:\\\\app\n',
    ]) {
      const facts = finalFacts(text);
      assert.equal(facts.windows, true, text);
      assert.match(facts.workdir ?? '', /^C:\\app$/i, text);
    }
    const linux = finalFacts('FROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim\nWORKDIR /app\n');
    assert.equal(linux.windows, false);
    assert.equal(linux.workdir, '/app');
    assert.equal(isWindowsImage('example/windows-exporter:1.0'), false);
    assert.equal(resolveWindowsPath('C:\\src', '..\\out/bin'), 'C:\\out\\bin');
    assert.equal(resolveWindowsPath('D:\\src', '/tools'), 'D:\\tools');
  });

  test("an AWS Lambda base image's LAMBDA_TASK_ROOT is /var/task, where its WORKDIR is", () => {
    // AWS's own examples: `COPY lambda_function.py ${LAMBDA_TASK_ROOT}` (the base sets the variable).
    const facts = finalFacts('FROM public.ecr.aws/lambda/python:3.12\nCOPY lambda_function.py ${LAMBDA_TASK_ROOT}\n');
    assert.equal(facts.workdir, '/var/task');
    assert.deepEqual(
      facts.copies.map((c) => [c.source, c.dest]),
      [['lambda_function.py', '/var/task']],
    );
  });

  test('a quoted COPY destination lands where BuildKit puts it, quotes removed', () => {
    // BuildKit expands COPY's words with its shell lexer, which drops the quotes: `COPY . "${APPDIR}"`
    // copies into /opt/service (seen in clearlydefined/service's Dockerfile).
    const facts = finalFacts('FROM node:24\nENV APPDIR=/opt/service\nCOPY . "${APPDIR}"\nCOPY a.txt \'/etc/app/\'\n');
    assert.deepEqual(
      facts.copies.map((c) => [c.source, c.dest]),
      [
        ['.', '/opt/service'],
        ['a.txt', '/etc/app'],
      ],
    );
  });

  test('the toolchain is the product: language images, dev containers, an interpreter built and started as itself', () => {
    const product = (text: string) => toolchainProduct(finalFacts(text));
    assert.ok(product('FROM buildpack-deps:bookworm\nRUN ./configure && make && make install\nCMD ["python3"]\n'));
    assert.ok(product('FROM golang:1.22\nRUN apt-get update && apt-get install -y zsh\nCMD ["zsh"]\n'));
    assert.ok(product('FROM rust:1.79\n'));
    assert.ok(product('FROM eclipse-temurin:21-jdk\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["jshell"]\n'));
    // An app: a script of it, its artifact, a build at start.
    assert.equal(product('FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/main.py"]\n'), null);
    assert.equal(product('FROM golang:1.22\nRUN go build -o /app .\nCMD ["/app"]\n'), null);
    assert.equal(product('FROM golang:1.22\nCOPY . .\nCMD ["go", "run", "."]\n'), null);
    assert.equal(product('FROM ubuntu:24.04\nCMD ["bash"]\n'), null);
  });

  test("a Dockerfile's own name or folder can say it builds a development image", () => {
    const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
    const named = (documentPath: string) => toolchainProduct(finalFacts(text), documentPath);
    for (const name of [
      '/p/Dockerfile.dev',
      '/p/dev.Dockerfile',
      '/p/Dockerfile.test',
      '/p/docker/Dockerfile-development',
      '/p/Dockerfile.tilt',
      '/p/.devcontainer/Dockerfile',
      'C:\\p\\.devcontainer\\Dockerfile',
      // The word glued to the name (clearlydefined/crawler's DevDockerfile).
      '/p/DevDockerfile',
      '/p/DockerfileTest',
    ])
      assert.match(named(name) ?? '', /development or test image/, name);
    // A word inside another word, a folder further up, or no name at all says nothing.
    for (const name of [
      '/p/Dockerfile',
      '/p/Dockerfile.devops',
      '/p/contest.Dockerfile',
      '/p/DevopsDockerfile',
      '/dev/p/Dockerfile',
      '/p/test/Dockerfile',
    ])
      assert.equal(named(name), null, name);
    assert.equal(toolchainProduct(finalFacts(text)), null);
  });

  test("a Dockerfile's own name can say it builds the build image of the builder pattern", () => {
    const text = 'FROM golang:1.22\nRUN apt-get update && apt-get install -y git make\nWORKDIR /src\n';
    const named = (documentPath: string) => toolchainProduct(finalFacts(text), documentPath);
    for (const name of [
      '/p/Dockerfile.build',
      '/p/make/builder.Dockerfile',
      '/p/build.Dockerfile',
      'C:\\p\\Dockerfile-builder',
    ])
      assert.match(named(name) ?? '', /a build image/, name);
    for (const name of [
      '/p/Dockerfile',
      '/p/Dockerfile.buildx',
      '/p/rebuild.Dockerfile',
      '/build/Dockerfile',
      '/p/build.sh',
    ])
      assert.doesNotMatch(named(name) ?? '', /a build image/, name);
  });

  test('a privilege drop at start: in the command, in a readable entrypoint script, or gosu installed for one', () => {
    const chainOf = (text: string) => {
      const model = parseDockerfile(text);
      return [model.stages[model.finalStage]!];
    };
    assert.equal(privilegeDrop(chainOf('FROM alpine\nENTRYPOINT ["su-exec", "app", "server"]\n'))?.how, 'command');
    assert.equal(privilegeDrop(chainOf('FROM alpine\nENTRYPOINT ["su-exec", "--help"]\n')), null);
    const script = 'FROM debian\nCOPY entry.sh /usr/local/bin/\nENTRYPOINT ["entry.sh"]\n';
    const model = parseDockerfile(script);
    const facts = readFacts(model, model.stages[0]!, (p) =>
      p === 'entry.sh' ? '#!/bin/sh\nexec setpriv --reuid=app --regid=app --init-groups "$@"\n' : undefined,
    );
    assert.deepEqual(privilegeDrop(chainOf(script), undefined, facts.readImageFile), {
      tool: 'setpriv',
      how: 'entrypoint script',
    });
    assert.equal(privilegeDrop(chainOf(script)), null);
  });
});
