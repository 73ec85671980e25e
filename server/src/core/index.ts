export * from './model';
export { analyze, analyzeModel, runRules, type Analysis, type AnalysisSettings } from './analyze';
export { RULES, RULES_BY_ID } from './rules';
export type { Finding, Rule, RuleMeta, Severity, SeveritySetting } from './rules/types';
export { codeActions, ACTION_PROVIDERS, type ActionProposal, type ActionProvider, type TextEdit } from './refactors';
export { applyEdits } from './refactors/apply';
export { applySuppressions, buildkitDirectives, collectSuppressions, parseCheckDirective, IGNORE_COMMENT, IGNORE_FILE_COMMENT } from './suppressions';
export { stageGraph, type StageGraph, type GraphNode, type GraphEdge, type GraphEdgeKind } from './graph';
export {
  semanticTokens,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKEN_MODIFIERS,
  type SemanticToken,
  type SemanticTokenType,
  type SemanticTokenModifier,
} from './semantic';
export * from './navigation';
export { hover, type HoverResult } from './hover';
