import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definition, documentHighlights, parseDockerfile, references } from '../../server/src/core';
import { extractCursor } from '../support/fixtures';
import { markRange } from '../support/ranges';

const MULTI = `FROM golang:1.22 AS Builder
RUN go build -o /out/app .

FROM builder AS test
RUN go test ./...

FROM node:20
RUN npm ci

FROM debian:bookworm-slim AS release
COPY --from=BUILDER /out/app /usr/local/bin/app
COPY --from=0 /out/app /app-by-index
RUN --mount=type=bind,from=builder,source=/out,target=/mnt ls /mnt
COPY --from=nginx:alpine /etc/nginx /etc/nginx
`;

/** Puts the `$0` cursor before the n-th (0-based) occurrence of needle + offset characters. */
function cursorIn(text: string, needle: string, offset = 1, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`no occurrence ${occurrence} of ${needle}`);
  }
  return text.slice(0, at + offset) + '$0' + text.slice(at + offset);
}

function setup(source: string) {
  const { text, position } = extractCursor(source);
  return { text, position, model: parseDockerfile(text) };
}

describe('definition', () => {
  test('from --from=, from=, FROM <stage> and a numeric index to the AS name, whatever the case', () => {
    for (const [needle, occurrence] of [
      ['--from=BUILDER', 0],
      ['from=builder', 0],
      ['FROM builder', 0],
      ['--from=0', 0],
    ] as const) {
      const { text, position, model } = setup(cursorIn(MULTI, needle, needle.length - 1, occurrence));
      const result = definition(model, position);
      assert.ok(result, needle);
      assert.equal(markRange(text, result.targetSelectionRange), 'FROM golang:1.22 AS [Builder]', needle);
      assert.equal(
        markRange(text, result.targetRange),
        '[FROM golang:1.22 AS Builder … RUN go build -o /out/app .]',
        needle,
      );
    }
  });

  test('the origin is the reference value', () => {
    const { text, position, model } = setup(cursorIn(MULTI, '--from=BUILDER', 9));
    assert.equal(
      markRange(text, definition(model, position)!.originRange),
      'COPY --from=[BUILDER] /out/app /usr/local/bin/app',
    );
  });

  test('an unnamed stage is found by index and selects its FROM', () => {
    const { text, position, model } = setup('FROM alpine\nRUN touch /a\nFROM scratch\nCOPY --from=$00 /a /a\n');
    assert.equal(markRange(text, definition(model, position)!.targetSelectionRange), '[FROM] alpine');
  });

  test('images, variables, bad indexes and plain text have no definition', () => {
    for (const source of [
      cursorIn(MULTI, 'nginx:alpine', 2),
      'FROM alpine\nCOPY --from=${$0X} /a /a\n',
      'FROM alpine AS a\nFROM alpine\nCOPY --from=9$0 /a /a\n',
      'FROM alpine AS a\nRUN ec$0ho\n',
      'FROM alp$0ine AS a\n',
    ]) {
      const { position, model } = setup(source);
      assert.equal(definition(model, position), null, source);
    }
  });
});

describe('references', () => {
  const EXPECTED = [
    'FROM golang:1.22 AS [Builder]',
    'FROM [builder] AS test',
    'COPY --from=[BUILDER] /out/app /usr/local/bin/app',
    'COPY --from=[0] /out/app /app-by-index',
    'RUN --mount=type=bind,from=[builder],source=/out,target=/mnt ls /mnt',
  ];

  test('from the declaration: the AS name and every reference, numeric included', () => {
    const { text, position, model } = setup(cursorIn(MULTI, 'Builder', 2));
    assert.deepEqual(
      references(model, position, true).map((r) => markRange(text, r.range)),
      EXPECTED,
    );
  });

  test('from a reference, with and without the declaration', () => {
    const { text, position, model } = setup(cursorIn(MULTI, 'from=builder', 7));
    assert.deepEqual(
      references(model, position, true).map((r) => markRange(text, r.range)),
      EXPECTED,
    );
    assert.deepEqual(
      references(model, position, false).map((r) => markRange(text, r.range)),
      EXPECTED.slice(1),
    );
  });

  test('reference kinds', () => {
    const { position, model } = setup(cursorIn(MULTI, 'Builder', 2));
    assert.deepEqual(
      references(model, position, true).map((r) => r.kind),
      ['declaration', 'from', 'copy-from', 'copy-from', 'mount-from'],
    );
  });

  test('an image reference has no references', () => {
    const { position, model } = setup(cursorIn(MULTI, 'nginx', 2));
    assert.deepEqual(references(model, position, true), []);
  });

  test('duplicate names: references go to the first stage of that name, as in BuildKit', () => {
    const { text, position, model } = setup(
      'FROM alpine AS a\nFROM alpine AS A\nFROM scratch\nCOPY --from=$0a /x /x\n',
    );
    assert.deepEqual(
      references(model, position, true).map((r) => markRange(text, r.range)),
      ['FROM alpine AS [a]', 'COPY --from=[a] /x /x'],
    );
  });
});

describe('document highlight', () => {
  test('the declaration is the write, references are reads', () => {
    const { text, position, model } = setup(cursorIn(MULTI, '--from=BUILDER', 8));
    assert.deepEqual(
      documentHighlights(model, position).map((h) => `${h.kind} ${markRange(text, h.range)}`),
      [
        'write FROM golang:1.22 AS [Builder]',
        'read FROM [builder] AS test',
        'read COPY --from=[BUILDER] /out/app /usr/local/bin/app',
        'read COPY --from=[0] /out/app /app-by-index',
        'read RUN --mount=type=bind,from=[builder],source=/out,target=/mnt ls /mnt',
      ],
    );
  });

  test('nothing to highlight outside stage names', () => {
    const { position, model } = setup(cursorIn(MULTI, 'npm ci', 1));
    assert.deepEqual(documentHighlights(model, position), []);
  });
});
