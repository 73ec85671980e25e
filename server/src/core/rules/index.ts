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
import { unknownInstruction } from './unknown-instruction';
import { missingFrom } from './missing-from';
import { fromArgumentCount } from './from-argument-count';
import { unknownFlag } from './unknown-flag';
import { duplicateFlag } from './duplicate-flag';
import { unterminatedHeredoc } from './unterminated-heredoc';
import { fromAsCasing } from './from-as-casing';
import { jsonArgsRecommended } from './json-args-recommended';
import { maintainerDeprecated } from './maintainer-deprecated';
import { undefinedArgInFrom } from './undefined-arg-in-from';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { workdirRelativePath } from './workdir-relative-path';
import { undefinedVar } from './undefined-var';
import { multipleInstructionsDisallowed } from './multiple-instructions-disallowed';
import { legacyKeyValueFormat } from './legacy-key-value-format';
import { redundantTargetPlatform } from './redundant-target-platform';
import { fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed';
import { noEmptyContinuation } from './no-empty-continuation';
import { consistentInstructionCasing } from './consistent-instruction-casing';
import { exposeProtoCasing } from './expose-proto-casing';
import { exposeInvalidFormat } from './expose-invalid-format';
import { secretsUsedInArgOrEnv } from './secrets-used-in-arg-or-env';
import { copyIgnoredFile } from './copy-ignored-file';
import { rootUserInFinalImage } from './root-user-in-final-image';
import { packageCacheInFinalImage } from './package-cache-in-final-image';
import { copyWholeContextIntoFinal } from './copy-whole-context-into-final';
import { copyFromStageRoot } from './copy-from-stage-root';
import { copyFromStageIndex } from './copy-from-stage-index';
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
  unknownInstruction,
  missingFrom,
  fromArgumentCount,
  unknownFlag,
  duplicateFlag,
  unterminatedHeredoc,
  fromAsCasing,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  fromPlatformFlagConstDisallowed,
  noEmptyContinuation,
  consistentInstructionCasing,
  exposeProtoCasing,
  exposeInvalidFormat,
  secretsUsedInArgOrEnv,
  copyIgnoredFile,
  rootUserInFinalImage,
  packageCacheInFinalImage,
  copyWholeContextIntoFinal,
  copyFromStageRoot,
  copyFromStageIndex,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export type { Rule, RuleMeta, Finding, Severity, SeveritySetting } from './types';
