import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CodeLens,
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  MarkupContent,
  Range,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-jsonrpc';
import { LspTestClient } from '../support/lsp-client';
import { markRange } from '../support/ranges';

const URI = 'file:///workspace/features/Dockerfile';
const TEXT = `FROM golang:1.22 AS builder
WORKDIR /src
RUN go build -o /out/app .

FROM builder AS test
RUN go test ./...

FROM debian:bookworm-slim AS release
COPY --from=builder /out/app /usr/local/bin/app
COPY --from=0 /out/app /app
`;
const LINES = TEXT.split('\n');

/** The position of the n-th occurrence of needle, plus offset characters. */
function at(needle: string, offset = 0, occurrence = 0): { line: number; character: number } {
  let seen = 0;
  for (let line = 0; line < LINES.length; line++) {
    let from = 0;
    for (;;) {
      const character = LINES[line]!.indexOf(needle, from);
      if (character < 0) break;
      if (seen++ === occurrence) return { line, character: character + offset };
      from = character + 1;
    }
  }
  throw new Error(`no ${needle}`);
}

function mark(range: Range): string {
  return markRange(TEXT, range);
}

describe('language features over LSP', () => {
  const client = new LspTestClient();
  const textDocument = { uri: URI };

  before(async () => {
    await client.initialize();
    client.open(URI, TEXT, 1);
    await client.diagnosticsFor(URI, 1);
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  test('initialize announces every feature', async () => {
    const other = new LspTestClient();
    const { capabilities } = await other.initialize();
    await other.shutdown();
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.documentHighlightProvider, true);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.ok(capabilities.documentSymbolProvider);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['-', '=', ',']);
    assert.ok(capabilities.codeLensProvider);
  });

  test('hover on --from=builder explains the stage as Markdown', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument,
      position: at('--from=builder', 9),
    });
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.equal(
      contents.value,
      [
        '**`builder`** — stage 0 (line 1), based on `golang:1.22`',
        'Runs: `go build -o /out/app .`  \nProduces: `/out/app`',
        'This `COPY` takes from `builder`:\n- `/out/app` → `/usr/local/bin/app`',
        'Only these paths enter `release`; the rest of `builder` (compilers, caches, sources) stays behind.',
        '`builder` is not in the final image: only what is copied out of it is.',
      ].join('\n\n'),
    );
    assert.equal(mark(hover.range!), 'COPY --from=[builder] /out/app /usr/local/bin/app');
  });

  test('hover on a keyword links to the Dockerfile reference', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument, position: at('WORKDIR', 2) });
    assert.match(
      (hover.contents as MarkupContent).value,
      /\[Dockerfile reference: WORKDIR\]\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#workdir\)/,
    );
  });

  test('no hover on plain arguments', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument, position: at('go test', 4) }), null);
  });

  test('definition jumps from a reference to the AS name', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument,
      position: at('--from=0', 7),
    });
    assert.deepEqual(
      locations.map((l) => `${l.uri} ${mark(l.range)}`),
      [`${URI} FROM golang:1.22 AS [builder]`],
    );
  });

  test('definition answers with links when the client supports them', async () => {
    const linking = new LspTestClient();
    await linking.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { definition: { linkSupport: true } } },
    });
    await linking.connection.sendNotification('initialized', {});
    linking.open(URI, TEXT, 1);
    await linking.diagnosticsFor(URI, 1);
    const links = await linking.request<
      { originSelectionRange: Range; targetSelectionRange: Range; targetRange: Range; targetUri: string }[]
    >('textDocument/definition', { textDocument, position: at('FROM builder', 6) });
    await linking.shutdown();
    assert.equal(links.length, 1);
    assert.equal(mark(links[0]!.originSelectionRange), 'FROM [builder] AS test');
    assert.equal(mark(links[0]!.targetSelectionRange), 'FROM golang:1.22 AS [builder]');
    assert.equal(links[0]!.targetUri, URI);
  });

  test('references include the declaration when asked', async () => {
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument,
      position: at('AS builder', 4),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      locations.map((l) => mark(l.range)),
      [
        'FROM golang:1.22 AS [builder]',
        'FROM [builder] AS test',
        'COPY --from=[builder] /out/app /usr/local/bin/app',
        'COPY --from=[0] /out/app /app',
      ],
    );
  });

  test('document highlight marks the declaration as the write', async () => {
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument,
      position: at('--from=builder', 8),
    });
    assert.deepEqual(
      highlights.map((h) => `${h.kind} ${mark(h.range)}`),
      [
        '3 FROM golang:1.22 AS [builder]',
        '2 FROM [builder] AS test',
        '2 COPY --from=[builder] /out/app /usr/local/bin/app',
        '2 COPY --from=[0] /out/app /app',
      ],
    );
  });

  test('prepareRename gives the range and name, or an error with the reason', async () => {
    const ok = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument,
      position: at('FROM builder', 7),
    });
    assert.equal(mark(ok.range), 'FROM [builder] AS test');
    assert.equal(ok.placeholder, 'builder');
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument, position: at('--from=0', 7) }),
      (error: unknown) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, -32803);
        assert.match(error.message, /by its index/);
        return true;
      },
    );
  });

  test('rename edits the AS name and the references by name, for this document version', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument,
      position: at('AS builder', 5),
      newName: 'compile',
    });
    const change = edit.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: URI, version: 1 });
    assert.deepEqual(
      change.edits.map((e) => `${'newText' in e ? e.newText : ''} @ ${mark(e.range)}`),
      [
        'compile @ FROM golang:1.22 AS [builder]',
        'compile @ FROM [builder] AS test',
        'compile @ COPY --from=[builder] /out/app /usr/local/bin/app',
      ],
    );
  });

  test('rename refuses a clash with a proper error', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { textDocument, position: at('AS builder', 5), newName: 'Release' }),
      (error: unknown) =>
        error instanceof ResponseError && error.code === -32803 && /already exists/.test(error.message),
    );
  });

  test('document symbols: stages with their instructions', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    assert.deepEqual(
      symbols.map((s) => `${s.name} [${s.detail}] ${s.children?.map((c) => c.name).join(',')}`),
      [
        'builder [FROM golang:1.22] WORKDIR,RUN',
        'test [FROM builder · not built by default] RUN',
        'release [FROM debian:bookworm-slim · final image] COPY,COPY',
      ],
    );
    assert.equal(symbols[0]!.kind, 2);
  });

  test('folding ranges per stage', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument });
    assert.deepEqual(
      ranges.map((r) => `${LINES[r.startLine]} … ${LINES[r.endLine]} (${r.kind})`),
      [
        'FROM golang:1.22 AS builder … RUN go build -o /out/app . (region)',
        'FROM builder AS test … RUN go test ./... (region)',
        'FROM debian:bookworm-slim AS release … COPY --from=0 /out/app /app (region)',
      ],
    );
  });

  test('completion after --from= offers earlier stages with their base', async () => {
    const version = client.change(URI, [
      { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'COPY --from=' },
    ]);
    await client.diagnosticsFor(URI, version);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument,
      position: { line: 10, character: 12 },
    });
    assert.deepEqual(
      list.items.map((i) => `${i.label} (${i.detail})`),
      ['builder (golang:1.22)', 'test (builder)'],
    );
    assert.deepEqual(list.items[0]!.textEdit, {
      range: { start: { line: 10, character: 12 }, end: { line: 10, character: 12 } },
      newText: 'builder',
    });
    const undo = client.change(URI, [
      { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 12 } }, text: '' },
    ]);
    await client.diagnosticsFor(URI, undo);
  });

  test('completion of flags re-triggers suggestions after --from=', async () => {
    const version = client.change(URI, [
      { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'COPY --' },
    ]);
    await client.diagnosticsFor(URI, version);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument,
      position: { line: 10, character: 7 },
    });
    const from = list.items.find((i) => i.label === '--from');
    assert.equal(from?.command?.command, 'editor.action.triggerSuggest');
    const undo = client.change(URI, [
      { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 7 } }, text: '' },
    ]);
    await client.diagnosticsFor(URI, undo);
  });

  test('code lenses on each FROM point the client command at the references', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument });
    assert.deepEqual(
      lenses.map((l) => `${mark(l.range)} => ${l.command?.title}`),
      [
        '[FROM] golang:1.22 AS builder => used by: test, release',
        '[FROM] builder AS test => unused — not built for the default target',
        '[FROM] debian:bookworm-slim AS release => final image',
      ],
    );
    const command = lenses[0]!.command!;
    assert.equal(command.command, 'stagewright.showReferences');
    const [uri, position, locations] = command.arguments as [string, { line: number; character: number }, Location[]];
    assert.equal(uri, URI);
    assert.deepEqual(position, at('AS builder', 3));
    assert.deepEqual(
      locations.map((l) => mark(l.range)),
      ['FROM [builder] AS test', 'COPY --from=[builder] /out/app /usr/local/bin/app', 'COPY --from=[0] /out/app /app'],
    );
  });

  test('requests for unknown documents answer empty, not errors', async () => {
    const unknown = { uri: 'file:///nowhere/Dockerfile' };
    assert.equal(
      await client.request('textDocument/hover', { textDocument: unknown, position: { line: 0, character: 0 } }),
      null,
    );
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: unknown }), []);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: unknown }), []);
  });
});
