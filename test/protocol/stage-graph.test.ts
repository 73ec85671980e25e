import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STAGE_GRAPH_REQUEST, type StageGraphResult } from '../../shared/protocol';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///workspace/graph/Dockerfile';
const TEXT = [
  'FROM golang:1.22 AS build',
  'RUN go build -o /app .',
  'FROM build AS test',
  'RUN go test ./...',
  'FROM debian:bookworm-slim',
  'COPY --from=build /app /app',
  '',
].join('\n');

test('stagewright/stageGraph answers with the nodes and edges of the open version', async () => {
  const client = new LspTestClient();
  await client.initialize();
  client.open(URI, TEXT, 1);
  const graph = await client.request<StageGraphResult | null>(STAGE_GRAPH_REQUEST, { uri: URI });
  assert.ok(graph);
  assert.equal(graph.uri, URI);
  assert.equal(graph.version, 1);
  assert.deepEqual(
    graph.nodes.map((n) => [n.label, n.final, n.used]),
    [
      ['build', false, true],
      ['test', false, false],
      ['stage 2', true, true],
    ],
  );
  assert.deepEqual(
    graph.edges.map((e) => [e.from, e.to, e.kind]),
    [
      ['s0', 's1', 'from'],
      ['s0', 's2', 'copy-from'],
    ],
  );

  // The test stage becomes the final one when a user deletes the last stage.
  const version = client.change(URI, [
    { range: { start: { line: 4, character: 0 }, end: { line: 6, character: 0 } }, text: '' },
  ]);
  const updated = await client.request<StageGraphResult | null>(STAGE_GRAPH_REQUEST, { uri: URI });
  assert.ok(updated);
  assert.equal(updated.version, version);
  assert.deepEqual(
    updated.nodes.map((n) => [n.label, n.final, n.used]),
    [
      ['build', false, true],
      ['test', true, true],
    ],
  );

  assert.equal(await client.request(STAGE_GRAPH_REQUEST, { uri: 'file:///not/open/Dockerfile' }), null);
  assert.equal(await client.request(STAGE_GRAPH_REQUEST, {}), null);
  assert.equal(await client.shutdown(), 0);
});
