import { rangeContains } from '../model/text';
import type { DockerfileModel, Position, Range, Stage, StageReference } from '../model/types';

/** What stands at a position, as far as stage navigation is concerned. */
export type StageSite =
  /** The name after `AS`. */
  | { kind: 'declaration'; stage: Stage; range: Range }
  /** A `--from=`, `from=` or `FROM` value (to a stage, an image, a variable or a bad index). */
  | { kind: 'reference'; reference: StageReference; range: Range };

/** The stage declaration or reference under the cursor, or null. */
export function stageSiteAt(model: DockerfileModel, position: Position): StageSite | null {
  for (const stage of model.stages) {
    if (stage.nameRange && rangeContains(stage.nameRange, position)) return { kind: 'declaration', stage, range: stage.nameRange };
  }
  for (const reference of model.references) {
    if (reference.value !== '' && rangeContains(reference.range, position)) return { kind: 'reference', reference, range: reference.range };
  }
  return null;
}

/** The stage a site names, or null when it names none (image, variable, bad index). */
export function stageOfSite(model: DockerfileModel, site: StageSite): Stage | null {
  if (site.kind === 'declaration') return site.stage;
  return site.reference.target.kind === 'stage' ? (model.stages[site.reference.target.stage] ?? null) : null;
}

/** Every reference that resolves to the stage, in document order. */
export function referencesTo(model: DockerfileModel, stageIndex: number): StageReference[] {
  return model.references.filter((r) => r.target.kind === 'stage' && r.target.stage === stageIndex);
}

export { stageLabel } from '../model/labels';

/** The base as written on the FROM line, e.g. `golang:1.22`, `scratch` or `builder`. */
export function baseText(stage: Stage): string {
  return stage.baseToken?.value ?? '';
}

/** The stage the position is in (the last stage whose FROM starts on or before that line), or -1. */
export function stageIndexAtLine(model: DockerfileModel, line: number): number {
  let index = -1;
  for (const stage of model.stages) {
    if (stage.from.range.start.line <= line) index = stage.index;
    else break;
  }
  return index;
}

/**
 * The chain of stages the final image is built on: the final stage, its FROM parent if that is a
 * stage, and so on. Everything in these stages ends up in the final image.
 */
export function finalBaseChain(model: DockerfileModel): Set<number> {
  const chain = new Set<number>();
  let index = model.finalStage;
  while (index >= 0 && !chain.has(index)) {
    chain.add(index);
    const base = model.stages[index]!.base;
    index = base.kind === 'stage' ? base.stage : -1;
  }
  return chain;
}

/** Replaces each line continuation (escape character, optional blanks, line break) with a space. */
export function foldContinuations(text: string, escapeChar: string): string {
  const escape = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return text.replace(new RegExp(`${escape}[ \\t]*\\r?\\n`, 'g'), ' ');
}
