import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseDockerfile,
  parseImageReference,
  textOfRange,
  type DockerfileModel,
  type Range,
} from '../../server/src/core';

function text(model: DockerfileModel, range: Range | null): string {
  assert.ok(range, 'range expected');
  return textOfRange(model.text, model.lineStarts, range);
}

describe('stages', () => {
  test('names, bases and the final stage', () => {
    const m = parseDockerfile(
      'ARG GO=1.22\nFROM --platform=$BUILDPLATFORM golang:${GO} AS Build\nRUN go build -o /app .\nFROM build AS test\nFROM scratch\nCOPY --from=Build /app /app\n',
    );
    assert.equal(m.stages.length, 3);
    const [build, testStage, final] = m.stages;
    assert.equal(build!.name, 'Build');
    assert.equal(build!.nameLower, 'build');
    assert.equal(text(m, build!.nameRange), 'Build');
    assert.equal(text(m, build!.asRange), 'AS');
    assert.equal(build!.platform?.value, '$BUILDPLATFORM');
    assert.deepEqual(build!.base, {
      kind: 'image',
      image: { raw: 'golang:1.22', registry: null, name: 'golang', tag: '1.22', digest: null, hasVariable: true },
    });
    assert.deepEqual(testStage!.base, { kind: 'stage', stage: 0 });
    assert.deepEqual(final!.base, { kind: 'scratch' });
    assert.equal(m.finalStage, 2);
    assert.deepEqual(m.reachable, [true, false, true]);
    assert.deepEqual(
      m.globalArgs.map((a) => a.argsText),
      ['GO=1.22'],
    );
    assert.deepEqual(
      build!.instructions.map((i) => i.keyword),
      ['FROM', 'RUN'],
    );
  });

  test('a base given by an unresolved variable', () => {
    const m = parseDockerfile('ARG BASE\nFROM $BASE\n');
    assert.deepEqual(m.stages[0]!.base, { kind: 'variable', raw: '$BASE' });
  });

  test('default values in variable modifiers resolve the base', () => {
    const m = parseDockerfile('ARG TAG\nFROM alpine:${TAG:-3.20}\n');
    assert.equal(m.stages[0]!.base.kind === 'image' && m.stages[0]!.base.image.raw, 'alpine:3.20');
  });
});

describe('references', () => {
  const m = parseDockerfile(
    [
      'FROM golang:1.22 AS builder',
      'FROM alpine AS assets',
      'FROM builder AS tested',
      'FROM debian:bookworm-slim',
      'COPY --from=BUILDER /a /a',
      'COPY --from=1 /b /b',
      'COPY --from=nginx:1.25 /c /c',
      'COPY --from=$SRC /d /d',
      'COPY --from=9 /e /e',
      'RUN --mount=type=bind,from=assets,target=/x --mount=type=cache,target=/root/.cache true',
      '',
    ].join('\n'),
  );

  test('are resolved as BuildKit resolves them', () => {
    assert.deepEqual(
      m.references.map((r) => [r.kind, r.value, r.byIndex, r.target]),
      [
        ['from', 'builder', false, { kind: 'stage', stage: 0 }],
        ['copy-from', 'BUILDER', false, { kind: 'stage', stage: 0 }],
        ['copy-from', '1', true, { kind: 'stage', stage: 1 }],
        ['copy-from', 'nginx:1.25', false, { kind: 'image' }],
        ['copy-from', '$SRC', false, { kind: 'variable' }],
        ['copy-from', '9', true, { kind: 'invalid-index' }],
        ['mount-from', 'assets', false, { kind: 'stage', stage: 1 }],
      ],
    );
  });

  test('have ranges covering exactly the value', () => {
    for (const r of m.references) assert.equal(text(m, r.range), r.value);
  });

  test('make the referenced stages reachable', () => {
    assert.deepEqual(m.reachable, [true, true, false, true]);
  });

  test('to a later stage and to the stage itself are resolved to that stage', () => {
    const f = parseDockerfile('FROM alpine AS a\nCOPY --from=b /x /x\nCOPY --from=a /y /y\nFROM alpine AS b\n');
    assert.deepEqual(
      f.references.map((r) => [r.fromStage, r.target]),
      [
        [0, { kind: 'stage', stage: 1 }],
        [0, { kind: 'stage', stage: 0 }],
      ],
    );
  });

  test('an empty --from= or from= names nothing (BuildKit reads the build context, as without it)', () => {
    const f = parseDockerfile(
      'FROM alpine AS a\nRUN true\nFROM alpine\nCOPY --from= x /x\nRUN --mount=type=bind,from=,target=/m true\n',
    );
    assert.deepEqual(f.references, []);
    assert.deepEqual(f.reachable, [false, true]);
  });

  test('a FROM naming its own or a later stage reads an image', () => {
    const f = parseDockerfile('FROM node AS node\nFROM later\nFROM alpine AS later\n');
    assert.deepEqual(f.references, []);
    assert.equal(f.stages[0]!.base.kind, 'image');
    assert.equal(f.stages[1]!.base.kind, 'image');
  });
});

describe('syntax the model must survive', () => {
  test('continuations, comments inside them and CRLF', () => {
    const m = parseDockerfile(
      'FROM alpine AS a\r\nRUN apk add \\\r\n# a comment inside\r\n    curl\r\nCOPY --from=a \\\r\n  /x /y\r\n',
    );
    assert.equal(m.stages[0]!.instructions.length, 3);
    const run = m.stages[0]!.instructions[1]!;
    assert.deepEqual(
      run.args.map((a) => a.value),
      ['apk', 'add', 'curl'],
    );
    assert.equal(run.range.start.line, 1);
    assert.equal(run.range.end.line, 3);
    assert.equal(m.references[0]!.range.start.line, 4);
  });

  test('comment lines inside a continuation leave one line of arguments, as BuildKit folds it', () => {
    // BuildKit drops an indented comment line whole, also one that ends with the escape character;
    // the command goes on past it (an install's packages below a `# group` comment are its own).
    const m = parseDockerfile(
      'FROM debian\nRUN apt-get install -y \\\n  # NFS\n  nfs-common \\\n  # pg \\\n  postgresql-client \\\n  # R\n  r-base && \\\n  true\n',
    );
    const run = m.instructions[1]!;
    assert.ok(!run.argsText.includes('\n'), JSON.stringify(run.argsText));
    assert.ok(!run.argsText.includes('#'), JSON.stringify(run.argsText));
    assert.deepEqual(run.argsText.split(/\s+/), [
      'apt-get',
      'install',
      '-y',
      'nfs-common',
      'postgresql-client',
      'r-base',
      '&&',
      'true',
    ]);
  });

  test('the backtick escape directive', () => {
    const m = parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nRUN echo a `\n    b\nFROM build\n',
    );
    assert.equal(m.escapeChar, '`');
    assert.deepEqual(
      m.directives.map((d) => [d.name, d.value]),
      [['escape', '`']],
    );
    assert.equal(m.stages[0]!.instructions[1]!.range.end.line, 3);
    assert.deepEqual(m.stages[1]!.base, { kind: 'stage', stage: 0 });
  });

  test('heredocs, terminated and not', () => {
    const m = parseDockerfile(
      'FROM alpine\nRUN <<EOF\necho hi\necho there\nEOF\nCOPY <<CONF /etc/app.conf\nkey=value\n',
    );
    const [, run, copy] = m.stages[0]!.instructions;
    assert.equal(run!.heredocs.length, 1);
    assert.equal(run!.heredocs[0]!.name, 'EOF');
    assert.equal(run!.heredocs[0]!.content, 'echo hi\necho there');
    assert.ok(run!.heredocs[0]!.endRange);
    assert.equal(copy!.heredocs[0]!.endRange, null);
  });

  test('a byte order mark and parser directives', () => {
    const m = parseDockerfile('\ufeff# syntax=docker/dockerfile:1\n# check=skip=StageNameCasing\nFROM alpine\n');
    assert.deepEqual(
      m.directives.map((d) => d.name),
      ['syntax', 'check'],
    );
    assert.equal(m.stages.length, 1);
  });

  test("the frontend: another than BuildKit's own Dockerfile frontend, read from the leading syntax line", () => {
    assert.equal(parseDockerfile('# syntax=docker/dockerfile:1\nFROM alpine\n').frontend, null);
    assert.equal(parseDockerfile('# syntax=docker.io/docker/dockerfile-upstream:master\nFROM alpine\n').frontend, null);
    assert.equal(parseDockerfile('FROM alpine\n').frontend, null);
    const other = '# syntax=devthefuture/dockerfile-x:v1.5.0\nINCLUDE_ARGS .env\nFROM node:${NODE}\n';
    assert.equal(parseDockerfile(other).frontend, 'devthefuture/dockerfile-x:v1.5.0');
    // Only a leading directive counts: a comment after the first instruction names no frontend.
    assert.equal(parseDockerfile('FROM alpine\n# syntax=devthefuture/dockerfile-x\n').frontend, null);
  });

  test('empty, whitespace-only and comment-only input give an empty model', () => {
    for (const input of ['', '   \n\n', '# just a comment\n', '\ufeff']) {
      const m = parseDockerfile(input);
      assert.equal(m.stages.length, 0, JSON.stringify(input));
      assert.equal(m.finalStage, -1);
      assert.equal(m.skipped, null);
    }
  });

  test('binary input is skipped, not parsed', () => {
    const m = parseDockerfile('\u007fELF\u0000\u0001\u0002FROM alpine');
    assert.equal(m.skipped, 'binary content');
    assert.equal(m.instructions.length, 0);
  });

  test('instructions before the first FROM and JSON forms', () => {
    const m = parseDockerfile('ARG A=1\nRUN echo early\nFROM alpine\nCMD ["sh", "-c", "echo"]\nENTRYPOINT echo\n');
    assert.equal(m.instructions[1]!.stage, -1);
    assert.deepEqual(
      m.globalArgs.map((a) => a.keyword),
      ['ARG'],
    );
    const [, cmd, entrypoint] = m.stages[0]!.instructions;
    assert.equal(cmd!.json, true);
    assert.equal(entrypoint!.json, false);
  });
});

describe('image references', () => {
  const cases: [string, [string | null, string, string | null, string | null]][] = [
    ['golang', [null, 'golang', null, null]],
    ['golang:1.22-bookworm', [null, 'golang', '1.22-bookworm', null]],
    ['library/node:20', [null, 'library/node', '20', null]],
    ['gcr.io/distroless/static-debian12:nonroot', ['gcr.io', 'distroless/static-debian12', 'nonroot', null]],
    ['localhost:5000/app:dev', ['localhost:5000', 'app', 'dev', null]],
    ['alpine@sha256:abc', [null, 'alpine', null, 'sha256:abc']],
    ['mcr.microsoft.com/dotnet/sdk:8.0@sha256:def', ['mcr.microsoft.com', 'dotnet/sdk', '8.0', 'sha256:def']],
  ];
  for (const [raw, [registry, name, tag, digest]] of cases) {
    test(raw, () => {
      const image = parseImageReference(raw);
      assert.deepEqual([image.registry, image.name, image.tag, image.digest], [registry, name, tag, digest]);
    });
  }
});

describe('variables', () => {
  test('are found with their ranges, escaped dollars skipped', () => {
    const m = parseDockerfile('FROM alpine\nENV A=$HOME B=${PATH:-/bin} C=\\$NOT\nRUN echo ${UNCLOSED\n');
    const env = m.stages[0]!.instructions[1]!;
    assert.deepEqual(
      env.variables.map((v) => [v.value, text(m, v.range)]),
      [
        ['HOME', '$HOME'],
        ['PATH', '${PATH:-/bin}'],
      ],
    );
    assert.deepEqual(m.stages[0]!.instructions[2]!.variables, []);
  });

  test('instructions before the first FROM with variables do not overflow the stack', () => {
    // The parser library's own variable resolution recursed without end on this shape.
    // The FROM line continues the first instruction (the comment line inside the continuation is
    // skipped), so every instruction here stands before the first FROM.
    const m = parseDockerfile(
      '    && if [ -n "$tempDir" ]; then \\\n# comment\nFROM nginx:1.27\nENV V 1\nRUN echo $V\n',
    );
    assert.equal(m.skipped, null);
    assert.equal(m.stages.length, 0);
    assert.deepEqual(
      m.instructions.map((i) => i.keyword),
      ['&&', 'ENV', 'RUN'],
    );
    assert.deepEqual(
      m.instructions[0]!.variables.map((v) => v.value),
      ['tempDir'],
    );
  });
});
