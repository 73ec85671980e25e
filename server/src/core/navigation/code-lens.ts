import { buildersByStage, builtStages, type BuiltTarget } from '../facts/build-targets';
import type { DockerfileModel, Range } from '../model/types';
import { stageLabel } from '../model/labels';
import { referencesByStage } from '../model/queries';
import { stageReferenceLocations } from './references';

export interface StageLens {
  /** Where the lens stands: the FROM keyword. */
  range: Range;
  title: string;
  stage: number;
  /** Where clicking the lens shows the references from: the stage name, or the FROM keyword. */
  anchor: Range;
  /** The references to show (without the declaration). */
  locations: Range[];
}

/** At most this many builders are named in a lens; the rest are counted. */
const MAX_BUILDERS = 2;

function builtBy(builders: readonly string[]): string {
  const named = builders.slice(0, MAX_BUILDERS).join('; ');
  const more = builders.length - MAX_BUILDERS;
  return `built by ${named}${more > 0 ? ` (and ${more} more)` : ''}`;
}

/**
 * One lens per FROM: "final image", "used by: test, release" (the stages that refer to it), "built
 * by compose.yaml: service api, target dev" (the targets that build it), or "unused — not built for
 * the default target". `targets` are the stages built with `--target` (the analysis settings').
 */
export function codeLenses(model: DockerfileModel, targets?: readonly BuiltTarget[]): StageLens[] {
  const byStage = referencesByStage(model);
  const builders = buildersByStage(model, targets);
  const built = builtStages(model, targets);
  return model.stages.map((stage) => {
    const users: string[] = [];
    const to = byStage[stage.index]!;
    for (const reference of to) {
      const label = stageLabel(model.stages[reference.fromStage]!);
      if (!users.includes(label)) users.push(label);
    }
    const by = builders[stage.index]!;
    const parts: string[] = [];
    if (stage.index === model.finalStage) parts.push('final image');
    if (by.length > 0) parts.push(builtBy(by));
    if (users.length > 0) parts.push(`used by: ${users.join(', ')}`);
    let title = parts.join(' · ');
    if (stage.index !== model.finalStage && !built[stage.index]) {
      if (users.length === 0) title = 'unused — not built for the default target';
      else title += ' — not built for the default target';
    }
    return {
      range: stage.from.keywordRange,
      title,
      stage: stage.index,
      anchor: stage.nameRange ?? stage.from.keywordRange,
      locations: stageReferenceLocations(model, stage.index, false, to).map((l) => l.range),
    };
  });
}
