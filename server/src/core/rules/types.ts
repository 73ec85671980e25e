import type { AnalysisSettings } from '../analyze';
import type { DockerfileModel, Instruction, Range, Stage } from '../model';

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

/** The text of a file, for rules that read the characters of an instruction's lines. */
export interface SourceText {
  text: string;
  lineStarts: number[];
}

/**
 * What an instruction-scoped rule may read: the instruction itself and the file's escape character,
 * the text of the instruction's own lines (and nothing else of `text`), and the settings named by
 * the rule's `settingsKey`.
 */
export interface InstructionContext {
  escapeChar: string;
  source: SourceText;
  settings: AnalysisSettings;
  report(report: Report): void;
}

/**
 * What a stage-scoped rule may read: the stage, the stages it is built on (`chain`, root first, the
 * stage last), the global ARGs, the escape character and the text of those instructions' lines.
 * Not the other stages, nor the references.
 */
export interface StageContext {
  stage: Stage;
  chain: readonly Stage[];
  globalArgs: readonly Instruction[];
  escapeChar: string;
  source: SourceText;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks the whole file: the reference behaviour, also of the scoped forms below. */
  check(context: RuleContext): void;
  /**
   * The same findings one instruction at a time, for rules whose findings depend only on what
   * `InstructionContext` offers. The runner remembers them per instruction object: the parser hands
   * out the same object again only for an instruction whose text and place did not change.
   */
  checkInstruction?(instruction: Instruction, context: InstructionContext): void;
  /** The keywords `checkInstruction` looks at; every instruction when absent. */
  keywords?: readonly string[];
  /** The part of the settings the findings depend on (e.g. the `.dockerignore` text), as a string. */
  settingsKey?(settings: AnalysisSettings): string;
  /**
   * The same findings one stage at a time, for rules whose findings depend only on what
   * `StageContext` offers. Remembered while the stage's chain and the global ARGs are the same
   * instruction objects.
   */
  checkStage?(stage: Stage, context: StageContext): void;
  /**
   * For rules that look at every instruction but report from few (or from a file-wide tally): a
   * summary of one run of instructions (those before the first FROM, or one stage) that depends
   * only on those instructions, remembered like instruction findings. `checkSummaries` reports
   * from the summaries of every run, in document order.
   */
  summarize?(instructions: readonly Instruction[]): unknown;
  /**
   * The rule reports the very same Report object again for the same finding (it remembers them, e.g.
   * per stage object), so the runner may remember the Finding it makes of each.
   */
  remembersReports?: boolean;
  checkSummaries?(summaries: readonly unknown[], context: RuleContext): void;
}

/** The runs of instructions the runner remembers findings by: those before the first FROM, then each stage's. */
export function instructionRuns(model: DockerfileModel): (readonly Instruction[])[] {
  const all = model.instructions;
  let leading = 0;
  while (leading < all.length && all[leading]!.stage < 0) leading++;
  const runs: (readonly Instruction[])[] = leading > 0 ? [all.slice(0, leading)] : [];
  for (const stage of model.stages) runs.push(stage.instructions);
  return runs;
}

/** A rule that reports from per-run summaries: `check` summarizes every run afresh. */
export function summaryRule<S>(
  rule: Omit<Rule, 'check' | 'summarize' | 'checkSummaries'> & {
    summarize(instructions: readonly Instruction[]): S;
    checkSummaries(summaries: readonly S[], context: RuleContext): void;
  },
): Rule {
  return {
    ...rule,
    summarize: rule.summarize,
    checkSummaries: rule.checkSummaries as Rule['checkSummaries'],
    check(context) {
      rule.checkSummaries(instructionRuns(context.model).map((run) => rule.summarize(run)), context);
    },
  };
}

/**
 * A rule checked one instruction at a time: `check` runs `checkInstruction` over every instruction
 * (the reference the memoizing runner is compared with).
 */
export function instructionRule(rule: Omit<Rule, 'check' | 'checkStage'> & Required<Pick<Rule, 'checkInstruction'>>): Rule {
  const keywords = rule.keywords ? new Set(rule.keywords) : null;
  return {
    ...rule,
    check({ model, settings, report }) {
      const context: InstructionContext = { escapeChar: model.escapeChar, source: model, settings, report };
      for (const instruction of model.instructions) {
        if (keywords && !keywords.has(instruction.keyword)) continue;
        rule.checkInstruction(instruction, context);
      }
    },
  };
}

/** A rule checked one stage at a time: `check` runs `checkStage` over every stage. */
export function stageRule(rule: Omit<Rule, 'check' | 'checkInstruction'> & Required<Pick<Rule, 'checkStage'>>): Rule {
  return {
    ...rule,
    check({ model, report }) {
      for (const stage of model.stages) {
        rule.checkStage(stage, { stage, chain: stageChainOf(model.stages, stage), globalArgs: model.globalArgs, escapeChar: model.escapeChar, source: model, report });
      }
    },
  };
}

/**
 * The stage and the stages it is built on, base first: for `FROM a AS b` and `FROM b AS c`, the
 * chain of c is [a, b, c]. A cycle (which BuildKit rejects) ends the chain.
 */
export function stageChainOf(stages: readonly Stage[], stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  // Bases come before their stages (the parser resolves a base name to an earlier stage only), so
  // the chain usually ends by itself; the set guards against a model where it would not.
  let seen: Set<number> | null = null;
  let current = stage;
  while (current.base.kind === 'stage') {
    const next = stages[current.base.stage];
    if (!next) break;
    if (seen || next.index >= current.index) {
      seen ??= new Set(chain.map((s) => s.index));
      if (seen.has(next.index)) break;
      seen.add(next.index);
    }
    chain.push(next);
    current = next;
  }
  return chain.reverse();
}

export { stageLabel } from '../model/labels';
