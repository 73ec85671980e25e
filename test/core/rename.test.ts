import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, parseDockerfile, prepareRename, rename } from '../../server/src/core';
import { extractCursor } from '../support/fixtures';
import { markRange } from '../support/ranges';

function setup(source: string) {
  const { text, position } = extractCursor(source);
  return { text, position, model: parseDockerfile(text) };
}

/** Renames at the cursor and returns the new text, or throws with the refusal message. */
function renamed(source: string, newName: string): string {
  const { text, position, model } = setup(source);
  const result = rename(model, position, newName);
  assert.ok(result, 'rename is possible at the cursor');
  if (!result.ok) throw new Error(result.message);
  return applyEdits(text, result.edits);
}

function refusal(source: string, newName: string): string {
  const { position, model } = setup(source);
  const result = rename(model, position, newName);
  assert.ok(result && !result.ok, 'the rename is refused');
  return result.message;
}

const SOURCE = `FROM golang:1.22 AS Builder
RUN go build -o /out/app .

FROM BUILDER AS test
RUN go test ./...

FROM debian:bookworm-slim AS release
COPY --from=builder /out/app /usr/local/bin/app
COPY --from=0 /out/app /app-by-index
RUN --mount=type=cache,from=bUiLdEr,target=/root/.cache ls
COPY --from=nginx:alpine /etc/nginx /etc/nginx
`;

describe('rename', () => {
  test('renames the AS name and every reference by name, whatever its case; numeric references stay', () => {
    for (const cursorAt of ['AS Bu$0ilder', 'FROM BUI$0LDER', '--from=bui$0lder', 'from=bUi$0LdEr']) {
      const plain = cursorAt.replace('$0', '');
      const source = SOURCE.replace(plain, cursorAt);
      assert.equal(
        renamed(source, 'compile'),
        `FROM golang:1.22 AS compile
RUN go build -o /out/app .

FROM compile AS test
RUN go test ./...

FROM debian:bookworm-slim AS release
COPY --from=compile /out/app /usr/local/bin/app
COPY --from=0 /out/app /app-by-index
RUN --mount=type=cache,from=compile,target=/root/.cache ls
COPY --from=nginx:alpine /etc/nginx /etc/nginx
`,
        cursorAt,
      );
    }
  });

  test('changing only the case of a name is allowed', () => {
    assert.match(
      renamed(SOURCE.replace('AS Builder', 'AS Builder$0'), 'builder'),
      /^FROM golang:1.22 AS builder\n[\s\S]*FROM builder AS test/,
    );
  });

  test('refuses a name another stage has, ignoring case', () => {
    assert.equal(
      refusal(SOURCE.replace('AS Builder', 'AS $0Builder'), 'TEST'),
      "A stage named 'test' already exists (line 4); stage names must be unique, ignoring case.",
    );
  });

  test('refuses names BuildKit rejects', () => {
    const source = SOURCE.replace('AS Builder', 'AS $0Builder');
    for (const name of ['go/builder', '1st', 'my stage', '-x', '']) {
      assert.match(refusal(source, name), /not a valid stage name|cannot be empty/, name);
    }
    assert.equal(refusal(source, 'scratch'), "'scratch' is reserved by BuildKit and cannot name a stage.");
    assert.equal(refusal(source, 'Context'), "'Context' is reserved by BuildKit and cannot name a stage.");
  });

  test('accepts letters, digits, -, _ and . after a first letter', () => {
    assert.match(renamed(SOURCE.replace('AS Builder', 'AS $0Builder'), 'go-build_2.0'), /AS go-build_2\.0\n/);
  });

  test('refuses a name that would capture a reference to an image', () => {
    assert.equal(
      refusal(SOURCE.replace('AS Builder', 'AS $0Builder'), 'nginx:alpine'),
      "'nginx:alpine' is not a valid stage name: start with a letter and use only letters, digits, '-', '_' and '.'.",
    );
    assert.equal(
      refusal('FROM alpine AS $0tools\nFROM scratch\nCOPY --from=busybox /bin/busybox /busybox\n', 'busybox'),
      "'busybox' on line 3 reads an image of that name; naming this stage 'busybox' would make it read the stage instead.",
    );
    assert.equal(
      refusal('FROM alpine AS $0tools\nFROM debian\n', 'Debian'),
      "'FROM debian' on line 2 uses the image of that name; naming this stage 'Debian' would make it start from the stage instead.",
    );
  });

  test('refuses when a reference through a variable may name the stage (a rename could not update it)', () => {
    assert.equal(
      refusal('ARG BASE=builder\nFROM alpine AS $0builder\nFROM ${BASE}\n', 'tools'),
      "'FROM ${BASE}' on line 3 can name this stage through a variable, and a rename cannot update it. Change that line first.",
    );
    assert.equal(
      refusal(
        'ARG FLAVOR=false\nFROM scratch AS binary-$0true\nFROM scratch AS binary-false\nFROM binary-${FLAVOR}\n',
        'x',
      ),
      "'FROM binary-${FLAVOR}' on line 4 can name this stage through a variable, and a rename cannot update it. Change that line first.",
    );
    assert.equal(
      refusal('FROM alpine AS $0tools-amd64\nFROM scratch\nCOPY --from=tools-${TARGETARCH} /a /a\n', 'x'),
      "'--from=tools-${TARGETARCH}' on line 3 can name this stage through a variable, and a rename cannot update it. Change that line first.",
    );
  });

  test('variables that cannot name the stage do not block it', () => {
    const source =
      'ARG BASE=debian\nFROM ${BASE} AS $0builder\nFROM scratch\nCOPY --from=tools-${ARCH} /a /a\nCOPY --from=builder /b /b\n';
    assert.equal(
      renamed(source, 'compile'),
      'ARG BASE=debian\nFROM ${BASE} AS compile\nFROM scratch\nCOPY --from=tools-${ARCH} /a /a\nCOPY --from=compile /b /b\n',
    );
  });
});

describe('prepareRename', () => {
  test('on the AS name or a reference by name: the range and the current name', () => {
    for (const [cursorAt, marked] of [
      ['AS Bu$0ilder', 'FROM golang:1.22 AS [Builder]'],
      ['--from=$0builder', 'COPY --from=[builder] /out/app /usr/local/bin/app'],
      ['FROM BUILDER$0', 'FROM [BUILDER] AS test'],
    ] as const) {
      const { text, position, model } = setup(SOURCE.replace(cursorAt.replace('$0', ''), cursorAt));
      const result = prepareRename(model, position);
      assert.ok(result?.ok, cursorAt);
      assert.equal(markRange(text, result.range), marked);
      assert.equal(result.placeholder, 'Builder');
    }
  });

  test('a numeric reference explains why it stays numeric', () => {
    const { position, model } = setup(SOURCE.replace('--from=0', '--from=0$0'));
    assert.deepEqual(prepareRename(model, position), {
      ok: false,
      message: "'0' refers to stage 0 by its index, which a rename does not change. Rename 'Builder' at its AS name.",
    });
  });

  test('an unnamed stage, an image and a variable cannot be renamed', () => {
    assert.deepEqual(prepareRename(...args('FROM alpine\nFROM scratch\nCOPY --from=0$0 /a /a\n')), {
      ok: false,
      message: "Stage 0 has no name. Add 'AS <name>' to its FROM line (line 1) to give it one.",
    });
    assert.deepEqual(prepareRename(...args(SOURCE.replace('nginx:alpine', 'ngi$0nx:alpine'))), {
      ok: false,
      message: "'nginx:alpine' is an image, not a stage of this Dockerfile, so there is nothing to rename.",
    });
    assert.deepEqual(prepareRename(...args('FROM alpine AS a\nFROM scratch\nCOPY --from=${S$0} /a /a\n')), {
      ok: false,
      message: 'This reference is a variable, resolved only at build time; rename the stage at its AS name instead.',
    });
  });

  test('elsewhere there is nothing to rename', () => {
    assert.equal(prepareRename(...args('FROM alpine AS a\nRUN ec$0ho hi\n')), null);
    assert.equal(prepareRename(...args('FROM alp$0ine AS a\n')), null);
  });
});

function args(source: string): Parameters<typeof prepareRename> {
  const { position, model } = setup(source);
  return [model, position];
}
