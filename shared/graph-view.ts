/**
 * The stage graph webview's page: a strict content security policy (nothing but our own nonce'd
 * style and script; no network), the theme-following CSS, and a small script that swaps in the SVG
 * the extension sends and asks the extension to reveal a stage's line when a node is clicked.
 */
import { STAGE_GRAPH_CSS, escapeXml } from './graph-layout';

/** Messages from the extension to the webview. */
export interface GraphViewUpdate {
  type: 'graph';
  /** The document drawn; the page keeps it as its state so the graph comes back after a reload. */
  uri: string;
  /** The file's name, shown above the graph. */
  file: string;
  /** A short summary line (stage count, final stage) or why there is no graph. */
  status: string;
  /** The SVG markup from renderStageGraphSvg, or empty. */
  svg: string;
}

/** Messages from the webview to the extension. */
export type GraphViewMessage = { type: 'ready' } | { type: 'reveal'; line: number };

export function isGraphViewMessage(value: unknown): value is GraphViewMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as { type?: unknown; line?: unknown };
  return (
    m.type === 'ready' || (m.type === 'reveal' && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 0)
  );
}

const SCRIPT = `
const vscode = acquireVsCodeApi();
const graph = document.getElementById('graph');
const file = document.getElementById('file');
const status = document.getElementById('status');
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || m.type !== 'graph') return;
  file.textContent = m.file;
  status.textContent = m.status;
  graph.innerHTML = m.svg;
  vscode.setState({ uri: m.uri });
});
function reveal(target) {
  const node = target instanceof Element ? target.closest('[data-line]') : null;
  if (node) vscode.postMessage({ type: 'reveal', line: Number(node.getAttribute('data-line')) });
}
graph.addEventListener('click', (event) => reveal(event.target));
graph.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    reveal(event.target);
  }
});
vscode.postMessage({ type: 'ready' });
`;

/** The page for a webview; `nonce` must be fresh for each page. */
export function stageGraphHtml(nonce: string): string {
  const n = escapeXml(nonce);
  const csp = `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stage Graph</title>
<style nonce="${n}">${STAGE_GRAPH_CSS}</style>
</head>
<body>
<header><span id="file" class="file"></span> <span id="status"></span></header>
<div id="graph" aria-live="polite"></div>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
}

/** One line above the graph: how many stages, which is final, which are unused. */
export function summarizeGraph(graph: {
  nodes: { kind: string; label: string; final: boolean; used: boolean; builtBy?: string[] }[];
}): string {
  const stages = graph.nodes.filter((n) => n.kind === 'stage');
  if (stages.length === 0) return 'no stages';
  const parts = [`${stages.length} stage${stages.length === 1 ? '' : 's'}`];
  const final = stages.find((n) => n.final);
  if (final) parts.push(`final: ${final.label}`);
  const targets = stages.filter((n) => !n.final && (n.builtBy?.length ?? 0) > 0).map((n) => n.label);
  if (targets.length > 0) parts.push(`target${targets.length === 1 ? '' : 's'}: ${targets.join(', ')}`);
  const unused = stages.filter((n) => !n.used).map((n) => n.label);
  if (unused.length > 0) parts.push(`unused: ${unused.join(', ')}`);
  return parts.join(' · ');
}
