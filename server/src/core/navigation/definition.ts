import type { DockerfileModel, Position, Range } from '../model/types';
import { stageOfSite, stageSiteAt } from './locate';

export interface DefinitionResult {
  /** The text the user asked about (the reference value or the declared name). */
  originRange: Range;
  /** The whole stage, from its FROM to its last instruction. */
  targetRange: Range;
  /** The part to select: the name after `AS`, or the FROM keyword of an unnamed stage. */
  targetSelectionRange: Range;
  stage: number;
}

/** Where the stage named at the position is defined, or null when the position names no stage. */
export function definition(model: DockerfileModel, position: Position): DefinitionResult | null {
  const site = stageSiteAt(model, position);
  if (!site) return null;
  const stage = stageOfSite(model, site);
  if (!stage) return null;
  return {
    originRange: site.range,
    targetRange: stage.range,
    targetSelectionRange: stage.nameRange ?? stage.from.keywordRange,
    stage: stage.index,
  };
}
