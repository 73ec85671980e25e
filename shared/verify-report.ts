/**
 * The page of the "Verify Split with Docker" report: the verdict, the two sizes as bars, the
 * configuration differences, the entry check, the run comparison and the build logs folded. A static
 * page: no script, nothing loaded, a content security policy that allows only its own nonce'd style,
 * and every colour from the theme's CSS variables. Bars are SVG rectangles (a style attribute would
 * need 'unsafe-inline').
 */
import { escapeXml } from './graph-layout';
import type { ImageSide, RunObservation, VerifyReport } from './verify-data';

const CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; line-height: 1.45; }
h1 { font-size: 1.35em; margin: 16px 0 4px; }
h2 { font-size: 1.05em; margin: 20px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 3px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 10px; font-weight: 600; margin-right: 8px; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); }
.verdict.same { color: var(--vscode-editor-background); background: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.verdict.different { color: var(--vscode-editor-background); background: var(--vscode-testing-iconFailed, var(--vscode-charts-red)); }
.verdict.could-not-verify { color: var(--vscode-editor-background); background: var(--vscode-charts-yellow); }
.summary { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: 4px 0; }
td, th { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
th { font-weight: 600; color: var(--vscode-descriptionForeground); }
code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; max-height: 360px; white-space: pre-wrap; }
.bars { max-width: 720px; }
.bars text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 12px; }
.bar-original { fill: var(--vscode-charts-orange); }
.bar-candidate { fill: var(--vscode-charts-blue); }
.bar-base { fill: var(--vscode-descriptionForeground); opacity: 0.45; }
.note { color: var(--vscode-descriptionForeground); }
.problem { color: var(--vscode-errorForeground); }
details { margin: 6px 0; }
summary { cursor: pointer; }
`;

const VERDICT_TEXT: Record<VerifyReport['verdict'], string> = {
  same: 'Same',
  different: 'Different',
  'could-not-verify': 'Could not verify',
};

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** The report page; `nonce` must be fresh for each page. */
export function verifyReportHtml(report: VerifyReport, nonce: string): string {
  const n = escapeXml(nonce);
  const csp = `default-src 'none'; style-src 'nonce-${n}';`;
  const e = escapeXml;
  const parts: string[] = [];
  parts.push(
    `<h1><span class="verdict ${report.verdict}" id="verdict">${VERDICT_TEXT[report.verdict]}</span>${e(report.original.dockerfile)} → ${e(report.candidate.dockerfile)}</h1>`,
    `<p class="summary" id="summary">${e(report.summary)}</p>`,
  );
  parts.push('<h2>Size</h2>', sizeBars(report.original, report.candidate));
  parts.push('<h2>Configuration</h2>');
  const mattering = report.config.filter((d) => d.matters);
  const notes = report.config.filter((d) => !d.matters);
  if (mattering.length === 0) parts.push('<p>The configurations agree.</p>');
  else parts.push(configTable(mattering));
  if (notes.length > 0) {
    parts.push(
      `<details><summary>${notes.length} difference${notes.length === 1 ? '' : 's'} only the base images make</summary>${configTable(notes)}</details>`,
    );
  }
  if (report.entry) {
    const entry = report.entry;
    parts.push('<h2>Entry command</h2>');
    parts.push(
      `<p><code>${e(entry.resolved ?? entry.command ?? 'none')}</code>${entry.interpreter ? ` (interpreter <code>${e(entry.interpreter)}</code>)` : ''}${entry.method !== 'none' ? `; libraries checked with ${entry.method === 'ldd' ? "the image's ldd" : 'the ELF headers'}: ${entry.libraries.length} found, ${entry.missingLibraries.length} missing` : ''}</p>`,
    );
    for (const p of entry.problems) parts.push(`<p class="problem">${e(p)}</p>`);
    for (const note of entry.notes) parts.push(`<p class="note">${e(note)}</p>`);
  }
  if (report.run) {
    const run = report.run;
    parts.push('<h2>Run</h2>');
    parts.push(
      `<p class="note">Default command, no network, ${run.readOnly ? 'read-only root' : `writable root: ${e(run.readOnlyNote ?? '')}`}, no mounts.</p>`,
    );
    parts.push('<table><tr><th></th><th>Original</th><th>Candidate</th></tr>');
    parts.push(`<tr><th>Outcome</th><td>${e(outcome(run.original))}</td><td>${e(outcome(run.candidate))}</td></tr>`);
    if (run.original.http || run.candidate.http) {
      parts.push(`<tr><th>GET /</th><td>${e(httpText(run.original))}</td><td>${e(httpText(run.candidate))}</td></tr>`);
    }
    parts.push('</table>');
    if (run.differences.length === 0) parts.push('<p>The runs agree.</p>');
    for (const d of run.differences) parts.push(`<p class="problem">${e(d)}</p>`);
    for (const [label, r] of [
      ['original', run.original],
      ['candidate', run.candidate],
    ] as const) {
      if (r.stdout || r.stderr) {
        parts.push(
          `<details><summary>Output of the ${label}</summary><pre>${e(clip(r.stdout + (r.stderr ? `\n--- stderr ---\n${r.stderr}` : '')))}</pre></details>`,
        );
      }
    }
  }
  parts.push('<h2>Build logs</h2>');
  for (const side of [report.original, report.candidate]) {
    parts.push(
      `<details><summary>${e(side.dockerfile)}: ${side.built ? `built in ${side.buildSeconds} s` : 'the build failed'}</summary><pre>${e(clip(side.buildLog))}</pre></details>`,
    );
  }
  parts.push(
    `<p class="note">${report.builder ? `${e(report.builder)} builder; ` : ''}${Math.round(report.seconds)} s; the containers and images verify created were removed.</p>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify</title>
<style nonce="${n}">${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>`;
}

function configTable(rows: VerifyReport['config']): string {
  const e = escapeXml;
  const show = (v: string | null) => (v === null ? '<span class="note">none</span>' : `<code>${e(v)}</code>`);
  const body = rows.map(
    (d) =>
      `<tr class="${d.matters ? 'problem' : 'note'}"><td>${e(d.field)}${d.key ? ` <code>${e(d.key)}</code>` : ''}</td><td>${show(d.original)}</td><td>${show(d.candidate)}</td><td>${e(d.reason)}</td></tr>`,
  );
  return `<table><tr><th>Field</th><th>Original</th><th>Candidate</th><th></th></tr>${body.join('')}</table>`;
}

/** Two bars on one scale; the base image's share drawn faintly inside each. */
function sizeBars(original: ImageSide, candidate: ImageSide): string {
  const max = Math.max(original.size ?? 0, candidate.size ?? 0, 1);
  const width = 300;
  const rows = [
    ['original', original],
    ['candidate', candidate],
  ] as const;
  const lines = rows.map(([label, side], i) => {
    const y = i * 30;
    const w = side.size === undefined ? 0 : Math.max(2, Math.round((side.size / max) * width));
    const base =
      side.baseSize !== undefined && side.size !== undefined
        ? Math.min(w, Math.round((side.baseSize / max) * width))
        : 0;
    return (
      `<text x="0" y="${y + 15}">${label}</text>` +
      `<rect class="bar-${label}" x="80" y="${y + 3}" width="${w}" height="18" rx="2"/>` +
      (base > 0 ? `<rect class="bar-base" x="80" y="${y + 3}" width="${base}" height="18" rx="2"/>` : '') +
      `<text x="${88 + w}" y="${y + 15}" id="size-${label}">${escapeXml(formatSize(side.size))}</text>`
    );
  });
  const legend = [original, candidate].some((s) => s.baseSize !== undefined)
    ? '<p class="note">The faint part of a bar is its base image.</p>'
    : '';
  // The viewBox scales the drawing to the panel's width.
  return `<svg class="bars" viewBox="0 0 ${width + 170} 60" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="sizes">${lines.join('')}</svg>${legend}`;
}

function outcome(r: RunObservation): string {
  if (r.state === 'not-started') return `did not start: ${r.stderr}`;
  if (r.state === 'exited') return `exited with ${r.exitCode} after ${r.seconds} s`;
  return `still up after ${r.seconds} s`;
}

function httpText(r: RunObservation): string {
  if (!r.http) return '';
  if (r.http.status === undefined) return `no answer on ${r.http.port}: ${r.http.error ?? ''}`;
  return `${r.http.status} on ${r.http.port}, ${(r.http.body ?? '').length} bytes`;
}

function clip(text: string, limit = 20_000): string {
  return text.length > limit ? `...\n${text.slice(-limit)}` : text;
}
