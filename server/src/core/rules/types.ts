import type { AnalysisSettings, Finding, Severity } from '../analysis-types';
import type { DockerfileModel, Instruction, Range, Stage } from '../model';
import { stageChainOf } from '../model/queries';

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
  /**
   * False for a rule that is off unless the user turns it on (a severity in the settings or the
   * config file, `--rule`/`--enable` on the command line); it then reports at `severity`. Default true.
   */
  enabledByDefault?: boolean;
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
  /** What the rule's `readInstruction` says of an instruction (undefined for a rule without one). */
  read(instruction: Instruction): unknown;
  /**
   * What `compute` returns, remembered by the runner for this rule under `key` (an object the parser
   * hands out again for unchanged text, such as a Stage) while each of `deps` is the very same value
   * (===) it was computed with. For a file rule whose finding depends on a part of the model and a
   * few other things: the rule declares what it depends on, the runner keeps the memo.
   */
  remember<T>(key: object, deps: readonly unknown[], compute: () => T): T;
}

/** The context of a file rule whose `readInstruction` returns a `T`. */
export interface FileContext<T> extends RuleContext {
  read(instruction: Instruction): T;
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
 * stage last), the global ARGs, the escape character, the frontend and the text of those
 * instructions' lines.
 * Not the other stages, nor the references.
 */
export interface StageContext<T = unknown> {
  stage: Stage;
  chain: readonly Stage[];
  globalArgs: readonly Instruction[];
  escapeChar: string;
  /** The file's frontend when it is not BuildKit's own (DockerfileModel.frontend). */
  frontend: string | null;
  source: SourceText;
  /** The analysis settings; a stage rule that reads them declares what it reads in its `settingsKey`. */
  settings: AnalysisSettings;
  report(report: Report): void;
  /** What the rule's `readInstruction` says of an instruction (undefined for a rule without one). */
  read(instruction: Instruction): T;
}

/**
 * How far a rule's findings reach, which tells the runner what it may remember between versions of a
 * document (rules/runner.ts):
 * - `instruction`: one instruction at a time (`checkInstruction`);
 * - `stage`: one stage with the stages it is built on and the global ARGs (`checkStage`);
 * - `summary`: a tally per run of instructions, then one report over the tallies (`summarize`,
 *   `checkSummaries`);
 * - `file`: the whole model (`check` alone), run on every version.
 * The helpers below set it: `instructionRule`, `stageRule`, `summaryRule`, `fileRule`. A rule keeps no
 * state of its own; what is remembered, the runner remembers.
 */
export type RuleScope = 'instruction' | 'stage' | 'summary' | 'file';

export interface Rule {
  meta: RuleMeta;
  /** How far the findings reach; a rule without one is run as `file`. */
  scope?: RuleScope;
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
   * @deprecated Ignored: the runner hands out the previous version's Finding for an equal report on
   * the same range object by itself, so no rule needs to remember its reports.
   */
  remembersReports?: boolean;
  checkSummaries?(summaries: readonly unknown[], context: RuleContext): void;
  /**
   * The rule runs on a file the model could not read (`model.skipped`: binary content); every other
   * rule is skipped there.
   */
  checksSkipped?: boolean;
  /**
   * For file and stage rules that read instructions at some cost (a RUN's shell commands, the names an
   * ENV declares): what one instruction says, a function of the instruction and the escape character
   * alone. `check` and `checkStage` ask for it with `context.read(instruction)`; the runner remembers it
   * per instruction object.
   */
  readInstruction?(instruction: Instruction, escapeChar: string): unknown;
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
    scope: 'summary',
    summarize: rule.summarize,
    checkSummaries: rule.checkSummaries as Rule['checkSummaries'],
    check(context) {
      rule.checkSummaries(
        instructionRuns(context.model).map((run) => rule.summarize(run)),
        context,
      );
    },
  };
}

/**
 * A rule checked one instruction at a time: `check` runs `checkInstruction` over every instruction
 * (the reference the memoizing runner is compared with).
 */
export function instructionRule(
  rule: Omit<Rule, 'check' | 'checkStage'> & Required<Pick<Rule, 'checkInstruction'>>,
): Rule {
  const keywords = rule.keywords ? new Set(rule.keywords) : null;
  return {
    ...rule,
    scope: 'instruction',
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
export function stageRule<T = undefined>(
  rule: Omit<Rule, 'check' | 'checkInstruction' | 'checkStage' | 'readInstruction'> & {
    readInstruction?(instruction: Instruction, escapeChar: string): T;
    checkStage(stage: Stage, context: StageContext<T>): void;
  },
): Rule {
  return {
    ...rule,
    scope: 'stage',
    checkStage: rule.checkStage as Rule['checkStage'],
    check({ model, settings, report, read }) {
      for (const stage of model.stages) {
        const context = {
          stage,
          chain: stageChainOf(model.stages, stage),
          globalArgs: model.globalArgs,
          escapeChar: model.escapeChar,
          frontend: model.frontend,
          source: model,
          settings,
          report,
          read,
        };
        rule.checkStage(stage, context as StageContext<T>);
      }
    },
  };
}

/**
 * A rule that looks at the whole file: `check`, run on every version of a document, with what
 * `readInstruction` (if given) says of each instruction it asks about.
 */
export function fileRule<T = undefined>(
  rule: Omit<
    Rule,
    | 'scope'
    | 'check'
    | 'checkInstruction'
    | 'checkStage'
    | 'summarize'
    | 'checkSummaries'
    | 'remembersReports'
    | 'readInstruction'
  > & {
    readInstruction?(instruction: Instruction, escapeChar: string): T;
    check(context: FileContext<T>): void;
  },
): Rule {
  return { ...rule, scope: 'file' };
}

export { stageLabel } from '../model/labels';
