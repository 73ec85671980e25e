import type { Analysis, AnalysisSettings, Finding } from './analysis-types';
import { parseDockerfile, type DockerfileModel } from './model';
import { RULES, RULES_BY_ID } from './rules';
import { applySuppressions } from './suppressions';
import { runRuleSet, type RunOptions } from './rules/runner';
import type { Rule } from './rules/types';

/**
 * Runs the rules over a parsed model. A rule that throws is reported, never propagated. Findings of
 * instruction- and stage-scoped rules are remembered between versions of a document (see
 * rules/runner.ts); `{ memo: false }` runs every rule's `check` afresh.
 */
export function runRules(
  model: DockerfileModel,
  settings: AnalysisSettings = {},
  rules: readonly Rule[] = RULES,
  options: RunOptions = {},
): Finding[] {
  return runRuleSet(model, settings, rules, options);
}

/**
 * Parses and checks a Dockerfile; suppression comments and `# check=` directives are applied.
 * `previous`, the model of the same document's previous version, lets the parse reuse the stages
 * an edit did not touch (the result is the same as without it).
 */
export function analyze(text: string, settings: AnalysisSettings = {}, previous?: DockerfileModel | null): Analysis {
  return analyzeModel(parseDockerfile(text, previous), settings);
}

/** Checks a parsed model: the rules, then suppression comments and `# check=` directives. */
export function analyzeModel(model: DockerfileModel, settings: AnalysisSettings = {}): Analysis {
  return { model, findings: applySuppressions(model, runRules(model, settings), RULES_BY_ID) };
}
