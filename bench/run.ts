/**
 * `npm run bench`: times the core in process and our language server against
 * dockerfile-language-server-nodejs over LSP, then writes bench/RESULTS.md and prints it.
 * `--quick` runs a small smoke pass and writes bench/tmp/RESULTS.quick.md instead.
 * Exits non-zero only when the harness itself fails, never because a target is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchCore, coreFeatures, warmUp, type CoreRow } from './core';
import { benchLsp, OP_LABELS, OPS, type LspResult, type Op, type Samples } from './lsp';
import { loadCorpus } from './lib/corpus';
import { generateDockerfile } from './lib/generate';
import { mib, ms, ratio, summarize } from './lib/stats';

const ROOT = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const coreOnly = process.argv.includes('--core-only');

function log(line: string): void {
  process.stderr.write(line + '\n');
}

function build(): void {
  log('building dist/ (node esbuild.mjs)');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

function vsixSize(): { bytes: number; note: string } {
  const out = path.join(ROOT, 'bench', 'tmp', 'stagewright.vsix');
  mkdirSync(path.dirname(out), { recursive: true });
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0)
    return {
      bytes: Number.NaN,
      note: `npm run package failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' ')}`,
    };
  return { bytes: statSync(out).size, note: '' };
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function kb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(0)} KB` : 'n/a';
}

function mbPerS(bytes: number, totalMs: number): string {
  return totalMs > 0 ? `${(bytes / 1e6 / (totalMs / 1000)).toFixed(1)}` : 'n/a';
}

function coreTable(rows: CoreRow[]): string[] {
  const out = [
    '| files | n | size | parse p50 | parse p99 | parse total | parse MB/s | analysis p50 | analysis p99 | analysis total | analysis MB/s | analysis/parse | re-analysis after a keystroke p50 / p99 | split p50 / p99 / max | hover p50 / p99 | peer parse + validation p50 / p99 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.label} | ${r.files} | ${kb(r.bytes)} | ${ms(r.parse.p50)} | ${ms(r.parse.p99)} | ${ms(r.parse.total)} | ${mbPerS(r.bytes, r.parse.total)} | ` +
        `${ms(r.analysis.p50)} | ${ms(r.analysis.p99)} | ${ms(r.analysis.total)} | ${mbPerS(r.bytes, r.analysis.total)} | ${(r.analysis.total / r.parse.total).toFixed(2)} | ` +
        `${r.reanalysis ? `${ms(r.reanalysis.p50)} / ${ms(r.reanalysis.p99)}` : 'n/a'} | ` +
        `${r.split ? `${ms(r.split.p50)} / ${ms(r.split.p99)} / ${ms(r.split.max)} (${r.split.n} files)` : 'n/a'} | ` +
        `${r.hover ? `${ms(r.hover.p50)} / ${ms(r.hover.p99)}` : 'n/a'} | ` +
        `${r.peer ? `${ms(r.peer.p50)} / ${ms(r.peer.p99)}` : 'n/a'} |`,
    );
  }
  return out;
}

function lspRows(label: string, ours: Samples, peer: Samples, oursUnsupported: Op[], peerUnsupported: Op[]): string[] {
  const out: string[] = [];
  for (const op of OPS) {
    const o = summarize(ours[op]);
    const p = summarize(peer[op]);
    const cell = (s: ReturnType<typeof summarize>, unsupported: boolean) =>
      unsupported ? 'not offered' : s.n === 0 ? 'n/a' : ms(s.p50);
    const cell99 = (s: ReturnType<typeof summarize>, unsupported: boolean) =>
      unsupported ? '' : s.n === 0 ? '' : ms(s.p99);
    out.push(
      `| ${label} | ${OP_LABELS[op]} | ${o.n}/${p.n} | ${cell(o, oursUnsupported.includes(op))} | ${cell99(o, oursUnsupported.includes(op))} | ` +
        `${cell(p, peerUnsupported.includes(op))} | ${cell99(p, peerUnsupported.includes(op))} | ${ratio(o.p50, p.p50)} | ${ratio(o.p99, p.p99)} |`,
    );
  }
  return out;
}

interface Target {
  what: string;
  target: string;
  measured: string;
  holds: boolean | null;
}

function targets(core: CoreRow[], lsp: LspResult | null, vsix: number, largest: string): Target[] {
  const out: Target[] = [];
  const corpusCore = core[0];
  if (lsp) {
    for (const op of ['open', 'edit'] as const) {
      const o = summarize(lsp.ours.corpus[op]);
      const p = summarize(lsp.peer.corpus[op]);
      out.push({
        what: `corpus ${OP_LABELS[op]}: speed-up over the peer`,
        target: '≥ 3× at p50 and p99',
        measured: `${(p.p50 / o.p50).toFixed(1)}× p50, ${(p.p99 / o.p99).toFixed(1)}× p99`,
        holds: p.p50 / o.p50 >= 3 && p.p99 / o.p99 >= 3,
      });
      out.push({ what: `corpus ${OP_LABELS[op]}: p99`, target: '≤ 5 ms', measured: ms(o.p99), holds: o.p99 <= 5 });
    }
    const big = lsp.ours.generated.get(largest);
    if (big) {
      const open = summarize(big.open);
      const edit = summarize(big.edit);
      const hover = summarize([...big.hoverFrom, ...big.hoverFromLine]);
      out.push({
        what: `${largest}: first diagnostics`,
        target: '≤ 500 ms',
        measured: `${ms(open.p50)} (max ${ms(open.max)})`,
        holds: open.max <= 500,
      });
      out.push({
        what: `${largest}: keystroke → diagnostics`,
        target: '≤ 20 ms',
        measured: `${ms(edit.p50)} p50, ${ms(edit.p99)} p99`,
        holds: edit.p99 <= 20,
      });
      out.push({
        what: `${largest}: hover`,
        target: '≤ 5 ms',
        measured: hover.n ? `${ms(hover.p50)} p50, ${ms(hover.p99)} p99` : 'no hover yet',
        holds: hover.n ? hover.p99 <= 5 : null,
      });
    }
    const start = summarize(lsp.ours.start);
    out.push({
      what: 'server start → initialized',
      target: '≤ 150 ms',
      measured: `${ms(start.p50)} p50`,
      holds: start.p50 <= 150,
    });
    out.push({
      what: 'peak RSS with the corpus open',
      target: '≤ 60 MiB',
      measured: mib(lsp.ours.rssCorpus),
      holds: lsp.ours.rssCorpus <= 60 * 1024 * 1024,
    });
  }
  if (corpusCore) {
    out.push({
      what: 'split refactor per corpus file',
      target: '≤ 20 ms',
      measured: corpusCore.split ? `max ${ms(corpusCore.split.max)}` : 'no split refactor yet',
      holds: corpusCore.split ? corpusCore.split.max <= 20 : null,
    });
  }
  out.push({
    what: '.vsix size',
    target: '≤ 400 KB',
    measured: kb(vsix),
    holds: Number.isFinite(vsix) ? vsix <= 400_000 : null,
  });
  return out;
}

async function main(): Promise<void> {
  const began = Date.now();
  build();
  const corpus = loadCorpus();
  if (corpus.missing) log(`NOTE: ${corpus.missing}`);
  const corpusFiles = quick ? corpus.files.filter((_, i) => i % 8 === 0) : corpus.files;
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 50_000];
  const generated = sizes.map((lines) => {
    const text = generateDockerfile(lines);
    const label = `generated ${lines / 1000}k lines`;
    return { label, lines, text, file: { name: label, text } };
  });
  const largest = generated[generated.length - 1]!.label;

  log(`core: warming up over ${corpusFiles.length} files`);
  warmUp(corpusFiles);
  const coreRows: CoreRow[] = [benchCore(`corpus`, corpusFiles, quick ? 1 : 3)];
  for (const g of generated) {
    log(`core: ${g.label}`);
    coreRows.push(benchCore(g.label, [g.file], g.lines >= 50_000 ? 2 : g.lines >= 10_000 ? 3 : 5));
  }

  let lsp: LspResult | null = null;
  if (!coreOnly) {
    log('lsp: ours and dockerfile-language-server-nodejs, alternating');
    lsp = await benchLsp({
      corpus: corpusFiles,
      generated: generated.map((g) => ({
        label: g.label,
        text: g.text,
        reps: quick ? 1 : g.lines >= 50_000 ? 2 : g.lines >= 10_000 ? 3 : 5,
      })),
      edits: quick ? 1 : 3,
      startReps: quick ? 3 : 10,
      log,
    });
  }

  log('vsix: scripts/package.mjs');
  const vsix = vsixSize();

  const peerVersion = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'package.json'), 'utf8'),
  ).version;
  const features = coreFeatures();
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run.ts) at commit ${commit()}, ${new Date().toISOString().slice(0, 16)} UTC, ` +
      `Node ${process.version}, ${os.cpus().length} cores (shared with other work: medians move between runs), ${((Date.now() - began) / 1000).toFixed(0)} s.`,
    `Peer: dockerfile-language-server-nodejs ${peerVersion} (\`--stdio\`), the server the Docker extensions bundle.`,
    '',
  ];
  if (corpus.missing) lines.push(`**Corpus missing:** ${corpus.missing}.`, '');
  lines.push(
    '## Core, in process',
    '',
    `Corpus: ${corpusFiles.length} files from the ${corpus.source}. Per-file times are the median of several runs of each file after a warm-up pass; p50/p99 are over files. ` +
      `Analysis = parse + every rule. The last column is what the peer computes on every open and change (dockerfile-language-service's validate: its parse and checks), timed the same way. Split: ${features.split}. Hover: ${features.hover}.`,
    '',
    ...coreTable(coreRows),
    '',
  );
  if (lsp) {
    lines.push(
      '## Over LSP, side by side',
      '',
      'Both servers run at once; for each file the two are exercised in turn (the order alternates). Times are from sending the ' +
        'notification or request to the matching diagnostics or answer. n = samples ours/peer. Ratio = ours / peer (lower is better).',
      '',
      '| files | operation | n | ours p50 | ours p99 | peer p50 | peer p99 | ratio p50 | ratio p99 |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...lspRows(
        `corpus (${corpusFiles.length})`,
        lsp.ours.corpus,
        lsp.peer.corpus,
        lsp.ours.unsupported,
        lsp.peer.unsupported,
      ),
    );
    for (const g of generated) {
      lines.push(
        ...lspRows(
          g.label,
          lsp.ours.generated.get(g.label)!,
          lsp.peer.generated.get(g.label)!,
          lsp.ours.unsupported,
          lsp.peer.unsupported,
        ),
      );
    }
    const so = summarize(lsp.ours.start);
    const sp = summarize(lsp.peer.start);
    lines.push(
      '',
      '| process | ours | peer | ratio |',
      '| --- | ---: | ---: | ---: |',
      `| start → initialized, p50 (n=${so.n}) | ${ms(so.p50)} | ${ms(sp.p50)} | ${ratio(so.p50, sp.p50)} |`,
      `| start → initialized, p99 | ${ms(so.p99)} | ${ms(sp.p99)} | ${ratio(so.p99, sp.p99)} |`,
      `| peak RSS (VmHWM), idle after initialize | ${mib(lsp.ours.rssIdle)} | ${mib(lsp.peer.rssIdle)} | ${ratio(lsp.ours.rssIdle, lsp.peer.rssIdle)} |`,
      `| peak RSS (VmHWM), ${corpusFiles.length} corpus files open | ${mib(lsp.ours.rssCorpus)} | ${mib(lsp.peer.rssCorpus)} | ${ratio(lsp.ours.rssCorpus, lsp.peer.rssCorpus)} |`,
      '',
    );
  }
  lines.push(`.vsix: ${kb(vsix.bytes)}${vsix.note ? ` (${vsix.note})` : ''}.`, '');
  lines.push('## Targets', '', '| what | target | measured | holds |', '| --- | --- | --- | --- |');
  for (const t of targets(coreRows, lsp, vsix.bytes, largest)) {
    lines.push(
      `| ${t.what} | ${t.target} | ${t.measured} | ${t.holds === null ? 'not measurable yet' : t.holds ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('');
  const report = lines.join('\n');
  const out = quick ? path.join(ROOT, 'bench', 'tmp', 'RESULTS.quick.md') : path.join(ROOT, 'bench', 'RESULTS.md');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, report);
  process.stdout.write(report + '\n');
  log(`wrote ${path.relative(ROOT, out)}`);
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
