/**
 * The analysis cache keeps only the most recently used analyses. A document whose analysis was
 * dropped is analysed again on its next request, once, and answers exactly as before; while an
 * analysis is cached, its version is never analysed a second time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { AnalysisCache, DEFAULT_CACHE_LIMITS } from '../../server/src/lsp/analysis-cache';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics';
import type { SettingsStore } from '../../server/src/lsp/settings';
import { LspTestClient } from '../support/lsp-client';

const docText = (n: number): string =>
  `FROM golang:1.22 AS builder${n}\nRUN go build -o /app${n} .\n\nFROM debian:bookworm-slim\nCOPY --from=builder${n} /app${n} /app\nRUN apt-get install curl\n`;

function documents(count: number): TextDocument[] {
  return Array.from({ length: count }, (_, i) =>
    TextDocument.create(`file:///w/${i}/Dockerfile`, 'dockerfile', 1, docText(i)),
  );
}

function tracked(cache: AnalysisCache, docs: TextDocument[]): Map<string, TextDocument> {
  const current = new Map(docs.map((d) => [d.uri, d]));
  cache.track({ get: (uri) => current.get(uri) });
  return current;
}

describe('the bounded analysis cache', () => {
  test('keeps the most recently used analyses and drops the least recently used', () => {
    const cache = new AnalysisCache({ entries: 2, chars: 1_000_000 });
    const [a, b, c] = documents(3) as [TextDocument, TextDocument, TextDocument];
    tracked(cache, [a, b, c]);
    cache.get(a, {});
    cache.get(b, {});
    cache.get(a, {}); // a is now more recent than b
    cache.get(c, {});
    assert.deepEqual(cache.cached, [a.uri, c.uri], 'b, the least recently used, was dropped');
    assert.equal(cache.computed, 3);
  });

  test('analyses a version at most once while it is cached, and once more after it was dropped', () => {
    const cache = new AnalysisCache({ entries: 2, chars: 1_000_000 });
    const docs = documents(3);
    tracked(cache, docs);
    const [a, b, c] = docs as [TextDocument, TextDocument, TextDocument];
    const first = cache.get(a, {});
    for (let i = 0; i < 5; i++) assert.equal(cache.get(a, {}), first);
    assert.equal(cache.computed, 1);
    cache.get(b, {});
    cache.get(c, {});
    assert.ok(!cache.cached.includes(a.uri));
    const again = cache.get(a, {});
    assert.equal(cache.computed, 4, 'the dropped version is analysed again, once');
    assert.notEqual(again, first);
    assert.deepStrictEqual(again, first, 'and the new analysis equals the dropped one');
    for (let i = 0; i < 5; i++) assert.equal(cache.get(a, {}), again);
    assert.equal(cache.computed, 4);
  });

  test('an edit to a dropped document, shifting lines, analyses the new text as a fresh analysis would', () => {
    const cache = new AnalysisCache({ entries: 1, chars: 1_000_000 });
    const [a, b] = documents(2) as [TextDocument, TextDocument];
    const current = tracked(cache, [a, b]);
    cache.get(a, {});
    cache.get(b, {});
    assert.deepEqual(cache.cached, [b.uri]);
    TextDocument.update(
      a,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'ARG X=1\n\n# moved\n' }],
      2,
    );
    current.set(a.uri, a);
    const edited = cache.get(a, {});
    assert.deepStrictEqual(edited, analyze(a.getText(), {}));
    assert.equal(edited.model.stages[0]?.from.range.start.line, 3);
  });

  test('a large document pushes others out but always keeps its own analysis', () => {
    const cache = new AnalysisCache({ entries: 10, chars: 500 });
    const docs = documents(3);
    const big = TextDocument.create('file:///w/big/Dockerfile', 'dockerfile', 1, docText(9).repeat(20));
    tracked(cache, [...docs, big]);
    for (const d of docs) cache.get(d, {});
    assert.equal(cache.cached.length, 3, 'small documents fit the budget together');
    const analysis = cache.get(big, {});
    assert.deepEqual(cache.cached, [big.uri]);
    assert.equal(cache.get(big, {}), analysis, 'the large document is served from the cache');
    assert.equal(cache.computed, 4);
    cache.delete(big.uri);
    assert.deepEqual(cache.cached, []);
  });
});

describe('diagnostics for more documents than the cache keeps', () => {
  test('republishing every document while settings are on their way parses each version once', async () => {
    const cache = new AnalysisCache({ entries: 3, chars: 1_000_000 });
    const docs = documents(10);
    tracked(cache, docs);
    const published: string[] = [];
    let release: (value: object) => void = () => {};
    const settingsArrive = new Promise<object>((resolve) => (release = resolve));
    const connection = {
      sendDiagnostics: async (p: { uri: string }) => void published.push(p.uri),
    } as unknown as Connection;
    const source = {
      get: (uri: string) => docs.find((d) => d.uri === uri),
      all: () => docs,
    } as unknown as TextDocuments<TextDocument>;
    const settings = { get: () => settingsArrive } as unknown as SettingsStore;
    const publisher = new DiagnosticsPublisher(connection, source, cache, settings);
    publisher.refreshAll();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(cache.parsed, 3, 'only as many documents are parsed ahead as the cache keeps');
    release({});
    while (published.length < docs.length) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([...published].sort(), docs.map((d) => d.uri).sort());
    assert.equal(cache.parsed, 10, 'no version was parsed twice');
    assert.equal(cache.computed, 10);
  });
});

describe('over the protocol, with more documents open than the cache keeps', () => {
  test('an evicted document answers hovers and diagnostics exactly as before', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize();
      const count = DEFAULT_CACHE_LIMITS.entries + 4;
      const uris = Array.from({ length: count }, (_, i) => `file:///workspace/many/${i}/Dockerfile`);
      const first = new Map<string, Diagnostic[]>();
      const hovers = new Map<string, Hover | null>();
      const hover = (uri: string) =>
        client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line: 4, character: 15 },
        });
      for (const [i, uri] of uris.entries()) {
        const arrived = client.diagnosticsFor(uri, 1);
        client.open(uri, docText(i));
        first.set(uri, await arrived);
        hovers.set(uri, await hover(uri));
      }
      // The first documents' analyses were dropped for the later ones; asking again re-analyses them.
      for (const uri of uris.slice(0, 4)) {
        assert.ok(first.get(uri)!.length > 0, 'the fixture has findings');
        const again = await hover(uri);
        assert.ok(again && JSON.stringify(again.contents).includes('builder'), 'the hover explains the stage');
        assert.deepStrictEqual(again, hovers.get(uri));
      }
      // A configuration change republishes every document's diagnostics, evicted ones included.
      const republished = uris.map((uri) => client.waitForDiagnostics(uri, (p) => p.version === 1));
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const after = await Promise.all(republished);
      for (const [i, uri] of uris.entries()) assert.deepStrictEqual(after[i]!.diagnostics, first.get(uri), uri);
      // Typing in an evicted document: the diagnostics of the new version are those of its text.
      const uri = uris[0]!;
      const version = client.change(uri, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' },
      ]);
      const shifted = await client.diagnosticsFor(uri, version);
      assert.deepStrictEqual(
        shifted.map((d) => [d.code, d.range.start.line]),
        first.get(uri)!.map((d) => [d.code, d.range.start.line + 1]),
      );
    } finally {
      await client.shutdown();
    }
  });
});
