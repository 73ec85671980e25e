import type { DockerfileModel, Flag, Instruction, Range, Stage, StageReference } from '../../model';
import { stageChainOf } from '../types';
import { firstIndex } from '../../util/search';

/**
 * The stage and the stages it is built on, base first: for `FROM a AS b` and `FROM b AS c`, the
 * chain of c is [a, b, c]. A cycle (which BuildKit rejects) ends the chain.
 */
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

/** The stage the chain starts from: its base is an image, scratch or a variable. */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  return stageChain(model, stage)[0]!;
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
