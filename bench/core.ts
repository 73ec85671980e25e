/** In-process timings of the core: parse alone, full analysis, and the features built on them. */
import * as path from 'node:path';
import * as core from '../server/src/core';
import type { Analysis } from '../server/src/core';
import type { BenchFile } from './lib/corpus';
import { fromLine, fromValue, type Pos } from './lib/positions';
import { median, summarize, time, type Summary } from './lib/stats';

/**
 * The peer's own checking, in process: the language service dockerfile-language-server-nodejs runs on
 * every open and change (parse + validation), resolved from the peer's install. Null when absent.
 */
type PeerValidate = (text: string) => unknown;
function findPeerValidate(): PeerValidate | null {
  try {
    const from = path.dirname(require.resolve('dockerfile-language-server-nodejs/package.json'));
    const service = require(require.resolve('dockerfile-language-service', { paths: [from] })) as {
      DockerfileLanguageServiceFactory: { createLanguageService(): { validate(text: string): unknown } };
    };
    const instance = service.DockerfileLanguageServiceFactory.createLanguageService();
    return (text) => instance.validate(text);
  } catch {
    return null;
  }
}
const peerValidate = findPeerValidate();

export interface CoreRow {
  label: string;
  files: number;
  bytes: number;
  parse: Summary;
  analysis: Summary;
  /** Full analysis of the text after one typed character, with the previous version's work available. */
  reanalysis: Summary | null;
  split: Summary | null;
  hover: Summary | null;
  /** The peer's parse + validation of the same files (null when it is not installed). */
  peer: Summary | null;
}

export interface CoreFeatures {
  split: string;
  hover: string;
}

type HoverFn = (model: Analysis['model'], position: Pos) => unknown;
type Proposal = { kind: string; id: string; title: string; edits(): unknown };
type CodeActionsFn = (analysis: Analysis, range: { start: Pos; end: Pos }, settings?: unknown) => Proposal[];

const exported = core as unknown as Record<string, unknown>;

/** The core's hover entry point, if one is on this branch. */
function findHover(): HoverFn | null {
  for (const name of ['hover', 'hoverAt', 'computeHover', 'provideHover']) {
    if (typeof exported[name] === 'function') return exported[name] as HoverFn;
  }
  return null;
}

function findCodeActions(): CodeActionsFn | null {
  return typeof exported.codeActions === 'function' ? (exported.codeActions as CodeActionsFn) : null;
}

/** Analysis of the next version of a text, given the previous version's model (ignored by a core that cannot use it). */
function reanalyze(previous: Analysis, text: string): Analysis {
  return (core.analyze as (text: string, settings: object, previous?: unknown) => Analysis)(text, {}, previous.model);
}

function isSplit(p: Proposal): boolean {
  return p.kind === 'refactor.rewrite' || /split/i.test(p.id);
}

/** Where a user asks for the split: the cursor on the final stage's FROM line. */
function finalFromLine(analysis: Analysis): { start: Pos; end: Pos } | null {
  const model = analysis.model;
  const stage = model.stages[model.finalStage];
  if (!stage) return null;
  const line = stage.from.range.start.line;
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** Times the split refactor: offering it at the final FROM line and computing its edit. */
function timeSplit(codeActions: CodeActionsFn, analysis: Analysis): number | null {
  const range = finalFromLine(analysis);
  if (!range) return null;
  const start = performance.now();
  const proposals = codeActions(analysis, range).filter(isSplit);
  if (proposals.length === 0) return null;
  for (const p of proposals) p.edits();
  return performance.now() - start;
}

function timeHovers(hover: HoverFn, analysis: Analysis, text: string): number[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: number[] = [];
  const targets = [fromValue(lines)?.hover, fromLine(lines)].filter((p): p is Pos => !!p);
  for (const pos of targets) out.push(time(() => hover(analysis.model, pos))[0]);
  return out;
}

function typeOneChar(text: string): string {
  const middle = text.indexOf('\n', text.length >> 1);
  const at = middle < 0 ? text.length : middle;
  return text.slice(0, at) + 'x' + text.slice(at);
}

export function coreFeatures(): CoreFeatures {
  const actions = findCodeActions();
  return {
    split: actions
      ? 'code actions at the final FROM line, the refactor.rewrite ones with their edits (files where it is offered)'
      : 'not on this branch',
    hover: findHover() ? 'the core hover function at a --from value and at a FROM line' : 'not on this branch',
  };
}

export function benchCore(label: string, files: readonly BenchFile[], reps: number): CoreRow {
  const hover = findHover();
  const codeActions = findCodeActions();
  const parse: number[] = [];
  const analysis: number[] = [];
  const peer: number[] = [];
  const reanalysis: number[] = [];
  const split: number[] = [];
  const hovers: number[] = [];
  let bytes = 0;
  for (const file of files) {
    bytes += Buffer.byteLength(file.text);
    const p: number[] = [];
    const a: number[] = [];
    let last: Analysis | null = null;
    for (let r = 0; r < reps; r++) {
      p.push(time(() => core.parseDockerfile(file.text))[0]);
      const [t, result] = time(() => core.analyze(file.text));
      a.push(t);
      last = result;
    }
    parse.push(median(p));
    analysis.push(median(a));
    if (peerValidate) {
      const v: number[] = [];
      for (let r = 0; r < reps; r++) v.push(time(() => peerValidate(file.text))[0]);
      peer.push(median(v));
    }
    if (last) {
      const edited = typeOneChar(file.text);
      reanalysis.push(time(() => reanalyze(last!, edited))[0]);
    }
    if (codeActions && last) {
      const t = timeSplit(codeActions, last);
      if (t !== null) split.push(t);
    }
    if (hover && last) hovers.push(...timeHovers(hover, last, file.text));
  }
  return {
    label,
    files: files.length,
    bytes,
    parse: summarize(parse),
    analysis: summarize(analysis),
    reanalysis: summarize(reanalysis),
    split: codeActions && split.length > 0 ? summarize(split) : null,
    hover: hover && hovers.length > 0 ? summarize(hovers) : null,
    peer: peer.length > 0 ? summarize(peer) : null,
  };
}

/** Runs everything once so that the timed passes measure optimised code. */
export function warmUp(files: readonly BenchFile[]): void {
  for (const file of files) {
    core.analyze(file.text);
    peerValidate?.(file.text);
  }
}
