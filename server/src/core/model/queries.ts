/**
 * Questions about a model that rules, navigation, hovers and the split all ask: the stages a stage is
 * built on, the stages of the final image, the references made by or to a stage, and what a FROM line
 * declares. Plain functions of the model, computed when asked (nothing is remembered here).
 */
import { firstIndex } from './binary-search';
import { unquote } from '../syntax/words';
import type { DockerfileModel, Flag, Instruction, Range, Stage, StageReference, Token } from './types';

/**
 * The stage and the stages it is built on, base first: for `FROM a AS b` and `FROM b AS c`, the
 * chain of c is [a, b, c]. A cycle (which BuildKit rejects) ends the chain.
 */
export function stageChainOf(stages: readonly Stage[], stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  // Bases come before their stages (the parser resolves a base name to an earlier stage only), so
  // the chain usually ends by itself; the set guards against a model where it would not.
  let seen: Set<number> | null = null;
  let current = stage;
  while (current.base.kind === 'stage') {
    const next = stages[current.base.stage];
    if (!next) break;
    if (seen || next.index >= current.index) {
      seen ??= new Set(chain.map((s) => s.index));
      if (seen.has(next.index)) break;
      seen.add(next.index);
    }
    chain.push(next);
    current = next;
  }
  return chain.reverse();
}

/** The chain of a stage of the model (see `stageChainOf`). */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  return stageChainOf(model.stages, stage);
}

/** The instructions of a stage and of the stages it is built on, in build order (FROMs left out). */
export function inheritedInstructions(model: DockerfileModel, stage: Stage): Instruction[] {
  return stageChain(model, stage).flatMap((s) => s.instructions.filter((i) => i.keyword !== 'FROM'));
}

/** The final stage and the stages it is built on: what ends up in the default image. */
export function finalImageStages(model: DockerfileModel): Stage[] {
  const final = model.stages[model.finalStage];
  return final ? stageChain(model, final) : [];
}

/** The indexes of the final stage and of the stages it is built on: everything in them ships. */
export function finalBaseChain(model: DockerfileModel): Set<number> {
  return new Set(finalImageStages(model).map((s) => s.index));
}

/** A variable in a FROM, `--from` or `from=` value: `$NAME` or `${…}`. */
export const VARIABLE_REFERENCE = /\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A pattern that matches every value a text with variables could expand to, lower-cased
 * (`builder-${TARGETARCH}` matches `builder-amd64`). Text without variables matches itself only.
 */
export function variablePattern(value: string): RegExp {
  const parts = value
    .toLowerCase()
    .split(VARIABLE_REFERENCE)
    .map((p) => p.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/**
 * The earlier stages a FROM with variables and text around them may pick (`FROM builder-${TARGETARCH}`
 * over `builder-amd64` and `builder-arm64`: one per platform), or none when the FROM names no stage
 * that way. A bare variable (`FROM ${BASE}`) picks by its default, which the parser resolves.
 */
export function stagesPickedBy(model: DockerfileModel, stage: Stage): Stage[] {
  const value = stage.baseToken?.value ?? '';
  if (!value.includes('$') || value.replace(VARIABLE_REFERENCE, '').length === 0) return [];
  const pattern = variablePattern(value);
  return model.stages.filter((s) => s.index < stage.index && s.nameLower !== null && pattern.test(s.nameLower));
}

/** The stage the chain starts from: its base is an image, scratch or a variable. */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  return stageChain(model, stage)[0]!;
}

/**
 * The references made by one stage, found by binary search: the model lists references in document
 * order, so by referencing stage (a test checks the order).
 */
export function referencesFromStage(model: DockerfileModel, stageIndex: number): StageReference[] {
  const refs = model.references;
  const lo = firstIndex(refs.length, (i) => refs[i]!.fromStage >= stageIndex);
  const out: StageReference[] = [];
  for (let i = lo; i < refs.length && refs[i]!.fromStage === stageIndex; i++) out.push(refs[i]!);
  return out;
}

/** Every reference that resolves to the stage, in document order. One pass over the references. */
export function referencesTo(model: DockerfileModel, stageIndex: number): StageReference[] {
  const out: StageReference[] = [];
  for (const r of model.references) if (r.target.kind === 'stage' && r.target.stage === stageIndex) out.push(r);
  return out;
}

/**
 * The references that resolve to each stage, indexed by stage, each list in document order: for
 * callers that ask about every stage (one pass instead of one per stage).
 */
export function referencesByStage(model: DockerfileModel): StageReference[][] {
  const byStage: StageReference[][] = model.stages.map(() => []);
  for (const r of model.references) if (r.target.kind === 'stage') byStage[r.target.stage]?.push(r);
  return byStage;
}

/** What a FROM instruction declares about its stage: the same values as the model's Stage fields. */
export interface FromDeclaration {
  name: string | null;
  nameLower: string | null;
  nameRange: Range | null;
  asRange: Range | null;
  platform: Flag | null;
}

/** Reads the stage name, `AS` and `--platform` of a FROM instruction, as the parser does for its Stage. */
export function fromDeclaration(from: Instruction): FromDeclaration {
  const args = from.args;
  const named = args.length >= 3 && args[1]!.value.toUpperCase() === 'AS';
  const name = named ? args[2]!.value : null;
  return {
    name,
    nameLower: name ? name.toLowerCase() : null,
    nameRange: named ? args[2]!.range : null,
    asRange: named ? args[1]!.range : null,
    platform: from.flags.find((f) => f.name.toLowerCase() === 'platform') ?? null,
  };
}

/**
 * Whether a COPY or ADD reads from a stage or an image rather than the build context: it has a
 * `--from` with a value (BuildKit reads an empty `--from=` as no flag at all).
 */
export function copiesFromElsewhere(instruction: Instruction): boolean {
  return instruction.flags.some((f) => f.name.toLowerCase() === 'from' && !!f.value);
}

/** The words of an instruction in JSON (exec) form, `["a", "b"]`, or null when it is not one. */
export function jsonWords(instruction: Instruction): string[] | null {
  if (!instruction.json) return null;
  try {
    const parsed = JSON.parse(instruction.argsText) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

/** The arguments written on the instruction's lines, without the bodies of its heredocs. */
export function argumentTokens(instruction: Instruction): Token[] {
  const heredoc = instruction.heredocs[0];
  if (!heredoc) return instruction.args;
  const bodyLine = heredoc.startRange.end.line;
  return instruction.args.filter((a) => a.range.start.line <= bodyLine);
}

/**
 * The sources and the destination of a COPY or ADD as BuildKit reads them: the JSON form's strings,
 * or the shell form's words with their quotes removed (`COPY . "${APPDIR}"` copies into the folder
 * APPDIR names); null when there are fewer than two.
 */
export function copyArguments(instruction: Instruction): { sources: string[]; destination: string } | null {
  const words = instruction.json ? jsonWords(instruction) : argumentTokens(instruction).map((a) => unquote(a.value));
  if (!words) return null;
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), destination: words[words.length - 1]! };
}
