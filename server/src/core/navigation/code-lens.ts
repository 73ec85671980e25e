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

/**
 * One lens per FROM: "final image", "used by: test, release" (the stages that refer to it), or
 * "unused — not built for the default target".
 */
export function codeLenses(model: DockerfileModel): StageLens[] {
  const byStage = referencesByStage(model);
  return model.stages.map((stage) => {
    const users: string[] = [];
    const to = byStage[stage.index]!;
    for (const reference of to) {
      const label = stageLabel(model.stages[reference.fromStage]!);
      if (!users.includes(label)) users.push(label);
    }
    const parts: string[] = [];
    if (stage.index === model.finalStage) parts.push('final image');
    if (users.length > 0) parts.push(`used by: ${users.join(', ')}`);
    let title = parts.join(' · ');
    if (stage.index !== model.finalStage) {
      if (users.length === 0) title = 'unused — not built for the default target';
      else if (!model.reachable[stage.index]) title += ' — not built for the default target';
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
