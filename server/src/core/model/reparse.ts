/**
 * Incremental parsing: the text is cut into pieces (the head, then each stage in pieces of a few
 * instructions; see scan.ts), each piece parsed on its own, and the pieces of the previous version
 * whose text is unchanged are reused, so a keystroke re-parses only the instructions around it.
 */
import { DockerfileParser } from 'dockerfile-ast';
import './ast-speedups';
import { firstIndex } from './binary-search';
import { convertComments, convertDirectives, convertInstruction, shiftInstruction, shiftRange } from './convert';
import {
  assemble,
  collectGlobalArgDefaults,
  collectReferences,
  computeReachable,
  firstStageByName,
  makeCore,
  resolveBase,
  type StageCore,
  stageOf,
} from './resolve';
import { readHeader, scanStages, scanStagesFrom } from './scan';
import { computeLineStarts, positionAt } from './text';
import type { Comment, Directive, DockerfileModel, Instruction, ReferenceTarget, Stage, StageReference } from './types';

/**
 * What a piece of the text holds: the text before the first FROM (`head`, with the directives), a
 * stage's FROM and the instructions after it (`stage`), or more instructions of the same stage
 * (`rest`). Stages are cut into pieces of a few instructions, so an edit re-parses only the
 * instructions around it.
 */
type PieceKind = 'head' | 'stage' | 'rest';

/** Instructions per piece inside a stage (a new piece starts at every FROM regardless). */
const PIECE_INSTRUCTIONS = 2;

/** One piece of the text parsed on its own. */
interface Piece {
  kind: PieceKind;
  escapeChar: string;
  /** Lines added in front of the text (the escape directive) before parsing it. */
  prefixLines: number;
  directives: Directive[];
  /** Whether the piece holds what the cut promised (see PieceKind). */
  wellCut: boolean;
  /** Its instructions and comments as last placed into a model, reused while the placement is the same. */
  placed: Placement;
}

interface Placement {
  /** Lines between the piece's own line numbers and the model's. */
  lineShift: number;
  /** Model index of the piece's first instruction, and its stage (-1 before the first FROM). */
  index: number;
  stage: number;
  instructions: Instruction[];
  comments: Comment[];
  /**
   * On a stage's first placement: the stage's core and every placement it was made of, so the next
   * version reuses the core while the stage's pieces are placed as they were.
   */
  stageCore?: { placements: Placement[]; core: StageCore };
}

/** The core of a stage placed from these pieces: the previous version's when they are the same. */
function coreOf(placements: Placement[]): StageCore {
  const known = placements[0]!.stageCore;
  if (known && known.placements.length === placements.length && known.placements.every((p, i) => p === placements[i]))
    return known.core;
  const instructions: Instruction[] = [];
  for (const placed of placements) for (const x of placed.instructions) instructions.push(x);
  const core = makeCore(instructions);
  placements[0]!.stageCore = { placements, core };
  return core;
}

interface StageLayout {
  /** Offset where each piece starts in the model's text (a line start); piece i ends where piece i+1 starts. */
  starts: number[];
  pieces: Piece[];
  /** Where the parser starts reading instructions, after the directives. */
  bodyStart: number;
  /** How much of the text the header depends on (see scan.ts). */
  headerExtent: number;
  /** The cores of the model's stages, in order. */
  cores: StageCore[];
}

/**
 * Where a model keeps how it was cut into pieces, for the parse of the next version to reuse. The
 * property is not enumerable: the model still reads, compares and serialises as plain data, and
 * the layout goes when the model goes.
 */
const LAYOUT: unique symbol = Symbol('stagewright.layout');

function layoutOf(model: DockerfileModel): StageLayout | undefined {
  return (model as { [LAYOUT]?: StageLayout })[LAYOUT];
}

function withLayout(model: DockerfileModel, layout: StageLayout): DockerfileModel {
  Object.defineProperty(model, LAYOUT, { value: layout, enumerable: false });
  return model;
}

/** A copy of a string that does not keep a larger string alive (V8 keeps the parent of a slice). */
function detached(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

function parsePiece(
  source: string,
  kind: PieceKind,
  escapeChar: string,
  line: number,
  index: number,
  stage: number,
): Piece {
  const first = kind === 'head';
  const prefix = first || escapeChar === '\\' ? '' : `# escape=${escapeChar}\n`;
  const text = prefix ? prefix + source : detached(source);
  const lineStarts = computeLineStarts(text);
  const ast = DockerfileParser.parse(text);
  const lineShift = line - (prefix ? 1 : 0);
  const instructions: Instruction[] = [];
  let froms = 0;
  for (const node of ast.getInstructions()) {
    const instruction = convertInstruction(
      node,
      index + instructions.length,
      first ? -1 : stage,
      text,
      lineStarts,
      escapeChar,
      lineShift,
    );
    if (instruction.keyword === 'FROM') froms++;
    instructions.push(instruction);
  }
  const comments = convertComments(ast, lineShift);
  const leading = instructions[0];
  const wellCut =
    kind === 'head'
      ? froms === 0
      : kind === 'stage'
        ? froms === 1 && leading!.keyword === 'FROM' && leading!.range.start.line === line
        : froms === 0 && leading !== undefined && leading.range.start.line === line;
  return {
    kind,
    escapeChar: ast.getEscapeCharacter(),
    prefixLines: prefix ? 1 : 0,
    directives: first ? convertDirectives(ast) : [],
    wellCut,
    placed: { lineShift, index, stage, instructions, comments },
  };
}

function place(piece: Piece, lineShift: number, index: number, stage: number): Placement {
  const placed = piece.placed;
  if (placed.lineShift === lineShift && placed.index === index && placed.stage === stage) return placed;
  const lines = lineShift - placed.lineShift;
  const instructions = placed.instructions.map((x) =>
    shiftInstruction(x, lines, index + (x.index - placed.index), x.stage < 0 ? -1 : stage),
  );
  const comments =
    lines === 0 ? placed.comments : placed.comments.map((c) => ({ text: c.text, range: shiftRange(c.range, lines) }));
  piece.placed = { lineShift, index, stage, instructions, comments };
  return piece.placed;
}

/** Block sizes the texts are compared in: large ones first (few slices), then small, then characters. */
const BLOCKS = [2048, 64];

/** How many leading characters two texts share. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const size of BLOCKS) while (i + size <= n && a.slice(i, i + size) === b.slice(i, i + size)) i += size;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How many trailing characters two texts share, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  const n = Math.min(a.length, b.length, limit);
  let i = 0;
  for (const size of BLOCKS) {
    while (i + size <= n && a.slice(a.length - i - size, a.length - i) === b.slice(b.length - i - size, b.length - i))
      i += size;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The index of `value` in the sorted `values` between `from` and `to`, or -1. */
function indexIn(values: readonly number[], value: number, from: number, to: number): number {
  const i = from + firstIndex(to - from, (k) => values[from + k]! >= value);
  return i < to && values[i] === value ? i : -1;
}

/** Appends the line starts in (from, to) to `out`; `from` and `to` are line starts. */
function lineStartsBetween(text: string, from: number, to: number, out: number[]): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      if (i + 1 < to) out.push(i + 1);
    } else if (c === 10) {
      if (i + 1 < to) out.push(i + 1);
    }
  }
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

interface Cut {
  escapeChar: string;
  bodyStart: number;
  headerExtent: number;
  lineStarts: number[];
  /** Piece starts and kinds; pieces[i] is reused from the previous version when set. */
  starts: number[];
  kinds: PieceKind[];
  reuse: Array<Piece | undefined>;
  /**
   * For an edit, the pieces that were cut anew: from `first` to `newEnd` (excluded) in the new cut,
   * replacing `first` to `oldEnd` of the previous one; the pieces after them are the previous ones.
   */
  edit?: { first: number; newEnd: number; oldEnd: number };
}

/** Where the cut stands while instruction starts are fed to it. */
interface CutState {
  /** No FROM yet: instructions belong to the head piece. */
  inHead: boolean;
  /** Instructions in the current piece so far. */
  count: number;
}

/**
 * Cuts at instruction starts: a `stage` piece at every FROM, a `rest` piece every few instructions
 * after it, none in the head. A cut is at the start of the instruction's line.
 */
function cutAt(text: string, offsets: readonly number[], isFrom: readonly boolean[], state: CutState, cut: Cut): void {
  for (let i = 0; i < offsets.length; i++) {
    const start = lineStartOf(text, offsets[i]!);
    const last = cut.starts[cut.starts.length - 1]!;
    if (isFrom[i]) {
      cut.starts.push(start);
      cut.kinds.push('stage');
      cut.reuse.push(undefined);
      state.inHead = false;
      state.count = 1;
    } else if (!state.inHead && state.count >= PIECE_INSTRUCTIONS && start > last) {
      cut.starts.push(start);
      cut.kinds.push('rest');
      cut.reuse.push(undefined);
      state.count = 1;
    } else {
      state.count++;
    }
  }
}

/** Where the pieces start in a text never seen before. */
function cutWhole(text: string): Cut {
  const scan = scanStages(text);
  const cut: Cut = {
    escapeChar: scan.escapeChar,
    bodyStart: scan.bodyStart,
    headerExtent: scan.headerExtent,
    lineStarts: computeLineStarts(text),
    starts: [0],
    kinds: ['head'],
    reuse: [undefined],
  };
  cutAt(text, scan.starts, scan.isFrom, { inHead: true, count: 0 }, cut);
  return cut;
}

/**
 * Where the pieces start in a new version of a text: the pieces before the first change and after
 * the last one are the previous version's, and only the text between is scanned again.
 */
function cutEdited(text: string, previous: DockerfileModel, before: StageLayout): Cut | null {
  const old = previous.text;
  const oldStarts = before.starts;
  const count = oldStarts.length;
  const delta = text.length - old.length;
  const endOf = (i: number) => (i + 1 < count ? oldStarts[i + 1]! : old.length);
  // Unchanged leading pieces: those that end before the first difference (never the last one: the
  // text after it may have grown).
  const prefix = commonPrefix(text, old);
  let p = 0;
  while (p < count - 1 && endOf(p) <= prefix) p++;
  // The first piece holds the directives (the escape character): when it changed, start over. So
  // does a change to the leading comment lines where directives are read, even past that piece.
  if (p === 0) return null;
  // The leading comment lines are read again only when the edit reached them.
  const header =
    prefix >= before.headerExtent
      ? { escapeChar: previous.escapeChar, bodyStart: before.bodyStart, extent: before.headerExtent }
      : readHeader(text);
  if (
    header.escapeChar !== previous.escapeChar ||
    header.bodyStart !== before.bodyStart ||
    header.bodyStart > oldStarts[p]!
  )
    return null;
  // Unchanged trailing pieces, shifted by the change in length, after the leading ones: those that
  // start within the common tail of both texts.
  const tail = commonSuffix(text, old, Math.min(text.length, old.length) - prefix);
  let q = count;
  while (q - 1 > p && oldStarts[q - 1]! >= old.length - tail && oldStarts[q - 1]! + delta >= oldStarts[p]!) q--;

  const from = oldStarts[p]!;
  // The head piece is unchanged and the last one before the change: instructions go on joining it
  // until a FROM, and no later piece that continues a stage can follow it directly.
  const inHead = p === 1;
  let synced = -1;
  const scan = scanStagesFrom(text, previous.escapeChar, from, (offset, fromsBefore) => {
    const k = indexIn(oldStarts, lineStartOf(text, offset) - delta, q, count);
    if (k < 0) return false;
    if (inHead && fromsBefore === 0 && before.pieces[k]!.kind !== 'stage') return false;
    synced = k;
    return true;
  });
  const cut: Cut = {
    escapeChar: previous.escapeChar,
    bodyStart: header.bodyStart,
    headerExtent: header.extent,
    lineStarts: [],
    starts: oldStarts.slice(0, p),
    kinds: before.pieces.slice(0, p).map((piece) => piece.kind),
    reuse: before.pieces.slice(0, p),
  };
  // The first instruction of the rescanned text starts a piece (unless it joins the head).
  cutAt(text, scan.starts, scan.isFrom, { inHead, count: PIECE_INSTRUCTIONS }, cut);
  const { starts, reuse } = cut;
  const resume = synced >= 0 ? oldStarts[synced]! + delta : text.length;
  // The last unchanged piece keeps its text only if the next piece still starts where it did.
  const next = starts.length > p ? starts[p]! : synced >= 0 ? resume : -1;
  if (next !== from) reuse[p - 1] = undefined;
  if (synced >= 0) cut.edit = { first: reuse[p - 1] ? p : p - 1, newEnd: starts.length, oldEnd: synced };
  if (synced >= 0) {
    for (let k = synced; k < count; k++) {
      starts.push(oldStarts[k]! + delta);
      cut.kinds.push(before.pieces[k]!.kind);
      reuse.push(before.pieces[k]);
    }
  }
  // Line starts: the old ones before the rescanned text and after it (shifted), new ones between.
  const oldLines = previous.lineStarts;
  const lineStarts: number[] = [];
  let l = 0;
  while (l < oldLines.length && oldLines[l]! < from) lineStarts.push(oldLines[l++]!);
  if (synced < 0 || from < resume) lineStarts.push(from);
  // Without a resync the rescan runs to the end, whose line start (after a final line break) counts too.
  lineStartsBetween(text, from, synced >= 0 ? resume : text.length + 1, lineStarts);
  if (synced >= 0) {
    const oldResume = oldStarts[synced]!;
    let m = l;
    while (m < oldLines.length && oldLines[m]! < oldResume) m++;
    for (; m < oldLines.length; m++) lineStarts.push(oldLines[m]! + delta);
  }
  cut.lineStarts = lineStarts;
  return cut;
}

/**
 * Parses stage by stage, reusing the pieces of the previous version whose text is unchanged.
 * Returns null when the text cannot be cut (then the whole text is parsed at once).
 */
export function buildByStage(text: string, previous: DockerfileModel | null): DockerfileModel | null {
  const before = previous && previous.skipped === null ? layoutOf(previous) : undefined;
  const cut = (previous && before && cutEdited(text, previous, before)) || cutWhole(text);
  const { starts, lineStarts, escapeChar } = cut;
  if (starts.length === 1) return null;
  for (let i = 1; i < starts.length; i++) if (starts[i]! <= starts[i - 1]! && i > 1) return null;
  if (previous && before && cut.edit) {
    const edited = buildEdited(text, previous, before, cut, cut.edit);
    if (edited) return edited;
  }

  const pieces: Piece[] = [];
  const instructions: Instruction[] = [];
  const comments: Comment[] = [];
  const globalArgs: Instruction[] = [];
  const cores: StageCore[] = [];
  let group: Placement[] = [];
  let stage = -1;
  for (let i = 0; i < starts.length; i++) {
    const kind = cut.kinds[i]!;
    if (kind === 'stage') {
      if (group.length > 0) cores.push(coreOf(group));
      group = [];
      stage++;
    }
    const line = positionAt(lineStarts, starts[i]!).line;
    let piece = cut.reuse[i];
    if (!piece)
      piece = parsePiece(
        text.slice(starts[i]!, i + 1 < starts.length ? starts[i + 1]! : text.length),
        kind,
        escapeChar,
        line,
        instructions.length,
        stage,
      );
    // Anything but what the cut promised means it was wrong: parse the whole text instead.
    if (!piece.wellCut) return null;
    pieces.push(piece);
    const placed = place(piece, line - piece.prefixLines, instructions.length, stage);
    for (const x of placed.instructions) instructions.push(x);
    for (const c of placed.comments) comments.push(c);
    if (kind === 'head') {
      for (const x of placed.instructions) if (x.keyword === 'ARG') globalArgs.push(x);
    } else {
      group.push(placed);
    }
  }
  if (group.length > 0) cores.push(coreOf(group));
  const head = pieces[0]!;
  if (head.escapeChar !== escapeChar) return null;
  const model = assemble(text, lineStarts, head.directives, escapeChar, instructions, comments, globalArgs, cores);
  return withLayout(model, { starts, pieces, bodyStart: cut.bodyStart, headerExtent: cut.headerExtent, cores });
}

/** The number of comments that start before `line` (comments are in order). */
function commentsBefore(comments: readonly Comment[], line: number): number {
  return firstIndex(comments.length, (i) => comments[i]!.range.start.line >= line);
}

/**
 * The common keystroke: an edit that keeps the lines, the instruction count and the stages of the
 * text after it where they were. Only the pieces around the edit are parsed and the stages they
 * belong to rebuilt; everything else is the previous model's, sliced rather than walked, so the
 * cost does not grow with the file. Returns null when the edit is not of that kind (the caller then
 * places every piece); the pieces parsed here are left in the cut for it to reuse.
 */
function buildEdited(
  text: string,
  previous: DockerfileModel,
  before: StageLayout,
  cut: Cut,
  edit: NonNullable<Cut['edit']>,
): DockerfileModel | null {
  const { first, newEnd, oldEnd } = edit;
  // A new head may hold other directives; an empty middle has nothing to check the counts against.
  if (first === 0 || newEnd <= first || oldEnd >= before.pieces.length) return null;
  const { starts, lineStarts, escapeChar } = cut;
  const oldStarts = before.starts;
  const endLine = positionAt(lineStarts, starts[newEnd]!).line;
  if (endLine !== positionAt(previous.lineStarts, oldStarts[oldEnd]!).line) return null;
  const prior = before.pieces[first - 1]!.placed;
  const firstIndex = before.pieces[first]!.placed.index;
  const endIndex = before.pieces[oldEnd]!.placed.index;
  let stage = prior.stage;
  const middle: Piece[] = [];
  const middleInstructions: Instruction[] = [];
  const middleComments: Comment[] = [];
  for (let i = first; i < newEnd; i++) {
    const kind = cut.kinds[i]!;
    if (kind === 'stage') stage++;
    const line = positionAt(lineStarts, starts[i]!).line;
    const piece =
      cut.reuse[i] ??
      parsePiece(
        text.slice(starts[i]!, starts[i + 1]!),
        kind,
        escapeChar,
        line,
        firstIndex + middleInstructions.length,
        stage,
      );
    cut.reuse[i] = piece;
    if (!piece.wellCut) return null;
    const placed = place(piece, line - piece.prefixLines, firstIndex + middleInstructions.length, stage);
    for (const x of placed.instructions) middleInstructions.push(x);
    for (const c of placed.comments) middleComments.push(c);
    middle.push(piece);
  }
  // The pieces after the edit must keep their instruction indexes and stages.
  const next = before.pieces[oldEnd]!;
  const nextStage = next.kind === 'stage' ? next.placed.stage - 1 : next.placed.stage;
  if (firstIndex + middleInstructions.length !== endIndex || stage !== nextStage) return null;

  const instructions = previous.instructions.slice(0, firstIndex);
  for (const x of middleInstructions) instructions.push(x);
  for (let i = endIndex; i < previous.instructions.length; i++) instructions.push(previous.instructions[i]!);
  const startLine = positionAt(lineStarts, starts[first]!).line;
  const comments = previous.comments.slice(0, commentsBefore(previous.comments, startLine));
  for (const c of middleComments) comments.push(c);
  for (let i = commentsBefore(previous.comments, endLine); i < previous.comments.length; i++)
    comments.push(previous.comments[i]!);
  const pieces = before.pieces.slice(0, first);
  for (const piece of middle) pieces.push(piece);
  for (let i = oldEnd; i < before.pieces.length; i++) pieces.push(before.pieces[i]!);

  // The stages the new pieces belong to, from the piece that starts the first to the last piece of the last.
  const firstStage = middle[0]!.kind === 'stage' ? prior.stage + 1 : prior.stage;
  let from = first;
  while (from > 0 && pieces[from]!.kind !== 'stage') from--;
  let to = first + middle.length;
  while (to < pieces.length && pieces[to]!.kind !== 'stage') to++;
  const cores = before.cores.slice(0, firstStage);
  let group: Placement[] = [];
  for (let i = from; i < to; i++) {
    const piece = pieces[i]!;
    if (piece.kind === 'stage' && group.length > 0) {
      cores.push(coreOf(group));
      group = [];
    }
    group.push(piece.placed);
  }
  if (group.length > 0) cores.push(coreOf(group));
  for (let i = stage + 1; i < before.cores.length; i++) cores.push(before.cores[i]!);

  const model =
    reassemble(previous, before, text, lineStarts, instructions, comments, cores, firstStage, stage) ??
    assemble(text, lineStarts, previous.directives, escapeChar, instructions, comments, previous.globalArgs, cores);
  return withLayout(model, { starts, pieces, bodyStart: cut.bodyStart, headerExtent: cut.headerExtent, cores });
}

/** The index of the first reference made from `stage` or a later stage (references are in stage order). */
function referencesFrom(references: readonly StageReference[], stage: number): number {
  return firstIndex(references.length, (i) => references[i]!.fromStage >= stage);
}

function sameTarget(a: ReferenceTarget, b: ReferenceTarget): boolean {
  return a.kind === b.kind && (a.kind !== 'stage' || a.stage === (b as { stage: number }).stage);
}

/**
 * Stages, references and reachability after an edit that rebuilt the cores of stages `first` to
 * `last` and left every stage name as it was: the other stages and their references are the
 * previous model's (what they resolve to depends only on the names and the global ARGs), and so is
 * reachability when the rebuilt stages point where they did. Returns null when a name changed.
 */
function reassemble(
  previous: DockerfileModel,
  before: StageLayout,
  text: string,
  lineStarts: number[],
  instructions: Instruction[],
  comments: Comment[],
  cores: StageCore[],
  first: number,
  last: number,
): DockerfileModel | null {
  if (cores.length !== previous.stages.length) return null;
  for (let i = first; i <= last; i++) if (cores[i]!.nameLower !== before.cores[i]!.nameLower) return null;
  const stages = previous.stages.slice(0, first);
  const rebuilt: Stage[] = [];
  for (let i = first; i <= last; i++) {
    const stage = stageOf(cores[i]!, i);
    stages.push(stage);
    rebuilt.push(stage);
  }
  for (let i = last + 1; i < previous.stages.length; i++) stages.push(previous.stages[i]!);
  const firstByName = firstStageByName(stages);
  const defaults = collectGlobalArgDefaults(previous.globalArgs);
  for (const stage of rebuilt) resolveBase(stage, firstByName, defaults);

  const from = referencesFrom(previous.references, first);
  const to = referencesFrom(previous.references, last + 1);
  const fresh = collectReferences(rebuilt, cores, firstByName, stages);
  const references = previous.references.slice(0, from);
  for (const ref of fresh) references.push(ref);
  for (let i = to; i < previous.references.length; i++) references.push(previous.references[i]!);
  // Reachability follows the edges: unchanged when the rebuilt stages' references and bases lead where they did.
  let same = fresh.length === to - from;
  for (let k = 0; same && k < fresh.length; k++) {
    const a = fresh[k]!;
    const b = previous.references[from + k]!;
    same = a.fromStage === b.fromStage && sameTarget(a.target, b.target);
  }
  for (let i = first; same && i <= last; i++) {
    const a = stages[i]!.base;
    const b = previous.stages[i]!.base;
    same = a.kind === b.kind && (a.kind !== 'stage' || a.stage === (b as { stage: number }).stage);
  }
  const finalStage = stages.length - 1;
  return {
    text,
    lineStarts,
    directives: previous.directives,
    escapeChar: previous.escapeChar,
    frontend: previous.frontend,
    globalArgs: previous.globalArgs,
    instructions,
    stages,
    references,
    comments,
    finalStage,
    reachable: same ? previous.reachable : computeReachable(stages, references, finalStage),
    skipped: null,
  };
}
