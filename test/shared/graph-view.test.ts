import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile, stageGraph } from '../../server/src/core';
import { layoutStageGraph, MAX_PER_ROW, renderStageGraphSvg, STAGE_GRAPH_CSS } from '../../shared/graph-layout';
import { isGraphViewMessage, stageGraphHtml, summarizeGraph } from '../../shared/graph-view';
import type { StageGraph } from '../../shared/graph-data';
import { loadCorpus } from '../support/corpus';

const TEXT = [
  'FROM golang:1.22 AS deps',
  'RUN go mod download',
  'FROM deps AS build',
  'RUN --mount=type=cache,from=deps,target=/cache go build -o /app .',
  'FROM build AS lint',
  'RUN golangci-lint run',
  'FROM gcr.io/distroless/static AS release',
  'COPY --from=build /app /app',
  'COPY --from=nginx:alpine /etc/nginx /etc/nginx',
].join('\n');

function graphOf(text: string): StageGraph {
  return stageGraph(parseDockerfile(text));
}

/** Checks that every tag is closed in order (the SVG goes into the page as markup). */
function assertWellFormed(markup: string, textOnly = true): void {
  const stack: string[] = [];
  for (const m of markup.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `unbalanced </${name}>`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, [], 'unclosed tags');
  if (textOnly) assert.doesNotMatch(markup.replace(/<[^>]*>/g, ''), /[<>]/, 'stray angle brackets in text');
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('layers follow what each stage builds on, providers sit just above their first user, nodes never overlap', () => {
  const layout = layoutStageGraph(graphOf(TEXT));
  const layer = Object.fromEntries(layout.nodes.map((p) => [p.node.label, p.layer]));
  assert.deepEqual(layer, { deps: 0, build: 1, lint: 2, release: 2, 'nginx:alpine': 1 });
  for (const a of layout.nodes)
    for (const b of layout.nodes) if (a !== b) assert.ok(!overlaps(a, b), `${a.node.label} overlaps ${b.node.label}`);
  for (const p of layout.nodes) {
    assert.ok(
      p.x >= 0 && p.y >= 0 && p.x + p.width <= layout.width && p.y + p.height <= layout.height,
      `${p.node.label} inside the canvas`,
    );
  }
  // Downward edges leave the provider's bottom edge and enter the user's top edge.
  const byId = new Map(layout.nodes.map((p) => [p.node.id, p]));
  for (const { edge, path } of layout.edges) {
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    const numbers = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    assert.equal(numbers[1], from.y + from.height, `${edge.from}->${edge.to} starts at the provider`);
    assert.equal(numbers[numbers.length - 1], to.y, `${edge.from}->${edge.to} ends at the user`);
  }
});

test('the SVG has a node per stage and image, an edge per dependency, and marks the final and unused stages', () => {
  const svg = renderStageGraphSvg(graphOf(TEXT));
  assertWellFormed(svg);
  assert.equal(svg.match(/<g class="node /g)?.length, 5);
  assert.deepEqual(
    [...svg.matchAll(/<g class="node ([^"]+)" data-id="([^"]+)" data-line="(\d+)"/g)].map((m) => [
      m[2],
      m[1],
      Number(m[3]),
    ]),
    [
      ['s0', 'stage', 0],
      ['s1', 'stage', 2],
      ['i:nginx:alpine', 'image', 8],
      ['s2', 'stage unused', 4],
      ['s3', 'stage final', 6],
    ],
  );
  assert.deepEqual(
    [...svg.matchAll(/<g class="edge ([^"]+)" data-from="([^"]+)" data-to="([^"]+)"/g)].map(
      (m) => `${m[2]}-${m[1]}->${m[3]}`,
    ),
    ['s0-from->s1', 's0-mount-from->s1', 's1-from->s2', 's1-copy-from->s3', 'i:nginx:alpine-copy-from->s3'],
  );
  assert.match(svg, />final<\/text>/);
  assert.match(svg, />unused<\/text>/);
  for (const kind of ['from', 'copy-from', 'mount-from']) assert.match(svg, new RegExp(`<marker id="arrow-${kind}"`));
});

test('user text is escaped and long names are shortened', () => {
  const graph: StageGraph = {
    nodes: [
      {
        id: 's0',
        kind: 'stage',
        label: '<img src=x onerror=alert(1)>',
        stage: 0,
        base: 'a&b"c',
        line: 0,
        instructions: 1,
        final: false,
        used: true,
      },
      {
        id: 's1',
        kind: 'stage',
        label: 'a-very-long-stage-name-that-goes-on-and-on',
        stage: 1,
        base: 'x',
        line: 1,
        instructions: 1,
        final: true,
        used: true,
      },
    ],
    edges: [{ from: 's0', to: 's1', kind: 'copy-from', lines: [1, 2], backward: false }],
  };
  const svg = renderStageGraphSvg(graph);
  assertWellFormed(svg);
  assert.doesNotMatch(svg, /<img/);
  assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(svg, /a&amp;b&quot;c/);
  assert.match(svg, /a-very-long-stage-n…<\/text>/);
  assert.match(svg, /<title>COPY --from, lines 2, 3<\/title>/);
});

test('references to the stage itself or a later one curve around the right side', () => {
  const graph = graphOf('FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=b /y /y\n');
  const layout = layoutStageGraph(graph);
  const nodesRight = Math.max(...layout.nodes.map((p) => p.x + p.width));
  assert.ok(layout.width > nodesRight + 40, 'room for the detour');
  assert.equal(layout.edges.length, 2);
  for (const { edge, path } of layout.edges) {
    assert.equal(edge.backward, true);
    assert.match(path, /^M(\d+(\.\d+)?),/);
    assert.equal(Number(path.slice(1).split(',')[0]), nodesRight, 'starts on the right side');
  }
  assert.match(renderStageGraphSvg(graph), /class="edge copy-from backward"/);
});

test('the legend fits in a graph of one column', () => {
  const svg = renderStageGraphSvg(graphOf('FROM alpine\n'));
  const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
  const lastLabel = [...svg.matchAll(/<text x="(\d+)" y="\d+">([^<]+)<\/text>/g)].at(-1)!;
  assert.equal(lastLabel[2], 'mount from=');
  assert.ok(Number(lastLabel[1]) + lastLabel[2]!.length * 7 <= width, `legend ends inside ${width}`);
});

test('a file without stages renders a message', () => {
  const svg = renderStageGraphSvg(graphOf('# nothing yet\n'));
  assertWellFormed(svg);
  assert.match(svg, /No stages/);
  assert.doesNotMatch(svg, /class="node/);
  assert.equal(summarizeGraph({ nodes: [] }), 'no stages');
});

test('every corpus file renders well-formed SVG with no overlapping nodes', () => {
  const { files } = loadCorpus();
  assert.ok(files.length > 0);
  for (const file of files) {
    const graph = graphOf(file.text);
    const layout = layoutStageGraph(graph);
    for (let i = 0; i < layout.nodes.length; i++) {
      for (let j = i + 1; j < layout.nodes.length; j++)
        assert.ok(!overlaps(layout.nodes[i]!, layout.nodes[j]!), file.name);
    }
    assert.equal(layout.edges.length, graph.edges.length, file.name);
    assertWellFormed(renderStageGraphSvg(graph));
  }
});

test('the page allows only its own nonce and loads nothing from anywhere', () => {
  const html = stageGraphHtml('abc123+/=');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123+/='; script-src 'nonce-abc123+/=';");
  assert.equal(html.match(/<script nonce="abc123\+\/=">/g)?.length, 1);
  assert.equal(html.match(/<style nonce="abc123\+\/=">/g)?.length, 1);
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.doesNotMatch(html, /https?:|\bsrc=|\bhref=|@import|url\(/);
  assert.doesNotMatch(html, / style="/);
  assert.match(html, /vscode\.setState\(\{ uri: m\.uri \}\)/, 'the page keeps its document for a reload');
  assertWellFormed(
    html.replace(/<!DOCTYPE html>|<meta[^>]*>/g, '').replace(/<script[^>]*>[\s\S]*?<\/script>/, ''),
    false,
  );
});

test('colours come from the editor theme', () => {
  for (const variable of [
    '--vscode-editor-foreground',
    '--vscode-editor-background',
    '--vscode-focusBorder',
    '--vscode-descriptionForeground',
  ]) {
    assert.ok(STAGE_GRAPH_CSS.includes(`var(${variable}`), variable);
  }
  assert.doesNotMatch(STAGE_GRAPH_CSS, /#[0-9a-f]{3,6}\b|rgb\(/i, 'no fixed colours');
});

test('messages from the webview are checked before use', () => {
  assert.ok(isGraphViewMessage({ type: 'ready' }));
  assert.ok(isGraphViewMessage({ type: 'reveal', line: 3 }));
  for (const bad of [
    null,
    'reveal',
    { type: 'reveal' },
    { type: 'reveal', line: -1 },
    { type: 'reveal', line: 1.5 },
    { type: 'reveal', line: '3' },
    { type: 'run' },
  ]) {
    assert.ok(!isGraphViewMessage(bad), JSON.stringify(bad));
  }
});

test('the summary names the final and unused stages', () => {
  assert.equal(summarizeGraph(graphOf(TEXT)), '4 stages · final: release · unused: lint');
});

test('a wide layer wraps into rows, keeping the graph narrow and the nodes apart', () => {
  const text =
    Array.from({ length: 20 }, (_, i) => `FROM alpine AS part${i}\nRUN make part${i}`).join('\n') +
    '\nFROM scratch AS bundle\n' +
    Array.from({ length: 20 }, (_, i) => `COPY --from=part${i} /out /part${i}`).join('\n');
  const layout = layoutStageGraph(graphOf(text));
  const rows = new Map<number, number>();
  for (const p of layout.nodes) rows.set(p.y, (rows.get(p.y) ?? 0) + 1);
  assert.deepEqual([...rows.values()], [MAX_PER_ROW, MAX_PER_ROW, MAX_PER_ROW, 20 - 3 * MAX_PER_ROW, 1]);
  assert.ok(layout.width <= 2 * 24 + MAX_PER_ROW * 236, `width ${layout.width}`);
  for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b) assert.ok(!overlaps(a, b));
  const bundle = layout.nodes.find((p) => p.node.label === 'bundle')!;
  assert.ok(
    layout.nodes.every((p) => p === bundle || p.y + p.height < bundle.y),
    'the user sits below every part',
  );
  assert.equal(layout.edges.length, 20);
});
