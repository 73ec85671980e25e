import { parseDockerfile, type DockerfileModel } from './model';
import { RULES, RULES_BY_ID } from './rules';
import { applySuppressions } from './suppressions';
import { runRuleSet, type RunOptions } from './rules/runner';
import type { Finding, Rule, SeveritySetting } from './rules/types';

export interface AnalysisSettings {
  /** Severity per rule id; rules not listed keep their default. */
  rules?: Record<string, SeveritySetting>;
  /**
   * Skip the rules whose meta says the Docker extensions already report them (set by the server when
   * one of those extensions is installed and the user has not asked to see both).
   */
  hideDockerExtensionRules?: boolean;
  /**
   * The text of the `.dockerignore` that applies to this Dockerfile, or null/absent when there is
   * none or it could not be read. The shells read it; the core never touches the file system.
   */
  dockerignore?: string | null;
  /** The multi-stage split: the runtime family to offer first (`distroless`, `scratch`, `alpine`, `slim`). */
  split?: { preferredRuntime?: string };
}

export interface Analysis {
  model: DockerfileModel;
  findings: Finding[];
  /** The split's plans for this version, by options (facts/split/plan.ts planSplitOnce). */
  splitPlans?: Map<string, unknown>;
}

/**
 * Runs the rules over a parsed model. A rule that throws is reported, never propagated. Findings of
 * instruction- and stage-scoped rules are remembered between versions of a document (see
 * rules/runner.ts); `{ memo: false }` runs every rule's `check` afresh.
 */
export function runRules(model: DockerfileModel, settings: AnalysisSettings = {}, rules: readonly Rule[] = RULES, options: RunOptions = {}): Finding[] {
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
