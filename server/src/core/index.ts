/**
 * The core's public entry: everything the shells (the language server, the CLI) and the tests call.
 * It sits on a floor of its own above the features and re-exports them; nothing in the core imports
 * it, and nothing outside the core imports a deeper module (test/core/imports.test.ts).
 */
export * from './model';
export {
  SEVERITIES,
  INTERNAL_ERROR_RULE_ID,
  type Analysis,
  type AnalysisSettings,
  type Finding,
  type Severity,
  type SeveritySetting,
} from './analysis-types';
export { analyze, analyzeModel, runRules } from './analyze';
export { RULES, RULES_BY_ID } from './rules';
export { closestMatch } from './syntax/closest-match';
export {
  CONFIG_FILE_NAMES,
  configIgnoresPath,
  EMPTY_CONFIG,
  readProjectConfig,
  withProjectConfig,
  type ConfigProblem,
  type ConfigReading,
  type ProjectConfig,
} from './config';
export type { Rule, RuleMeta } from './rules/types';
export { ruleDocMarkdown, rulesIndexMarkdown } from './rules/docs';
export { codeActions, ACTION_PROVIDERS, type ActionProposal, type ActionProvider, type TextEdit } from './refactors';
export { applyEdits } from './refactors/apply';
export {
  applySuppressions,
  buildkitDirectives,
  collectSuppressions,
  parseCheckDirective,
  IGNORE_COMMENT,
  IGNORE_FILE_COMMENT,
} from './suppressions';
export {
  buildFileKind,
  describeTarget,
  readBuildFiles,
  targetsFor,
  argsPassedTo,
  imageRoleOf,
  contextsPassedTo,
  builtImageOf,
  builtImages,
  type BuiltImage,
  type WorkspaceImage,
  type BuildFileKind,
  type BuildFileText,
  type BuildTarget,
  type BuiltTarget,
} from './facts/build-targets';
export { stageGraph, type StageGraph, type GraphNode, type GraphEdge, type GraphEdgeKind } from './stage-graph';
export {
  semanticTokens,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKEN_MODIFIERS,
  type SemanticToken,
  type SemanticTokenType,
  type SemanticTokenModifier,
} from './semantic-tokens';
export * from './navigation';
export { hover, type HoverResult } from './hover';
export { planSplit, planSplitOnce, type PlanResult, type RuntimeChoice, type SplitPlan } from './facts/split/plan';
export { renderSplit } from './refactors/split/render';
export { RUNTIME_FAMILIES } from './knowledge/runtimes';
export * from './verify';
