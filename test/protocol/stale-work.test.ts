/**
 * Stale work is dropped: a request for a version that a newer one replaced while the request waited
 * is answered ContentModified without analysing the old text, and each version is analysed once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-protocol';
import { AnalysisCache } from '../../server/src/lsp/analysis-cache';
import { LspTestClient } from '../support/lsp-client';

const TEXT =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\n';

describe('the analysis cache', () => {
  test('analyses each version once, reuses it, and refuses an older version than the current one', () => {
    const current = new Map<string, TextDocument>();
    const cache = new AnalysisCache();
    cache.track({ get: (uri) => current.get(uri) });
    const v1 = TextDocument.create('file:///a/Dockerfile', 'dockerfile', 1, TEXT);
    current.set(v1.uri, v1);
    const first = cache.get(v1, {});
    assert.equal(cache.get(v1, {}), first, 'the same version and settings share one analysis');
    assert.equal(cache.computed, 1);

    const v2 = TextDocument.create(v1.uri, 'dockerfile', 2, TEXT.replace('RUN ', 'RUN x'));
    current.set(v2.uri, v2);
    assert.throws(
      () => cache.get(v1, {}),
      (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified,
    );
    assert.throws(() => cache.ensureCurrent(v1.uri, 1), ResponseError);
    assert.equal(cache.computed, 1, 'the stale version was not analysed');
    const second = cache.get(v2, {});
    assert.notEqual(second, first);
    assert.equal(second.model.text, v2.getText());
    assert.equal(cache.get(v2, {}), second);
    assert.equal(cache.computed, 2);
    assert.equal(cache.parsed, 2, 'one parse per version');
  });

  test('parses a version once whatever the settings, and the parse ahead of settings is the one analysed', () => {
    const current = new Map<string, TextDocument>();
    const cache = new AnalysisCache();
    cache.track({ get: (uri) => current.get(uri) });
    const v1 = TextDocument.create('file:///b/Dockerfile', 'dockerfile', 1, TEXT);
    current.set(v1.uri, v1);
    const model = cache.prepare(v1);
    assert.equal(cache.parsed, 1);
    assert.equal(cache.computed, 0, 'preparing runs no rule');
    const defaults = cache.get(v1, {});
    assert.equal(defaults.model, model, 'the analysis uses the parse made ahead of the settings');
    const quiet = cache.get(v1, { rules: { 'root-user-in-final-image': 'off' } });
    assert.equal(quiet.model, model, 'other settings reuse the same parse');
    assert.equal(cache.parsed, 1);
    assert.equal(cache.computed, 2);
    assert.ok(defaults.findings.some((f) => f.ruleId === 'root-user-in-final-image'));
    assert.ok(!quiet.findings.some((f) => f.ruleId === 'root-user-in-final-image'), 'the second settings were applied');
  });
});

describe('over the protocol', () => {
  test('a hover that waits for settings while the document changes is answered ContentModified', async () => {
    // Settings are pulled from the client on first use, so the hover awaits a round trip to us,
    // during which the change (already sent) is applied.
    const client = new LspTestClient({ pullConfiguration: true, configuration: () => ({}) });
    try {
      await client.initialize();
      const uri = 'file:///workspace/stale/Dockerfile';
      client.open(uri, TEXT);
      const hover = client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 4, character: 14 },
      });
      const version = client.change(uri, [
        { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'x' },
      ]);
      const diagnosticsArrive = client.diagnosticsFor(uri, version);
      await assert.rejects(
        hover,
        (error: unknown) =>
          error instanceof Error && (error as { code?: number }).code === LSPErrorCodes.ContentModified,
      );
      // The current version is served as usual.
      const diagnostics = await diagnosticsArrive;
      assert.ok(Array.isArray(diagnostics));
      const fresh = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 4, character: 14 },
      });
      assert.ok(
        fresh && JSON.stringify(fresh.contents).includes('builder'),
        'the hover for the current version explains the stage',
      );
    } finally {
      await client.shutdown();
    }
  });
});
