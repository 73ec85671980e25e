import { comparePositions, rangeContains } from '../model/text';
import type { DockerfileModel, Instruction, Position, Range, Stage, StageReference } from '../model/types';
import { firstIndex } from '../model/binary-search';

/** What stands at a position, as far as stage navigation is concerned. */
export type StageSite =
  /** The name after `AS`. */
  | { kind: 'declaration'; stage: Stage; range: Range }
  /** A `--from=`, `from=` or `FROM` value (to a stage, an image, a variable or a bad index). */
  | { kind: 'reference'; reference: StageReference; range: Range };

/** The last index in [0, count) whose key is at or before the position, by binary search; -1 if none. */
function lastAtOrBefore(count: number, startOf: (i: number) => Position, position: Position): number {
  return firstIndex(count, (i) => comparePositions(startOf(i), position) > 0) - 1;
}

/**
 * The stage declaration or reference under the cursor, or null. Binary searches: stages, and
 * references, are in document order and do not overlap.
 */
export function stageSiteAt(model: DockerfileModel, position: Position): StageSite | null {
  const stages = model.stages;
  const s = lastAtOrBefore(stages.length, (i) => stages[i]!.from.range.start, position);
  const stage = s >= 0 ? stages[s]! : undefined;
  if (stage?.nameRange && rangeContains(stage.nameRange, position))
    return { kind: 'declaration', stage, range: stage.nameRange };
  const references = model.references;
  const r = lastAtOrBefore(references.length, (i) => references[i]!.range.start, position);
  const reference = r >= 0 ? references[r]! : undefined;
  if (reference && reference.value !== '' && rangeContains(reference.range, position))
    return { kind: 'reference', reference, range: reference.range };
  return null;
}

/** The instruction whose range holds the position, by binary search over the ordered instructions. */
export function instructionAtPosition(model: DockerfileModel, position: Position): Instruction | null {
  const instructions = model.instructions;
  const i = lastAtOrBefore(instructions.length, (k) => instructions[k]!.range.start, position);
  const instruction = i >= 0 ? instructions[i]! : undefined;
  return instruction && rangeContains(instruction.range, position) ? instruction : null;
}

/** The stage a site names, or null when it names none (image, variable, bad index). */
export function stageOfSite(model: DockerfileModel, site: StageSite): Stage | null {
  if (site.kind === 'declaration') return site.stage;
  return site.reference.target.kind === 'stage' ? (model.stages[site.reference.target.stage] ?? null) : null;
}

/** The base as written on the FROM line, e.g. `golang:1.22`, `scratch` or `builder`. */
export function baseText(stage: Stage): string {
  return stage.baseToken?.value ?? '';
}

/** The stage the position is in (the last stage whose FROM starts on or before that line), or -1. */
export function stageIndexAtLine(model: DockerfileModel, line: number): number {
  const stages = model.stages;
  const index = firstIndex(stages.length, (i) => stages[i]!.from.range.start.line > line) - 1;
  return index === -1 ? -1 : stages[index]!.index;
}

/** Replaces each line continuation (escape character, optional blanks, line break) with a space. */
export function foldContinuations(text: string, escapeChar: string): string {
  const escaped = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return text.replace(new RegExp(`${escaped}[ \\t]*\\r?\\n`, 'g'), ' ');
}
