import type { Stage } from './types';

/** How a stage is called in messages, hovers and the outline: its name, or `stage 2` when it has none. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage ${stage.index}`;
}
