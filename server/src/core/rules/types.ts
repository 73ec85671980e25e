import type { AnalysisSettings } from '../analyze';
import type { DockerfileModel, Range } from '../model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export interface RuleDocs {
  /** What the rule flags, one or two sentences. */
  what: string;
  /** Why it matters. */
  why: string;
  /** A Dockerfile that triggers exactly this rule. */
  example: string;
  /** The same Dockerfile fixed: no finding of any rule. */
  better: string;
  /** The `.dockerignore` beside both texts, for rules that read it. */
  dockerignore?: string;
}

export interface RuleMeta {
  /** Stable kebab-case id named after what the rule flags. */
  id: string;
  severity: Severity;
  /** One line summary of the problem. */
  title: string;
  /** Title of the quick fix, where the rule has one. */
  fixTitle?: string;
  docs: RuleDocs;
  /** Equivalent checks of other tools, whose suppressions also silence this rule. */
  peers?: { buildkit?: string; hadolint?: string[] };
  /**
   * The Docker extensions (Docker DX, and vscode-docker through rcjsuen's dockerfile-utils) already
   * report this problem; the rule is hidden when one of them is installed and the user lets us.
   */
  reportedByDockerExtension?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Editor hints: fade the range (`unnecessary`) or strike it (`deprecated`). */
  tags?: ('unnecessary' | 'deprecated')[];
  /** Plain data a quick fix needs, e.g. the suggested stage name. */
  data?: Record<string, unknown>;
}

export interface Report {
  range: Range;
  message: string;
  /** A lower severity than the rule's default for a weaker variant of the finding. */
  severity?: Severity;
  tags?: Finding['tags'];
  data?: Record<string, unknown>;
}

export interface RuleContext {
  model: DockerfileModel;
  /** The settings of this analysis, e.g. the `.dockerignore` text. */
  settings: AnalysisSettings;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export { stageLabel } from '../model/labels';
