import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  codeLenses,
  documentSymbols,
  foldingRanges,
  parseDockerfile,
  type DocumentSymbol,
  type Range,
} from '../../server/src/core';
import { markRange } from '../support/ranges';

const TEXT = `# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

FROM golang:\${GO_VERSION} AS builder
WORKDIR /src
RUN --mount=type=cache,target=/root/.cache/go-build \\
    go build -o /out/app .

FROM builder AS test
RUN go test ./...

# The runtime image:
# small and without a toolchain.
FROM gcr.io/distroless/static AS release
COPY --from=builder /out/app /app
COPY <<EOF /etc/app.conf
listen = 8080
EOF
ENTRYPOINT ["/app"]
`;

function outline(symbols: DocumentSymbol[], text: string, depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.kind} ${s.name} | ${s.detail} | ${markRange(text, s.selectionRange)}`,
    ...outline(s.children, text, depth + 1),
  ]);
}

describe('document symbols', () => {
  test('global ARGs, then one symbol per stage with its instructions; the final stage is marked', () => {
    assert.deepEqual(outline(documentSymbols(parseDockerfile(TEXT)), TEXT), [
      'variable ARG | GO_VERSION=1.22 | [ARG] GO_VERSION=1.22',
      'stage builder | FROM golang:${GO_VERSION} | FROM golang:${GO_VERSION} AS [builder]',
      '  property WORKDIR | /src | [WORKDIR] /src',
      '  instruction RUN | --mount=type=cache,target=/root/.cache/go-build go build -o… | [RUN] --mount=type=cache,target=/root/.cache/go-build \\',
      'stage test | FROM builder · not built by default | FROM builder AS [test]',
      '  instruction RUN | go test ./... | [RUN] go test ./...',
      'stage release | FROM gcr.io/distroless/static · final image | FROM gcr.io/distroless/static AS [release]',
      '  instruction COPY | --from=builder /out/app /app | [COPY] --from=builder /out/app /app',
      '  instruction COPY | <<EOF /etc/app.conf | [COPY] <<EOF /etc/app.conf',
      '  instruction ENTRYPOINT | ["/app"] | [ENTRYPOINT] ["/app"]',
    ]);
  });

  test('each symbol range contains its selection range and its children (breadcrumbs rely on it)', () => {
    const before = (a: Range['start'], b: Range['start']) =>
      a.line < b.line || (a.line === b.line && a.character <= b.character);
    const within = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);
    const check = (symbols: DocumentSymbol[]): void => {
      for (const s of symbols) {
        assert.ok(within(s.range, s.selectionRange), s.name);
        for (const child of s.children) assert.ok(within(s.range, child.range), `${s.name} > ${child.name}`);
        check(s.children);
      }
    };
    check(documentSymbols(parseDockerfile(TEXT)));
  });

  test('an unnamed stage is called by its index', () => {
    const text = 'FROM alpine\nRUN true\n';
    assert.deepEqual(outline(documentSymbols(parseDockerfile(text)), text), [
      'stage stage 0 | FROM alpine · final image | [FROM] alpine',
      '  instruction RUN | true | [RUN] true',
    ]);
  });
});

describe('folding ranges', () => {
  test('stages, multi-line instructions, heredocs and comment blocks', () => {
    const lines = TEXT.split('\n');
    assert.deepEqual(
      foldingRanges(parseDockerfile(TEXT)).map(
        (f) => `${f.kind ?? 'lines'}: ${lines[f.startLine]} … ${lines[f.endLine]}`,
      ),
      [
        'region: FROM golang:${GO_VERSION} AS builder …     go build -o /out/app .',
        'lines: RUN --mount=type=cache,target=/root/.cache/go-build \\ …     go build -o /out/app .',
        'region: FROM builder AS test … RUN go test ./...',
        'comment: # The runtime image: … # small and without a toolchain.',
        'region: FROM gcr.io/distroless/static AS release … ENTRYPOINT ["/app"]',
        'lines: COPY <<EOF /etc/app.conf … EOF',
      ],
    );
  });
});

describe('code lens', () => {
  test('final image, used by, unused', () => {
    const text = `FROM golang:1.22 AS builder
FROM builder AS test
FROM alpine AS lint
FROM scratch AS release
COPY --from=builder /app /app
COPY --from=test /report /report
`;
    const model = parseDockerfile(text);
    assert.deepEqual(
      codeLenses(model).map((l) => `${markRange(text, l.range)} => ${l.title}`),
      [
        '[FROM] golang:1.22 AS builder => used by: test, release',
        '[FROM] builder AS test => used by: release',
        '[FROM] alpine AS lint => unused — not built for the default target',
        '[FROM] scratch AS release => final image',
      ],
    );
  });

  test('a stage used only by stages the default target skips', () => {
    const text = 'FROM alpine AS tools\nFROM alpine AS ci\nCOPY --from=tools /a /a\nFROM alpine AS release\n';
    assert.deepEqual(
      codeLenses(parseDockerfile(text)).map((l) => l.title),
      ['used by: ci — not built for the default target', 'unused — not built for the default target', 'final image'],
    );
  });

  test('the lens carries the references to show, anchored on the stage name', () => {
    const text = 'FROM golang:1.22 AS builder\nFROM scratch\nCOPY --from=builder /a /a\nCOPY --from=0 /b /b\n';
    const [lens] = codeLenses(parseDockerfile(text));
    assert.equal(markRange(text, lens!.anchor), 'FROM golang:1.22 AS [builder]');
    assert.deepEqual(
      lens!.locations.map((r) => markRange(text, r)),
      ['COPY --from=[builder] /a /a', 'COPY --from=[0] /b /b'],
    );
  });
});
