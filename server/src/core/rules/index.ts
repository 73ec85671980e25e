import { circularStageReference } from './circular-stage-reference';
import { copyFromUndefinedStage } from './copy-from-undefined-stage';
import { duplicateStageName } from './duplicate-stage-name';
import { forwardStageReference } from './forward-stage-reference';
import { invalidStageName } from './invalid-stage-name';
import { reservedStageName } from './reserved-stage-name';
import { stageIndexOutOfRange } from './stage-index-out-of-range';
import { stageNameCasing } from './stage-name-casing';
import { stageReferenceVariable } from './stage-reference-variable';
import { toolchainInFinalImage } from './toolchain-in-final-image';
import type { Rule } from './types';
import { unreachableStage } from './unreachable-stage';

/** Every rule, in the order their findings are listed for the same position. */
export const RULES: readonly Rule[] = [
  copyFromUndefinedStage,
  stageIndexOutOfRange,
  circularStageReference,
  forwardStageReference,
  stageReferenceVariable,
  duplicateStageName,
  reservedStageName,
  invalidStageName,
  stageNameCasing,
  unreachableStage,
  toolchainInFinalImage,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export type { Rule, RuleMeta, Finding, Severity, SeveritySetting } from './types';
