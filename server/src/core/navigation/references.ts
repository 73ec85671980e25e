import { comparePositions } from '../model/text';
import type { DockerfileModel, Position, Range } from '../model/types';
import { referencesTo } from '../model/queries';
import type { StageReference } from '../model/types';
import { stageOfSite, stageSiteAt } from './locate';

export interface ReferenceLocation {
  range: Range;
  /** `declaration` for the name after `AS`, else how the stage is referenced. */
  kind: 'declaration' | 'copy-from' | 'mount-from' | 'from';
}

function byPosition(a: ReferenceLocation, b: ReferenceLocation): number {
  return comparePositions(a.range.start, b.range.start);
}

/**
 * The declaration (when asked for) and every reference of a stage, in document order; `to` is the
 * stage's references when the caller has them already.
 */
export function stageReferenceLocations(
  model: DockerfileModel,
  stageIndex: number,
  includeDeclaration: boolean,
  to: readonly StageReference[] = referencesTo(model, stageIndex),
): ReferenceLocation[] {
  const stage = model.stages[stageIndex];
  if (!stage) return [];
  const out: ReferenceLocation[] = [];
  if (includeDeclaration && stage.nameRange) out.push({ range: stage.nameRange, kind: 'declaration' });
  for (const reference of to) out.push({ range: reference.range, kind: reference.kind });
  return out.sort(byPosition);
}

/** References of the stage named at the position; empty when the position names no stage. */
export function references(
  model: DockerfileModel,
  position: Position,
  includeDeclaration: boolean,
): ReferenceLocation[] {
  const site = stageSiteAt(model, position);
  const stage = site ? stageOfSite(model, site) : null;
  return stage ? stageReferenceLocations(model, stage.index, includeDeclaration) : [];
}

export interface Highlight {
  range: Range;
  /** `write` for the declaration, `read` for the references. */
  kind: 'read' | 'write';
}

/** Every occurrence of the stage under the cursor, the declaration marked as the write. */
export function documentHighlights(model: DockerfileModel, position: Position): Highlight[] {
  return references(model, position, true).map((r) => ({
    range: r.range,
    kind: r.kind === 'declaration' ? 'write' : 'read',
  }));
}
