import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completions, parseDockerfile } from '../../server/src/core';
import { extractCursor } from '../support/fixtures';
import { markRange } from '../support/ranges';

function complete(source: string) {
  const { text, position } = extractCursor(source);
  const result = completions(parseDockerfile(text), position);
  return result && { ...result, text, replaced: markRange(text, result.range) };
}

function labels(source: string): string[] | null {
  return complete(source)?.items.map((i) => i.label) ?? null;
}

const STAGES = `FROM golang:1.22 AS builder
RUN go build -o /app .

FROM node:20
RUN npm ci

FROM alpine AS assets
`;

describe('stage names', () => {
  test('after --from=: earlier stages only, never the current one, unnamed ones by index', () => {
    const result = complete(`${STAGES}COPY --from=$0\n\nFROM scratch AS later\n`);
    assert.deepEqual(
      result?.items.map((i) => `${i.label} (${i.detail})`),
      ['builder (golang:1.22)', '1 (node:20)'],
    );
    assert.equal(result?.replaced, 'COPY --from=[]');
  });

  test('a partly typed name is replaced', () => {
    const result = complete(`${STAGES}COPY --from=bu$0 /app /app\n`);
    assert.equal(result?.replaced, 'COPY --from=[bu] /app /app');
    assert.equal(result?.items[0]?.insertText, 'builder');
  });

  test('the documentation says which stage and line it is', () => {
    const item = complete(`${STAGES}COPY --from=$0\n`)?.items[0];
    assert.equal(item?.documentation, 'Stage 0, line 1: `FROM golang:1.22`');
  });

  test('in RUN --mount, after from=', () => {
    const result = complete(`${STAGES}RUN --mount=type=bind,from=$0 ls\n`);
    assert.deepEqual(
      result?.items.map((i) => i.label),
      ['builder', '1'],
    );
    assert.equal(result?.replaced, 'RUN --mount=type=bind,from=[] ls');
  });

  test('as a FROM base: names only (FROM does not take an index)', () => {
    assert.deepEqual(labels(`${STAGES}\nFROM $0\n`), ['builder', 'assets']);
    assert.deepEqual(labels(`${STAGES}\nFROM --platform=linux/amd64 bu$0\n`), ['builder', 'assets']);
  });

  test('the first stage has nothing before it', () => {
    assert.deepEqual(labels('FROM golang:1.22 AS builder\nCOPY --from=$0\n'), []);
  });

  test('in a continuation line of the instruction', () => {
    assert.deepEqual(labels(`${STAGES}COPY --chown=app \\\n    --from=$0 /app /app\n`), ['builder', '1']);
  });
});

describe('keywords', () => {
  test('at the start of a line: every instruction', () => {
    const result = complete(`FROM alpine\n$0\n`);
    assert.deepEqual(
      result?.items.map((i) => i.label),
      [
        'FROM',
        'RUN',
        'CMD',
        'LABEL',
        'MAINTAINER',
        'EXPOSE',
        'ENV',
        'ADD',
        'COPY',
        'ENTRYPOINT',
        'VOLUME',
        'USER',
        'WORKDIR',
        'ARG',
        'ONBUILD',
        'STOPSIGNAL',
        'HEALTHCHECK',
        'SHELL',
      ],
    );
    assert.equal(result?.items.find((i) => i.label === 'COPY')?.insertText, 'COPY ');
  });

  test('a partly typed keyword is replaced', () => {
    const result = complete(`FROM alpine\n  CO$0\n`);
    assert.equal(result?.replaced, '  [CO]');
    assert.ok(result?.items.some((i) => i.label === 'COPY'));
  });

  test('after ONBUILD, without FROM, ONBUILD and MAINTAINER', () => {
    const list = labels('FROM alpine\nONBUILD $0\n');
    assert.ok(list?.includes('RUN'));
    assert.ok(!list?.includes('FROM') && !list?.includes('ONBUILD') && !list?.includes('MAINTAINER'));
  });

  test('not inside arguments, continuation lines, heredoc bodies or comments', () => {
    assert.equal(labels('FROM alpine\nRUN echo hi$0\n'), null);
    assert.equal(labels('FROM alpine\nRUN echo \\\n  $0\n'), null);
    assert.equal(labels('FROM alpine\nRUN <<EOF\n$0\nEOF\n'), null);
    assert.equal(labels('FROM alpine\n# co$0\n'), null);
  });
});

describe('flags', () => {
  test('after -- on COPY: its flags, each once', () => {
    const result = complete('FROM alpine\nCOPY --link --$0\n');
    assert.deepEqual(
      result?.items.map((i) => i.label),
      ['--from', '--chown', '--chmod', '--parents', '--exclude'],
    );
    assert.equal(result?.replaced, 'COPY --link [--]');
    const from = result?.items.find((i) => i.label === '--from');
    assert.equal(from?.insertText, '--from=');
    assert.equal(from?.retrigger, true);
  });

  test('RUN, FROM and HEALTHCHECK flags; --mount repeats', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=cache,target=/x -$0\n'), [
      '--mount',
      '--network',
      '--device',
      '--security',
    ]);
    assert.deepEqual(labels('FROM -$0\n'), ['--platform']);
    assert.deepEqual(labels('FROM alpine\nHEALTHCHECK --$0\n'), [
      '--interval',
      '--timeout',
      '--start-period',
      '--start-interval',
      '--retries',
    ]);
  });

  test('instructions without flags and positions after the arguments offer none', () => {
    assert.equal(labels('FROM alpine\nCMD --$0\n'), null);
    assert.equal(labels('FROM alpine\nRUN make -$0\n'), null);
  });
});

describe('RUN --mount options', () => {
  test('option names, filtered by the mount type, without those already written', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=cache,target=/x,$0\n'), [
      'source',
      'from',
      'readonly',
      'id',
      'sharing',
      'mode',
      'uid',
      'gid',
    ]);
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=secret,$0\n'), [
      'target',
      'id',
      'mode',
      'uid',
      'gid',
      'required',
      'env',
    ]);
  });

  test('mount types after type=', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=$0\n'), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
  });
});

test('binary or empty input offers nothing that breaks', () => {
  assert.equal(completions(parseDockerfile('\u0000\u0001\u0002'), { line: 0, character: 1 }), null);
  assert.ok(completions(parseDockerfile(''), { line: 0, character: 0 }));
});
