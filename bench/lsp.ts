/** Our bundled server and the peer (dockerfile-language-server-nodejs) under one harness, alternating. */
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { BenchFile } from './lib/corpus';
import { SERVER_NODE_FLAGS } from '../client/src/server-flags';
import { BenchClient } from './lib/client';
import { fromLine, fromValue, keystroke, type Pos } from './lib/positions';

export const OURS = path.resolve(__dirname, '..', 'dist', 'server.js');
export const PEER = require.resolve('dockerfile-language-server-nodejs/lib/server.js');

export type Op = 'open' | 'edit' | 'hoverFrom' | 'hoverFromLine' | 'completion' | 'codeAction';
export const OPS: Op[] = ['open', 'edit', 'hoverFrom', 'hoverFromLine', 'completion', 'codeAction'];
export const OP_LABELS: Record<Op, string> = {
  open: 'didOpen → diagnostics',
  edit: 'one typed character → diagnostics',
  hoverFrom: 'hover on a --from value',
  hoverFromLine: 'hover on a FROM line',
  completion: 'completion after --from=',
  codeAction: 'codeAction on line 1',
};

export type Samples = Record<Op, number[]>;
export const emptySamples = (): Samples => ({
  open: [],
  edit: [],
  hoverFrom: [],
  hoverFromLine: [],
  completion: [],
  codeAction: [],
});

export interface Side {
  client: BenchClient;
  corpus: Samples;
  generated: Map<string, Samples>;
}

export interface LspResult {
  ours: {
    corpus: Samples;
    generated: Map<string, Samples>;
    start: number[];
    rssIdle: number;
    rssCorpus: number;
    unsupported: Op[];
  };
  peer: {
    corpus: Samples;
    generated: Map<string, Samples>;
    start: number[];
    rssIdle: number;
    rssCorpus: number;
    unsupported: Op[];
  };
}

function shift(pos: Pos, at: Pos, inserted: number): Pos {
  return pos.line === at.line && pos.character >= at.character
    ? { line: pos.line, character: pos.character + inserted }
    : pos;
}

/** Runs every operation on one file against one server; the document stays open unless closeAfter. */
async function exercise(
  client: BenchClient,
  uri: string,
  text: string,
  edits: number,
  into: Samples,
  closeAfter: boolean,
): Promise<void> {
  const lines = text.split(/\r\n|\r|\n/);
  into.open.push(await client.open(uri, text));
  const at = keystroke(lines);
  for (let i = 0; i < edits; i++) into.edit.push(await client.change(uri, 2 + i, at.line, at.character + i, 'x'));
  const from = fromValue(lines);
  const fromLinePos = fromLine(lines);
  const textDocument = { uri };
  if (client.supports('hover')) {
    if (from)
      into.hoverFrom.push(
        (await client.timed('textDocument/hover', { textDocument, position: shift(from.hover, at, edits) }))[0],
      );
    if (fromLinePos)
      into.hoverFromLine.push(
        (await client.timed('textDocument/hover', { textDocument, position: shift(fromLinePos, at, edits) }))[0],
      );
  }
  if (client.supports('completion') && from) {
    into.completion.push(
      (await client.timed('textDocument/completion', { textDocument, position: shift(from.completion, at, edits) }))[0],
    );
  }
  if (client.supports('codeAction')) {
    const diagnostics: Diagnostic[] = (client.lastDiagnostics.get(uri) ?? []).filter((d) => d.range.start.line === 0);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0]?.length ?? 0 } };
    into.codeAction.push(
      (await client.timed('textDocument/codeAction', { textDocument, range, context: { diagnostics } }))[0],
    );
  }
  if (closeAfter) await client.close(uri);
}

function unsupported(client: BenchClient): Op[] {
  const out: Op[] = [];
  if (!client.supports('hover')) out.push('hoverFrom', 'hoverFromLine');
  if (!client.supports('completion')) out.push('completion');
  if (!client.supports('codeAction')) out.push('codeAction');
  return out;
}

/** Start → initialize result, alternating the two servers; each started process is shut down. */
async function startTimes(reps: number): Promise<{ ours: number[]; peer: number[] }> {
  const result = { ours: [] as number[], peer: [] as number[] };
  for (let i = 0; i < reps; i++) {
    const order: Array<['ours' | 'peer', string]> =
      i % 2
        ? [
            ['peer', PEER],
            ['ours', OURS],
          ]
        : [
            ['ours', OURS],
            ['peer', PEER],
          ];
    for (const [label, script] of order) {
      const client = new BenchClient(label, script, label === 'ours' ? SERVER_NODE_FLAGS : []);
      result[label].push(await client.initialize());
      await client.shutdown();
    }
  }
  return result;
}

export interface LspOptions {
  corpus: readonly BenchFile[];
  generated: ReadonlyArray<{ label: string; text: string; reps: number }>;
  edits: number;
  startReps: number;
  log: (line: string) => void;
}

export async function benchLsp(options: LspOptions): Promise<LspResult> {
  const { log } = options;
  log(`  start → initialize, ${options.startReps} times each`);
  const start = await startTimes(options.startReps);

  // Ours runs with the flags the extension starts it with; the peer as its extensions start it.
  const ours: Side = {
    client: new BenchClient('ours', OURS, SERVER_NODE_FLAGS),
    corpus: emptySamples(),
    generated: new Map(),
  };
  const peer: Side = { client: new BenchClient('peer', PEER), corpus: emptySamples(), generated: new Map() };
  try {
    await ours.client.initialize();
    await peer.client.initialize();
    await new Promise((r) => setTimeout(r, 300));
    const rssIdle = { ours: ours.client.peakRss(), peer: peer.client.peakRss() };

    log(`  corpus: ${options.corpus.length} files, every one left open`);
    for (const [i, file] of options.corpus.entries()) {
      const uri = `file:///bench/corpus/${encodeURIComponent(file.name)}`;
      const order = i % 2 ? [peer, ours] : [ours, peer];
      for (const side of order) await exercise(side.client, uri, file.text, options.edits, side.corpus, false);
    }
    const rssCorpus = { ours: ours.client.peakRss(), peer: peer.client.peakRss() };
    for (const file of options.corpus) {
      const uri = `file:///bench/corpus/${encodeURIComponent(file.name)}`;
      await ours.client.close(uri);
      await peer.client.close(uri);
    }

    for (const g of options.generated) {
      log(`  generated ${g.label}: ${g.reps} run(s) per server`);
      const o = emptySamples();
      const p = emptySamples();
      ours.generated.set(g.label, o);
      peer.generated.set(g.label, p);
      for (let r = 0; r < g.reps; r++) {
        const uri = `file:///bench/generated/${g.label}-${r}.Dockerfile`;
        const order: Array<[Side, Samples]> =
          r % 2
            ? [
                [peer, p],
                [ours, o],
              ]
            : [
                [ours, o],
                [peer, p],
              ];
        for (const [side, into] of order) await exercise(side.client, uri, g.text, options.edits, into, true);
      }
    }

    return {
      ours: {
        corpus: ours.corpus,
        generated: ours.generated,
        start: start.ours,
        rssIdle: rssIdle.ours,
        rssCorpus: rssCorpus.ours,
        unsupported: unsupported(ours.client),
      },
      peer: {
        corpus: peer.corpus,
        generated: peer.generated,
        start: start.peer,
        rssIdle: rssIdle.peer,
        rssCorpus: rssCorpus.peer,
        unsupported: unsupported(peer.client),
      },
    };
  } finally {
    await ours.client.shutdown();
    await peer.client.shutdown();
  }
}
