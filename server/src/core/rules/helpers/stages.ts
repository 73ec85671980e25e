import type { DockerfileModel, Instruction, Stage } from '../../model';

/**
 * The stage and the stages it is built on, base first: for `FROM a AS b` and `FROM b AS c`, the
 * chain of c is [a, b, c]. A cycle (which BuildKit rejects) ends the chain.
 */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let current: Stage | undefined = stage;
  while (current && !seen.has(current.index)) {
    seen.add(current.index);
    chain.unshift(current);
    current = current.base.kind === 'stage' ? model.stages[current.base.stage] : undefined;
  }
  return chain;
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
