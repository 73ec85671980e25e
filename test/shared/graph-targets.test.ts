/**
 * The stage graph's drawing of a stage built as a target: its own class and a `target` badge, a
 * tooltip naming what builds it, never the `unused` look; the summary line lists the targets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode, StageGraph } from '../../shared/graph-data';
import { renderStageGraphSvg } from '../../shared/graph-layout';
import { summarizeGraph } from '../../shared/graph-view';

const node = (over: Partial<GraphNode> & Pick<GraphNode, 'id' | 'label' | 'stage'>): GraphNode => ({
  kind: 'stage',
  base: 'node:20',
  line: over.stage * 3,
  instructions: 2,
  final: false,
  used: true,
  ...over,
});

const GRAPH: StageGraph = {
  nodes: [
    node({ id: 's0', label: 'base', stage: 0 }),
    node({ id: 's1', label: 'dev', stage: 1, base: 'base', builtBy: ['compose.yaml: service api, target dev'] }),
    node({ id: 's2', label: 'docs', stage: 2, used: false }),
    node({ id: 's3', label: 'stage 3', stage: 3, final: true }),
  ],
  edges: [{ from: 's0', to: 's1', kind: 'from', lines: [3], backward: false }],
};

test('a built target is drawn as a target, not as unused', () => {
  const svg = renderStageGraphSvg(GRAPH);
  const group = (id: string) => {
    const m = new RegExp(`<g class="([^"]*)" data-id="${id}"[^>]*>(.*?)</g>`).exec(svg);
    assert.ok(m, `no node ${id}`);
    return { classes: m[1]!.split(' '), body: m[2]! };
  };
  const dev = group('s1');
  assert.ok(dev.classes.includes('target') && !dev.classes.includes('unused'), dev.classes.join(' '));
  assert.match(dev.body, />target<\/text>/);
  assert.match(dev.body, /built as a target by compose\.yaml: service api, target dev/);
  const docs = group('s2');
  assert.ok(docs.classes.includes('unused') && !docs.classes.includes('target'));
  assert.ok(!group('s0').classes.includes('target'));
});

test('the summary line names the targets', () => {
  assert.equal(summarizeGraph(GRAPH), '4 stages · final: stage 3 · target: dev · unused: docs');
});
