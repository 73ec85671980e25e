import type { DockerfileModel, Stage } from '../model/types';
import { stageLabel } from '../model/labels';
import { finalBaseChain, referencesTo } from '../model/queries';
import { code } from './markdown';
import { stageHeading } from './stage-reference';

const MAX_USES = 8;

/** One line per use: where and how another stage uses this one. */
function useLine(model: DockerfileModel, stage: Stage, index: number): string[] {
  return referencesTo(model, stage.index).map((reference) => {
    const user = model.stages[reference.fromStage]!;
    const line = reference.range.start.line + 1;
    let how: string;
    if (reference.kind === 'from') how = `${code(`FROM ${reference.value}`)} (built on it)`;
    else if (reference.kind === 'copy-from') how = code(`${reference.instruction.keyword} --from=${reference.value}`);
    else how = code(`RUN --mount=…from=${reference.value}`);
    const self = user.index === index ? ' (itself)' : '';
    return `- ${code(stageLabel(user))}${self}, line ${line}: ${how}`;
  });
}

function status(model: DockerfileModel, stage: Stage, used: boolean): string {
  if (stage.index === model.finalStage) {
    return '**Final image**: `docker build` without `--target` produces this stage.';
  }
  if (finalBaseChain(model).has(stage.index)) {
    return 'Built for the default target, and the final image is built on it: everything in it ships.';
  }
  if (model.reachable[stage.index]) {
    return 'Built for the default target because the final stage needs it; not itself the final image.';
  }
  if (used) return 'Not built for the default target: only stages the final stage does not need use it.';
  return `**Unused**: nothing refers to it and it is not the final stage, so \`docker build\` skips it unless you pass ${code(`--target ${stage.name ?? stage.index}`)}.`;
}

/** The Markdown hover for the name after `AS`. */
export function stageDeclarationHover(model: DockerfileModel, stage: Stage): string {
  const sections = stageHeading(model, stage);
  const uses = useLine(model, stage, stage.index);
  if (uses.length > 0) {
    const shown = uses.slice(0, MAX_USES);
    if (uses.length > MAX_USES) shown.push(`- … and ${uses.length - MAX_USES} more`);
    sections.push(`Used by:\n${shown.join('\n')}`);
  }
  sections.push(status(model, stage, uses.length > 0));
  return sections.join('\n\n');
}
