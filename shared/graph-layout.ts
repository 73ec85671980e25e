/**
 * Lays out a stage graph in layers (a stage sits one layer below the deepest stage it builds on or
 * copies from) and renders it as SVG markup. Pure and free of editor APIs: the client bundles it
 * for the webview, and the tests run it directly.
 */
import type { GraphEdge, GraphEdgeKind, GraphNode, StageGraph } from './graph-data';

export interface PlacedNode {
  node: GraphNode;
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  edge: GraphEdge;
  /** SVG path data from the provider to the user. */
  path: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const NODE_WIDTH = 200;
export const STAGE_HEIGHT = 52;
export const IMAGE_HEIGHT = 34;
const H_GAP = 36;
const V_GAP = 60;
const MARGIN = 24;
const LEGEND_HEIGHT = 30;
/** Characters that fit on a node line at the webview's font size. */
const MAX_CHARS = 27;
/** Room on the right of the layers for edges that point back up. */
const BACK_ROUTE = 56;
/** Nodes side by side at most; a wider layer continues on the next row. */
export const MAX_PER_ROW = 6;
const ROW_GAP = 24;

/** Forward (downward) edges by the node they enter and the node they leave. */
interface Adjacency {
  into: Map<string, GraphEdge[]>;
  out: Map<string, GraphEdge[]>;
}

function adjacency(graph: StageGraph): Adjacency {
  const into = new Map<string, GraphEdge[]>();
  const out = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    if (edge.backward) continue;
    (into.get(edge.to) ?? into.set(edge.to, []).get(edge.to)!).push(edge);
    (out.get(edge.from) ?? out.set(edge.from, []).get(edge.from)!).push(edge);
  }
  return { into, out };
}

/**
 * Layer of each node: one below its deepest provider (images and stages on an image start at 0),
 * then providers move down to just above their first user, which keeps edges short.
 */
function assignLayers(graph: StageGraph, adj: Adjacency): Map<string, number> {
  const layer = new Map<string, number>();
  for (const node of graph.nodes) if (node.kind === 'image') layer.set(node.id, 0);
  const stages = graph.nodes.filter((n) => n.kind === 'stage').sort((a, b) => a.stage - b.stage);
  for (const node of stages) {
    let depth = 0;
    for (const edge of adj.into.get(node.id) ?? []) {
      const provider = layer.get(edge.from);
      if (provider !== undefined) depth = Math.max(depth, provider + 1);
    }
    layer.set(node.id, depth);
  }
  // Users come later in the file than their providers, so one pass from the end settles everything.
  const images = graph.nodes.filter((n) => n.kind === 'image');
  for (const node of [...stages.reverse(), ...images]) {
    let first = Number.POSITIVE_INFINITY;
    for (const edge of adj.out.get(node.id) ?? []) first = Math.min(first, layer.get(edge.to) ?? first);
    if (Number.isFinite(first)) layer.set(node.id, Math.max(layer.get(node.id)!, first - 1));
  }
  return layer;
}

function nodeOrder(a: GraphNode, b: GraphNode): number {
  if (a.kind !== b.kind) return a.kind === 'stage' ? -1 : 1;
  return a.kind === 'stage' ? a.stage - b.stage : a.line - b.line || a.label.localeCompare(b.label);
}

export function layoutStageGraph(graph: StageGraph): GraphLayout {
  const adj = adjacency(graph);
  const layerOf = assignLayers(graph, adj);
  const layers: GraphNode[][] = [];
  for (const node of graph.nodes) {
    const l = layerOf.get(node.id) ?? 0;
    (layers[l] ??= []).push(node);
  }
  // Order each layer by where its providers sit (fewer crossings), then by stage order.
  const slot = new Map<string, number>();
  for (let l = 0; l < layers.length; l++) {
    const members = (layers[l] ??= []);
    const weight = (node: GraphNode): number => {
      let sum = 0;
      let count = 0;
      for (const edge of adj.into.get(node.id) ?? []) {
        const at = slot.get(edge.from);
        if (at === undefined) continue;
        sum += at;
        count++;
      }
      return count > 0 ? sum / count : Number.POSITIVE_INFINITY;
    };
    const weights = new Map(members.map((n) => [n.id, l === 0 ? 0 : weight(n)]));
    members.sort((a, b) => {
      const wa = weights.get(a.id)!;
      const wb = weights.get(b.id)!;
      return wa !== wb && Number.isFinite(wa) && Number.isFinite(wb) ? wa - wb : nodeOrder(a, b);
    });
    for (const [i, n] of members.entries()) slot.set(n.id, i);
  }

  // A wide layer wraps into rows of MAX_PER_ROW so that the graph stays readable beside an editor.
  const widest = Math.min(
    MAX_PER_ROW,
    layers.reduce((w, m) => Math.max(w, m.length), 0),
  );
  const contentWidth = widest > 0 ? widest * NODE_WIDTH + (widest - 1) * H_GAP : NODE_WIDTH;
  const hasBackward = graph.edges.some((e) => e.backward);
  const placed = new Map<string, PlacedNode>();
  let y = MARGIN + LEGEND_HEIGHT;
  layers.forEach((members, l) => {
    for (let first = 0; first < members.length; first += MAX_PER_ROW) {
      const row = members.slice(first, first + MAX_PER_ROW);
      const rowWidth = row.length * NODE_WIDTH + (row.length - 1) * H_GAP;
      let x = MARGIN + (contentWidth - rowWidth) / 2;
      let rowHeight = 0;
      for (const node of row) {
        const height = node.kind === 'stage' ? STAGE_HEIGHT : IMAGE_HEIGHT;
        placed.set(node.id, { node, layer: l, x, y, width: NODE_WIDTH, height });
        rowHeight = Math.max(rowHeight, height);
        x += NODE_WIDTH + H_GAP;
      }
      y += rowHeight + (first + MAX_PER_ROW < members.length ? ROW_GAP : V_GAP);
    }
  });
  const height = placed.size > 0 ? y - V_GAP + MARGIN : MARGIN * 2 + LEGEND_HEIGHT + STAGE_HEIGHT;
  const width = Math.max(MARGIN * 2 + contentWidth + (hasBackward ? BACK_ROUTE : 0), MARGIN + LEGEND_WIDTH);

  // Spread the ends of the edges over each node's bottom (outgoing) and top (incoming) side,
  // ordered by where the other end sits, so that edges neither meet in one point nor cross needlessly.
  const ports = new Map<GraphEdge, { out: number; in: number }>();
  const order = new Map(graph.edges.map((e, i) => [e, i]));
  const centre = (id: string): number => {
    const p = placed.get(id)!;
    return p.x + p.width / 2;
  };
  const spread = (p: PlacedNode, list: GraphEdge[], other: (e: GraphEdge) => string, side: 'out' | 'in'): void => {
    const sorted = list.filter((e) => placed.has(other(e)));
    sorted.sort((a, b) => centre(other(a)) - centre(other(b)) || order.get(a)! - order.get(b)!);
    sorted.forEach((e, i) => {
      const port = ports.get(e) ?? { out: 0, in: 0 };
      port[side] = p.x + (p.width * (i + 1)) / (sorted.length + 1);
      ports.set(e, port);
    });
  };
  for (const p of placed.values()) {
    spread(p, adj.out.get(p.node.id) ?? [], (e) => e.to, 'out');
    spread(p, adj.into.get(p.node.id) ?? [], (e) => e.from, 'in');
  }
  const pairs = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const key = `${edge.from}>${edge.to}`;
    (pairs.get(key) ?? pairs.set(key, []).get(key)!).push(edge);
  }
  const edges: PlacedEdge[] = [];
  for (const edge of graph.edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) continue;
    const port = ports.get(edge);
    if (!edge.backward && port) {
      edges.push({ edge, path: downPath(port.out, from.y + from.height, port.in, to.y) });
    } else {
      const siblings = pairs.get(`${edge.from}>${edge.to}`)!;
      const offset = (siblings.indexOf(edge) - (siblings.length - 1) / 2) * 14;
      edges.push({ edge, path: backPath(from, to, offset) });
    }
  }
  return { width, height, nodes: [...placed.values()], edges };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Out of the provider's right side, around, and into the user's right side. */
function backPath(from: PlacedNode, to: PlacedNode, offset: number): string {
  const x1 = from.x + from.width;
  const y1 = from.y + from.height / 2 + offset / 2;
  const x2 = to.x + to.width;
  const y2 = to.y + to.height / 2 - offset / 2 + (from === to ? 10 : 0);
  const bulge = from === to ? 34 : 48;
  return `M${round(x1)},${round(y1)} C${round(x1 + bulge)},${round(y1)} ${round(x2 + bulge)},${round(y2)} ${round(x2)},${round(y2)}`;
}

function downPath(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (y2 - y1) / 2;
  return `M${round(x1)},${round(y1)} C${round(x1)},${round(y1 + mid)} ${round(x2)},${round(y2 - mid)} ${round(x2)},${round(y2)}`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fit(text: string, max = MAX_CHARS): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

const EDGE_TEXT: Record<GraphEdgeKind, string> = {
  from: 'FROM (builds on)',
  'copy-from': 'COPY --from',
  'mount-from': 'RUN --mount from=',
};

function lineList(lines: number[]): string {
  const shown = lines.map((l) => l + 1);
  return shown.length === 1 ? `line ${shown[0]}` : `lines ${shown.join(', ')}`;
}

function renderNode(p: PlacedNode): string {
  const n = p.node;
  const classes = ['node', n.kind];
  if (n.final) classes.push('final');
  if (!n.used) classes.push('unused');
  const target = !n.final && (n.builtBy?.length ?? 0) > 0;
  if (target) classes.push('target');
  const tooltip =
    n.kind === 'stage'
      ? `${n.label} (stage ${n.stage}, line ${n.line + 1}) from ${n.base}${n.final ? ' — final stage' : ''}${n.used ? '' : ' — unused: not built for the default target'}${n.builtBy?.length ? ` — built as a target by ${n.builtBy.join('; ')}` : ''}`
      : `${n.label}: an image read by COPY --from or a mount, not a stage`;
  const parts = [
    `<g class="${classes.join(' ')}" data-id="${escapeXml(n.id)}" data-line="${n.line}" tabindex="0" role="button" transform="translate(${round(p.x)},${round(p.y)})">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect width="${p.width}" height="${p.height}" rx="6" ry="6"/>`,
  ];
  if (n.kind === 'stage') {
    parts.push(
      `<text class="label" x="10" y="21">${escapeXml(fit(n.label, n.final || target || !n.used ? MAX_CHARS - 7 : MAX_CHARS))}</text>`,
    );
    parts.push(`<text class="base" x="10" y="40">${escapeXml(fit(`${n.stage} · ${n.base || '?'}`))}</text>`);
    if (n.final) parts.push(`<text class="badge" x="${p.width - 10}" y="21" text-anchor="end">final</text>`);
    else if (target) parts.push(`<text class="badge" x="${p.width - 10}" y="21" text-anchor="end">target</text>`);
    else if (!n.used) parts.push(`<text class="badge" x="${p.width - 10}" y="21" text-anchor="end">unused</text>`);
  } else {
    parts.push(`<text class="label" x="10" y="22">${escapeXml(fit(`image ${n.label}`))}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function renderEdge(p: PlacedEdge): string {
  const e = p.edge;
  const classes = ['edge', e.kind];
  if (e.backward) classes.push('backward');
  const title = `${EDGE_TEXT[e.kind]}, ${lineList(e.lines)}${e.backward ? ' — refers to this or a later stage' : ''}`;
  return (
    `<g class="${classes.join(' ')}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" data-line="${e.lines[0]}">` +
    `<title>${escapeXml(title)}</title><path d="${p.path}" marker-end="url(#arrow-${e.kind})"/></g>`
  );
}

const LEGEND: [GraphEdgeKind, string][] = [
  ['from', 'FROM'],
  ['copy-from', 'COPY --from'],
  ['mount-from', 'mount from='],
];
/** Estimated advance of one legend character at the webview's font size. */
const LEGEND_CHAR = 7;
const LEGEND_WIDTH = LEGEND.reduce((w, [, text]) => w + 36 + text.length * LEGEND_CHAR + 22, 0);

function renderLegend(): string {
  let x = MARGIN;
  const parts = ['<g class="legend">'];
  for (const [kind, text] of LEGEND) {
    parts.push(`<g class="edge ${kind}"><path d="M${x},${MARGIN + 4} h28" marker-end="url(#arrow-${kind})"/></g>`);
    parts.push(`<text x="${x + 36}" y="${MARGIN + 8}">${escapeXml(text)}</text>`);
    x += 36 + text.length * LEGEND_CHAR + 22;
  }
  parts.push('</g>');
  return parts.join('');
}

/** The whole graph as one `<svg>` element, styled by class names (see STAGE_GRAPH_CSS). */
export function renderStageGraphSvg(graph: StageGraph): string {
  const layout = layoutStageGraph(graph);
  const markers = (['from', 'copy-from', 'mount-from'] as const)
    .map(
      (kind) =>
        `<marker id="arrow-${kind}" class="arrow ${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
    )
    .join('');
  const body =
    layout.nodes.length === 0
      ? `<text class="empty" x="${MARGIN}" y="${MARGIN + LEGEND_HEIGHT + 20}">No stages: this file has no FROM instruction yet.</text>`
      : layout.edges.map(renderEdge).join('') + layout.nodes.map(renderNode).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="stage-graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="Stage graph">` +
    `<defs>${markers}</defs>${renderLegend()}${body}</svg>`
  );
}

/** Colours come from the editor theme's CSS variables, so the graph follows theme changes. */
export const STAGE_GRAPH_CSS = `
body { margin: 0; padding: 0; color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: 12px; }
header { padding: 8px 24px 0; color: var(--vscode-descriptionForeground); }
header .file { color: var(--vscode-editor-foreground); font-weight: 600; }
#graph { padding: 0 0 24px; overflow: auto; }
.stage-graph text { fill: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: 12px; }
.stage-graph .legend text, .stage-graph .empty { fill: var(--vscode-descriptionForeground); }
.node { cursor: pointer; outline: none; }
.node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, currentColor)); stroke-width: 1; }
.node .label { font-weight: 600; }
.node .base { fill: var(--vscode-descriptionForeground); }
.node .badge { font-size: 11px; font-weight: 600; }
.node.final rect { stroke: var(--vscode-charts-green, var(--vscode-focusBorder)); stroke-width: 2.5; }
.node.final .badge { fill: var(--vscode-charts-green, var(--vscode-focusBorder)); }
.node.unused { opacity: 0.6; }
.node.unused rect { stroke-dasharray: 5 3; }
.node.unused .badge { fill: var(--vscode-descriptionForeground); }
.node.target rect { stroke: var(--vscode-charts-blue, var(--vscode-focusBorder)); stroke-width: 2; }
.node.target .badge { fill: var(--vscode-charts-blue, var(--vscode-focusBorder)); }
.node.image rect { fill: transparent; stroke-dasharray: 2 2; }
.node:hover rect, .node:focus rect { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.edge path { fill: none; stroke-width: 1.6; }
.edge.from path { stroke: var(--vscode-charts-blue, currentColor); }
.edge.copy-from path { stroke: var(--vscode-charts-orange, currentColor); stroke-dasharray: 6 3; }
.edge.mount-from path { stroke: var(--vscode-charts-purple, currentColor); stroke-dasharray: 2 3; }
.edge.backward path { stroke: var(--vscode-charts-red, var(--vscode-errorForeground)); }
.arrow path { stroke: none; }
.arrow.from path { fill: var(--vscode-charts-blue, currentColor); }
.arrow.copy-from path { fill: var(--vscode-charts-orange, currentColor); }
.arrow.mount-from path { fill: var(--vscode-charts-purple, currentColor); }
`;
