import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile, stageGraph } from '../../server/src/core';
import { loadCorpus } from '../support/corpus';

function lineOf(text: string, needle: string): number {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return text.slice(0, offset).split('\n').length - 1;
}

const TEXT = [
  'ARG GO=1.22',
  'FROM golang:${GO} AS deps',
  'RUN go mod download',
  'FROM deps AS build',
  'RUN --mount=type=cache,from=deps,target=/cache go build -o /app .',
  'COPY --from=nginx:alpine /etc/nginx/nginx.conf /etc/',
  'FROM build AS lint',
  'RUN golangci-lint run',
  'FROM gcr.io/distroless/static AS release',
  'COPY --from=build /app /app',
  'COPY --from=build /etc/nginx.conf /etc/',
  'COPY --from=NGINX:alpine /x /x',
].join('\n');

test('nodes describe each stage, the final one and the unused ones', () => {
  const graph = stageGraph(parseDockerfile(TEXT));
  assert.deepEqual(
    graph.nodes.map((n) => [n.id, n.kind, n.label, n.base, n.line, n.instructions, n.final, n.used]),
    [
      ['s0', 'stage', 'deps', 'golang:1.22', lineOf(TEXT, 'FROM golang'), 2, false, true],
      ['s1', 'stage', 'build', 'deps', lineOf(TEXT, 'FROM deps'), 3, false, true],
      ['s2', 'stage', 'lint', 'build', lineOf(TEXT, 'FROM build AS lint'), 2, false, false],
      ['s3', 'stage', 'release', 'gcr.io/distroless/static', lineOf(TEXT, 'FROM gcr.io'), 4, true, true],
      ['i:nginx:alpine', 'image', 'nginx:alpine', '', lineOf(TEXT, 'COPY --from=nginx'), 0, false, true],
    ],
  );
});

test('edges for FROM parents, COPY --from and mounts, merged per pair and kind', () => {
  const graph = stageGraph(parseDockerfile(TEXT));
  assert.deepEqual(graph.edges, [
    { from: 's0', to: 's1', kind: 'from', lines: [lineOf(TEXT, 'FROM deps')], backward: false },
    { from: 's0', to: 's1', kind: 'mount-from', lines: [lineOf(TEXT, 'RUN --mount')], backward: false },
    {
      from: 'i:nginx:alpine',
      to: 's1',
      kind: 'copy-from',
      lines: [lineOf(TEXT, 'COPY --from=nginx')],
      backward: false,
    },
    { from: 's1', to: 's2', kind: 'from', lines: [lineOf(TEXT, 'FROM build AS lint')], backward: false },
    {
      from: 's1',
      to: 's3',
      kind: 'copy-from',
      lines: [lineOf(TEXT, 'COPY --from=build /app'), lineOf(TEXT, 'COPY --from=build /etc')],
      backward: false,
    },
    {
      from: 'i:nginx:alpine',
      to: 's3',
      kind: 'copy-from',
      lines: [lineOf(TEXT, 'COPY --from=NGINX')],
      backward: false,
    },
  ]);
});

test('unnamed stages, indexes, forward references and cycles', () => {
  const text =
    'FROM alpine\nCOPY --from=later /a /a\nFROM busybox AS later\nCOPY --from=1 /b /b\nCOPY --from=0 /c /c\nCOPY --from=$X /d /d\n';
  const graph = stageGraph(parseDockerfile(text));
  assert.deepEqual(
    graph.nodes.map((n) => n.label),
    ['stage 0', 'later'],
  );
  assert.deepEqual(
    graph.edges.map((e) => [e.from, e.to, e.backward]),
    [
      ['s1', 's0', true],
      ['s1', 's1', true],
      ['s0', 's1', false],
    ],
  );
});

test('no stages, broken and binary input give an empty or partial graph without throwing', () => {
  assert.deepEqual(stageGraph(parseDockerfile('')), { nodes: [], edges: [] });
  assert.deepEqual(stageGraph(parseDockerfile('\u0000\u0001\u0002')), { nodes: [], edges: [] });
  const partial = stageGraph(parseDockerfile('FROM\nCOPY --from= /a\nFROM AS\n'));
  assert.equal(partial.nodes.length, 2);
  assert.equal(partial.nodes[1]!.final, true);
});

test('on every corpus file edges join existing nodes and the markings agree with the model', () => {
  const { files } = loadCorpus();
  for (const file of files) {
    const model = parseDockerfile(file.text);
    const graph = stageGraph(model);
    const ids = new Set(graph.nodes.map((n) => n.id));
    assert.equal(ids.size, graph.nodes.length, `${file.name}: duplicate node ids`);
    for (const edge of graph.edges) {
      assert.ok(ids.has(edge.from) && ids.has(edge.to), `${file.name}: dangling edge ${edge.from}->${edge.to}`);
      assert.ok(edge.to.startsWith('s'), `${file.name}: only stages use something`);
    }
    const stages = graph.nodes.filter((n) => n.kind === 'stage');
    assert.equal(stages.length, model.stages.length, file.name);
    assert.equal(stages.filter((n) => n.final).length, model.stages.length > 0 ? 1 : 0, file.name);
    assert.deepEqual(
      stages.map((n) => n.used),
      model.reachable,
      file.name,
    );
  }
});
