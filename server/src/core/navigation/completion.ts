import { INSTRUCTION_DOCS, MOUNT_OPTIONS, instructionDoc, referenceLink } from '../knowledge/instructions';
import { offsetAt, positionAt } from '../model/text';
import type { DockerfileModel, Instruction, Position, Range } from '../model/types';
import { baseText, foldContinuations, instructionAtPosition, stageIndexAtLine } from './locate';

export type CompletionKind = 'stage' | 'keyword' | 'flag' | 'option' | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail: string;
  /** Markdown. */
  documentation: string;
  insertText: string;
  /** Orders the list; the label when absent. */
  sortText?: string;
  /** Ask the editor for completions again after inserting (e.g. after `--from=`). */
  retrigger?: boolean;
}

export interface CompletionResult {
  /** What the items replace: the partial word before the cursor. */
  range: Range;
  items: CompletionItem[];
}

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];

function instructionAt(model: DockerfileModel, position: Position): Instruction | null {
  return instructionAtPosition(model, position);
}

function insideHeredocBody(instruction: Instruction, position: Position): boolean {
  return instruction.heredocs.some((h) => {
    const start = h.startRange.end.line + 1;
    const end = h.endRange ? h.endRange.end.line : (h.contentRange?.end.line ?? start - 1);
    return position.line >= start && position.line <= end;
  });
}

/**
 * The text of the current instruction from its start up to the cursor, with line continuations
 * folded into spaces, or the current line up to the cursor when no instruction is there.
 */
function prefixAt(model: DockerfileModel, position: Position, instruction: Instruction | null): string {
  const cursor = offsetAt(model.lineStarts, model.text, position);
  const lineStart = offsetAt(model.lineStarts, model.text, { line: position.line, character: 0 });
  const start = instruction ? offsetAt(model.lineStarts, model.text, instruction.range.start) : lineStart;
  const raw = model.text.slice(start, cursor);
  return foldContinuations(raw, model.escapeChar).replace(/\r?\n/g, ' ');
}

function replaceRange(position: Position, partial: string): Range {
  return { start: { line: position.line, character: Math.max(0, position.character - partial.length) }, end: position };
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

/** Stages defined before the current one: the only ones a reference can use without a forward reference. */
function stageItems(model: DockerfileModel, position: Position, allowIndex: boolean): CompletionItem[] {
  const current = stageIndexAtLine(model, position.line);
  const limit = current < 0 ? model.stages.length : current;
  const items: CompletionItem[] = [];
  for (const stage of model.stages.slice(0, limit)) {
    const where = `Stage ${stage.index}, line ${stage.from.range.start.line + 1}: \`FROM ${baseText(stage)}\``;
    if (stage.name && !stage.name.includes('$')) {
      items.push({
        label: stage.name,
        kind: 'stage',
        detail: baseText(stage),
        documentation: where,
        insertText: stage.name,
        sortText: `0-${pad(stage.index)}`,
      });
    } else if (allowIndex) {
      items.push({
        label: String(stage.index),
        kind: 'stage',
        detail: baseText(stage),
        documentation: `${where}\n\nThis stage has no name; name it with \`AS <name>\` to refer to it by name.`,
        insertText: String(stage.index),
        sortText: `1-${pad(stage.index)}`,
      });
    }
  }
  return items;
}

function keywordItems(exclude: ReadonlySet<string> = new Set()): CompletionItem[] {
  return INSTRUCTION_DOCS.filter((d) => !exclude.has(d.keyword)).map((d) => ({
    label: d.keyword,
    kind: 'keyword' as const,
    detail: d.syntax.split('\n')[0]!,
    documentation: `${d.summary}\n\n[Dockerfile reference](${referenceLink(d.anchor)})`,
    insertText: `${d.keyword} `,
  }));
}

function flagItems(keyword: string, written: string[]): CompletionItem[] {
  const doc = instructionDoc(keyword);
  if (!doc) return [];
  return doc.flags
    .filter((f) => f.repeatable || !written.includes(f.name))
    .map((f) => ({
      label: `--${f.name}`,
      kind: 'flag' as const,
      detail: f.value ? `--${f.name}=${f.value}` : `--${f.name}`,
      documentation: `${f.summary}\n\n[Dockerfile reference](${referenceLink(f.anchor)})`,
      insertText: f.value ? `--${f.name}=` : `--${f.name}`,
      retrigger: f.name === 'from' || f.name === 'mount',
    }));
}

function mountOptionItems(type: string | null, written: string[]): CompletionItem[] {
  return MOUNT_OPTIONS.filter(
    (o) => !written.includes(o.name) && (type === null || o.types.length === 0 || o.types.includes(type)),
  ).map((o) => ({
    label: o.name,
    kind: 'option' as const,
    detail: `${o.name}=`,
    documentation: o.summary,
    insertText: o.name === 'rw' || o.name === 'readonly' || o.name === 'required' ? o.name : `${o.name}=`,
    retrigger: o.name === 'type' || o.name === 'from',
  }));
}

const FROM_STAGE = /--from=([^\s]*)$/i;
const MOUNT_VALUE = /--mount=([^\s]*)$/i;
const FROM_BASE = /^\s*FROM\s+(?:--\S+\s+)*([^\s-][^\s]*|)$/i;
const FLAG = /^\s*([A-Za-z]+)\s+((?:--\S+\s+)*)(--?[A-Za-z-]*)$/;
const KEYWORD = /^\s*([A-Za-z]*)$/;
const ONBUILD_KEYWORD = /^\s*ONBUILD\s+([A-Za-z]*)$/i;

/**
 * Completions at the position: stage names after `--from=`, in `--mount=...,from=` and as a FROM
 * base (earlier stages only), instruction keywords at the start of an instruction, flags of the
 * current instruction after `--`, and the options of `--mount`.
 */
export function completions(model: DockerfileModel, at: Position): CompletionResult | null {
  if (model.skipped) return null;
  // A position past the end of its line (or of the file) means the end of it.
  const position = positionAt(model.lineStarts, offsetAt(model.lineStarts, model.text, at));
  const instruction = instructionAt(model, position);
  if (instruction && insideHeredocBody(instruction, position)) return null;
  const prefix = prefixAt(model, position, instruction);
  if (/^\s*#/.test(prefix)) return null;

  let m = KEYWORD.exec(prefix);
  if (m) return { range: replaceRange(position, m[1]!), items: keywordItems() };
  m = ONBUILD_KEYWORD.exec(prefix);
  if (m)
    return { range: replaceRange(position, m[1]!), items: keywordItems(new Set(['FROM', 'ONBUILD', 'MAINTAINER'])) };

  const keyword = /^\s*([A-Za-z]+)/.exec(prefix)?.[1]?.toUpperCase() ?? '';
  m = FROM_BASE.exec(prefix);
  if (m && keyword === 'FROM')
    return { range: replaceRange(position, m[1]!), items: stageItems(model, position, false) };

  if (keyword === 'COPY' || keyword === 'ADD') {
    m = FROM_STAGE.exec(prefix);
    if (m) return { range: replaceRange(position, m[1]!), items: stageItems(model, position, true) };
  }

  if (keyword === 'RUN') {
    m = MOUNT_VALUE.exec(prefix);
    if (m) {
      const options = m[1]!.split(',');
      const last = options[options.length - 1]!;
      const eq = last.indexOf('=');
      if (eq < 0) {
        const written = options.slice(0, -1).map((o) => o.split('=')[0]!.toLowerCase());
        const type =
          options.map((o) => /^type=(.*)$/i.exec(o)?.[1]?.toLowerCase()).find((t) => t !== undefined) ?? 'bind';
        return {
          range: replaceRange(position, last),
          items: mountOptionItems(written.includes('type') ? type : null, written),
        };
      }
      const name = last.slice(0, eq).toLowerCase();
      const partial = last.slice(eq + 1);
      if (name === 'from') return { range: replaceRange(position, partial), items: stageItems(model, position, true) };
      if (name === 'type') {
        return {
          range: replaceRange(position, partial),
          items: MOUNT_TYPES.map((t) => ({
            label: t,
            kind: 'value' as const,
            detail: `type=${t}`,
            documentation: MOUNT_OPTIONS[0]!.summary,
            insertText: t,
          })),
        };
      }
      return null;
    }
  }

  m = FLAG.exec(prefix);
  if (m && instructionDoc(m[1]!)) {
    const written = m[2]!
      .split(/\s+/)
      .filter(Boolean)
      .map((f) => f.replace(/^--/, '').split('=')[0]!.toLowerCase());
    const items = flagItems(m[1]!, written);
    return items.length > 0 ? { range: replaceRange(position, m[3]!), items } : null;
  }
  return null;
}
