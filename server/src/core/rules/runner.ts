/**
 * Runs the rules over a model, remembering the findings of the scoped rules between versions of a
 * document.
 *
 * The parser hands out the same Instruction object for a new version only where the text of the
 * instruction and its place (lines, index, stage) did not change. So:
 * - instruction-scoped rules (`checkInstruction`): the findings of a run of instructions (the
 *   instructions before the first FROM, or one stage) are remembered under its first instruction and
 *   reused while the run consists of the very same objects; when it does not, the instructions it
 *   still shares with the remembered run keep their findings, and only the others are checked;
 * - stage-scoped rules (`checkStage`): the findings of a stage are reused while its chain (the stage
 *   and the stages it is built on) and the global ARGs consist of the very same objects;
 * - summary rules (`summarize`): the summary of a run of instructions is remembered like instruction
 *   findings; the rule then reports from the summaries;
 * - file rules run on every version; they are kept linear in the number of stages and references.
 *   Where one of them, or a summary rule, reports what it reported before (an equal report on the very
 *   same range object, which the parser hands out again for what an edit did not touch), the previous
 *   Finding object is handed out again, so that the shells convert each finding once.
 * One pass over the runs serves the three scoped kinds, with one memo lookup per run. The rules keep
 * no state: what is remembered, the runner remembers.
 * Each memo belongs to one configuration: the escape character, the enabled rules with their
 * severities and the settings they read. The result equals a run without memo (a test compares them).
 */
import { INTERNAL_ERROR_RULE_ID, type AnalysisSettings, type Finding, type Severity } from '../analysis-types';
import type { DockerfileModel, Instruction, Range, Stage } from '../model';
import { stageChainOf } from '../model/queries';
import type { InstructionContext, Report, Rule, RuleContext, StageContext } from './types';

interface Enabled {
  rule: Rule;
  configured: Severity | undefined;
}

/** What is remembered of one run of instructions (the instructions before the first FROM, or a stage). */
interface Entry {
  /** The instructions the instruction findings and summaries were computed from, in order. */
  key: readonly Instruction[];
  findings: readonly Finding[];
  /** The findings of each instruction of `key`, in the same order. */
  each: readonly (readonly Finding[])[];
  /** One per summary rule. */
  summaries: readonly unknown[];
  /**
   * Stage scope: what the stage findings were computed from: the global ARGs (as a token that
   * stands for one list of them) and the entries of the stages the stage is built on, root first.
   * An entry stands for its run's very instructions, so the same entries mean the same chain.
   */
  stageDeps: { globals: object; ancestors: readonly Entry[] } | null;
  stageFindings: readonly Finding[];
}

interface Memo {
  /** Keyed by the first instruction of the run. */
  entries: WeakMap<Instruction, Entry>;
  /** The last run over a document, keyed by its global ARG list and by its first stage. */
  states: WeakMap<object, RunState>;
}

/** What the next version of a document needs of a run: its stages and their entries. */
interface RunState {
  stages: readonly Stage[];
  entries: readonly (Entry | null)[];
  baseOf: Int32Array;
  /** The global ARGs, and the token that stands for that list in the entries' stage dependencies. */
  globals: readonly Instruction[];
  token: object;
}

const NONE: readonly Finding[] = [];

/** Memos per configuration; a handful in practice (settings rarely change), bounded anyway. */
const MEMOS = new Map<string, Memo>();
const MAX_MEMOS = 64;

function memoFor(key: string): Memo {
  let memo = MEMOS.get(key);
  if (!memo) {
    if (MEMOS.size >= MAX_MEMOS) MEMOS.clear();
    memo = { entries: new WeakMap(), states: new WeakMap() };
    MEMOS.set(key, memo);
  }
  return memo;
}

/** Forgets every remembered finding (for tests and benchmarks that want a cold run). */
export function clearRuleMemo(): void {
  MEMOS.clear();
  MADE.clear();
  READS.clear();
  REMEMBERED.clear();
}

/** What file rules asked the runner to remember (`context.remember`), per rule id and key object. */
const REMEMBERED = new Map<string, WeakMap<object, { deps: readonly unknown[]; value: unknown }>>();

/** `context.remember` for a rule: remembered per key object while the dependencies are the same, unless `memo` is off. */
function rememberFor(rule: Rule, memo: boolean): RuleContext['remember'] {
  if (!memo) return (_key, _deps, compute) => compute();
  return <T>(key: object, deps: readonly unknown[], compute: () => T): T => {
    let known = REMEMBERED.get(rule.meta.id);
    if (!known) {
      if (REMEMBERED.size >= MAX_MEMOS * 4) REMEMBERED.clear();
      known = new WeakMap();
      REMEMBERED.set(rule.meta.id, known);
    }
    const entry = known.get(key);
    if (entry && entry.deps.length === deps.length && entry.deps.every((d, i) => d === deps[i]))
      return entry.value as T;
    const value = compute();
    known.set(key, { deps: [...deps], value });
    return value;
  };
}

/** What `readInstruction` said of each instruction object, per rule and escape character. */
const READS = new Map<string, WeakMap<Instruction, unknown>>();

const NOTHING_TO_READ = (): undefined => undefined;

/** `context.read` for a rule: its `readInstruction`, remembered per instruction object unless `memo` is off. */
function readerFor(rule: Rule, escapeChar: string, memo: boolean): (instruction: Instruction) => unknown {
  const read = rule.readInstruction;
  if (!read) return NOTHING_TO_READ;
  if (!memo) return (instruction) => read(instruction, escapeChar);
  const key = `${rule.meta.id}\u0000${escapeChar}`;
  let known = READS.get(key);
  if (!known) {
    if (READS.size >= MAX_MEMOS * 4) READS.clear();
    known = new WeakMap();
    READS.set(key, known);
  }
  const remembered = known;
  return (instruction) => {
    let value = remembered.get(instruction);
    if (value === undefined && !remembered.has(instruction)) {
      value = read(instruction, escapeChar);
      remembered.set(instruction, value);
    }
    return value;
  };
}

/**
 * The findings of file and summary rules, per rule id and range object: the previous version's
 * Finding is handed out again for an equal report on the same range.
 */
const MADE = new Map<string, WeakMap<Range, Finding | Finding[]>>();

function findingsOf(rule: Rule): WeakMap<Range, Finding | Finding[]> {
  let made = MADE.get(rule.meta.id);
  if (!made) {
    if (MADE.size >= MAX_MEMOS * 4) MADE.clear();
    made = new WeakMap();
    MADE.set(rule.meta.id, made);
  }
  return made;
}

/** Whether two plain values (a finding's data or tags: strings, numbers, booleans, arrays, plain objects) are equal. */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (!(k in y) || !samePlain(x[k], y[k])) return false;
    count++;
  }
  for (const _ in y) count--;
  return count === 0;
}

/** Whether the finding says what the report would make of it. */
function sameFinding(finding: Finding, enabled: Enabled, report: Report): boolean {
  return (
    finding.message === report.message &&
    finding.severity === (enabled.configured ?? report.severity ?? enabled.rule.meta.severity) &&
    samePlain(finding.tags, report.tags) &&
    samePlain(finding.data, report.data)
  );
}

/** The Finding for a report: the one made for an equal report on the same range before, or a new one. */
function madeFinding(made: WeakMap<Range, Finding | Finding[]>, enabled: Enabled, report: Report): Finding {
  const known = made.get(report.range);
  if (known !== undefined) {
    if (!Array.isArray(known)) {
      if (sameFinding(known, enabled, report)) return known;
    } else {
      for (const f of known) if (sameFinding(f, enabled, report)) return f;
    }
  }
  const finding = toFinding(enabled, report);
  // Several findings may share a range (e.g. two package managers on one RUN); a few are kept per range.
  if (known === undefined) made.set(report.range, finding);
  else made.set(report.range, [finding, ...(Array.isArray(known) ? known.slice(0, 7) : [known])]);
  return finding;
}

function toFinding(enabled: Enabled, report: Report): Finding {
  const finding: Finding = {
    ruleId: enabled.rule.meta.id,
    severity: enabled.configured ?? report.severity ?? enabled.rule.meta.severity,
    message: report.message,
    range: report.range,
  };
  if (report.tags) finding.tags = report.tags;
  if (report.data) finding.data = report.data;
  return finding;
}

function internalError(rule: Rule, error: unknown): Finding {
  return {
    ruleId: INTERNAL_ERROR_RULE_ID,
    severity: 'information',
    message: `Rule ${rule.meta.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    // Rule ids are lower-case ASCII: code-unit order, without starting the locale collator (a few MiB).
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

export interface RunOptions {
  /** Remember and reuse scoped findings (default true); false runs every rule's `check`. */
  memo?: boolean;
}

/** Runs the rules over a parsed model. A rule that throws is reported, never propagated. */
export function runRuleSet(
  model: DockerfileModel,
  settings: AnalysisSettings,
  rules: readonly Rule[],
  options: RunOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  // A file the model could not read (binary content) runs only the rules made to say so.
  const active = model.skipped ? rules.filter((rule) => rule.checksSkipped) : rules;
  const scoped: Scoped = { instruction: [], stage: [], summary: [] };
  const whole: Enabled[] = [];
  for (const rule of active) {
    const configured = settings.rules?.[rule.meta.id];
    if (configured === 'off' || (configured === undefined && rule.meta.enabledByDefault === false)) continue;
    if (settings.hideDockerExtensionRules && rule.meta.reportedByDockerExtension) continue;
    const enabled: Enabled = { rule, configured };
    if (options.memo === false) whole.push(enabled);
    else if (rule.scope === 'instruction' && rule.checkInstruction) scoped.instruction.push(enabled);
    else if (rule.scope === 'stage' && rule.checkStage) scoped.stage.push(enabled);
    else if (rule.scope === 'summary' && rule.summarize && rule.checkSummaries) scoped.summary.push(enabled);
    else whole.push(enabled);
  }
  const failed = new Set<Rule>();
  const fail = (rule: Rule, error: unknown) => {
    if (failed.has(rule)) return;
    failed.add(rule);
    findings.push(internalError(rule, error));
  };
  const context = (enabled: Enabled): RuleContext => {
    const read = readerFor(enabled.rule, model.escapeChar, options.memo !== false);
    const remember = rememberFor(enabled.rule, options.memo !== false);
    if (options.memo === false)
      return { model, settings, read, remember, report: (report) => findings.push(toFinding(enabled, report)) };
    const made = findingsOf(enabled.rule);
    return {
      model,
      settings,
      read,
      remember,
      report: (report) => findings.push(madeFinding(made, enabled, report)),
    };
  };
  for (const enabled of whole) {
    try {
      enabled.rule.check(context(enabled));
    } catch (error) {
      fail(enabled.rule, error);
    }
  }
  if (scoped.instruction.length + scoped.stage.length + scoped.summary.length > 0) {
    const summaries = runScoped(model, settings, scoped, findings, fail);
    scoped.summary.forEach((enabled, i) => {
      try {
        enabled.rule.checkSummaries!(
          summaries.map((s) => s[i]),
          context(enabled),
        );
      } catch (error) {
        fail(enabled.rule, error);
      }
    });
  }
  return findings.sort(compareFindings);
}

interface Scoped {
  instruction: Enabled[];
  stage: Enabled[];
  summary: Enabled[];
}

function configurationKey(model: DockerfileModel, settings: AnalysisSettings, scoped: Scoped): string {
  // Stage findings may depend on the escape character and the frontend: a change of either starts over.
  let key = `${model.escapeChar}\u0000${model.frontend ?? ''}`;
  for (const [scope, rules] of [
    ['i', scoped.instruction],
    ['s', scoped.stage],
    ['u', scoped.summary],
  ] as const) {
    for (const { rule, configured } of rules) {
      key += `\u0000${scope}:${rule.meta.id}:${configured ?? ''}`;
      if (rule.settingsKey) key += `:${rule.settingsKey(settings)}`;
    }
  }
  return key;
}

/** Whether `run` holds exactly the instructions of `key`. */
function sameRun(key: readonly Instruction[], run: readonly Instruction[]): boolean {
  // The parser hands out a stage's instruction list itself again when nothing in the stage changed.
  if (key === run) return true;
  if (key.length !== run.length) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== run[i]) return false;
  return true;
}

/**
 * One pass over the runs of instructions: instruction findings, stage findings and summaries, each
 * reused from the memo where its key still holds. Returns the summaries per run.
 */
function runScoped(
  model: DockerfileModel,
  settings: AnalysisSettings,
  scoped: Scoped,
  out: Finding[],
  fail: (rule: Rule, error: unknown) => void,
): (readonly unknown[])[] {
  const memo = memoFor(configurationKey(model, settings, scoped));
  const instructionRules = scoped.instruction;
  // The instruction rules that look at each keyword, worked out once per keyword seen.
  const byKeyword = new Map<string, Enabled[]>();
  const rulesFor = (keyword: string): Enabled[] => {
    let list = byKeyword.get(keyword);
    if (!list) {
      list = instructionRules.filter((r) => !r.rule.keywords || r.rule.keywords.includes(keyword));
      byKeyword.set(keyword, list);
    }
    return list;
  };
  let sink: Finding[] = [];
  let current: Enabled | null = null;
  const report = (r: Report) => sink.push(toFinding(current!, r));
  // What the stage rules' `readInstruction` says, remembered per instruction.
  const stageReaders = scoped.stage.map((enabled) => readerFor(enabled.rule, model.escapeChar, true));
  let currentReader: (instruction: Instruction) => unknown = NOTHING_TO_READ;
  const read = (instruction: Instruction) => currentReader(instruction);
  const instructionContext: InstructionContext = { escapeChar: model.escapeChar, source: model, settings, report };
  const globals = model.globalArgs;
  const allSummaries: (readonly unknown[])[] = [];

  /** Instruction findings and summaries of a run that changed; instructions it shares with `previous` keep theirs. */
  const compute = (run: readonly Instruction[], previous: Entry | undefined): Entry | null => {
    let known: Map<Instruction, readonly Finding[]> | null = null;
    if (previous && instructionRules.length > 0) {
      known = new Map();
      for (let i = 0; i < previous.key.length; i++) known.set(previous.key[i]!, previous.each[i]!);
    }
    const all: Finding[] = [];
    const each: (readonly Finding[])[] = [];
    let complete = true;
    if (instructionRules.length > 0) {
      for (const instruction of run) {
        const reused = known?.get(instruction);
        if (reused) {
          each.push(reused);
          for (const f of reused) all.push(f);
          continue;
        }
        sink = [];
        for (const enabled of rulesFor(instruction.keyword)) {
          current = enabled;
          try {
            current.rule.checkInstruction!(instruction, instructionContext);
          } catch (error) {
            complete = false;
            fail(current.rule, error);
          }
        }
        each.push(sink.length > 0 ? sink : NONE);
        for (const f of sink) all.push(f);
      }
    }
    const summaries: unknown[] = [];
    for (const enabled of scoped.summary) {
      try {
        summaries.push(enabled.rule.summarize!(run));
      } catch (error) {
        complete = false;
        summaries.push(undefined);
        fail(enabled.rule, error);
      }
    }
    for (const f of all) out.push(f);
    allSummaries.push(summaries);
    if (!complete) return null;
    return { key: run, findings: all.length > 0 ? all : NONE, each, summaries, stageDeps: null, stageFindings: NONE };
  };

  /** The run's instruction findings and summaries; the entry to keep for it (null: do not keep). */
  const visit = (run: readonly Instruction[]): Entry | null => {
    const first = run[0]!;
    const cached = memo.entries.get(first);
    if (cached && sameRun(cached.key, run)) {
      for (const f of cached.findings) out.push(f);
      allSummaries.push(cached.summaries);
      return cached;
    }
    const entry = compute(run, cached);
    if (entry) memo.entries.set(first, entry);
    return entry;
  };

  const all = model.instructions;
  let leading = 0;
  while (leading < all.length && all[leading]!.stage < 0) leading++;
  // The instructions before the first FROM: copied, so the memo does not keep the whole list alive.
  if (leading > 0) visit(all.slice(0, leading));

  // The run of the document's previous version, found through objects the parser carries over
  // (the global ARG list, the first stage); everything taken from it is checked by identity.
  const previous = memo.states.get(globals) ?? (model.stages[0] ? memo.states.get(model.stages[0]) : undefined);
  const token = previous && sameRun(previous.globals, globals) ? previous.token : {};
  const stages = model.stages;
  const count = stages.length;
  /** This pass's entry of each stage (null when its findings could not be kept). */
  const entries: (Entry | null)[] = new Array<Entry | null>(count).fill(null);
  /** Base stage of each stage (-1: none), and whether its chain is the previous version's very stages. */
  const baseOf = new Int32Array(count).fill(-1);
  const sameChainAs = new Uint8Array(count);
  const before = previous?.stages;
  for (let i = 0; i < count; i++) {
    const stage = stages[i]!;
    const kept = before !== undefined && before[i] === stage ? previous!.entries[i] : null;
    if (kept) {
      // The same Stage object: the same instructions and base; its entry holds.
      const base = previous!.baseOf[i]!;
      baseOf[i] = base;
      sameChainAs[i] = base < 0 || (base < i && sameChainAs[base] === 1) ? 1 : 0;
      entries[i] = kept;
      for (const f of kept.findings) out.push(f);
      allSummaries.push(kept.summaries);
      if (scoped.stage.length === 0) continue;
      if (sameChainAs[i] === 1 && kept.stageDeps && kept.stageDeps.globals === token) {
        for (const f of kept.stageFindings) out.push(f);
        continue;
      }
    } else {
      entries[i] = visit(stage.instructions);
      baseOf[i] = stage.base.kind === 'stage' ? stage.base.stage : -1;
      if (scoped.stage.length === 0) continue;
    }
    const entry = entries[i]!;
    const chain = stageChainOf(stages, stage);
    const deps = entry?.stageDeps;
    if (
      deps &&
      deps.globals === token &&
      deps.ancestors.length === chain.length - 1 &&
      deps.ancestors.every((a, k) => a === entries[chain[k]!.index])
    ) {
      for (const f of entry.stageFindings) out.push(f);
      continue;
    }
    sink = [];
    let complete = true;
    const context: StageContext = {
      stage,
      chain,
      globalArgs: globals,
      escapeChar: model.escapeChar,
      frontend: model.frontend,
      source: model,
      settings,
      report,
      read,
    };
    for (let k = 0; k < scoped.stage.length; k++) {
      const enabled = scoped.stage[k]!;
      current = enabled;
      currentReader = stageReaders[k]!;
      try {
        enabled.rule.checkStage!(stage, context);
      } catch (error) {
        complete = false;
        fail(enabled.rule, error);
      }
    }
    for (const f of sink) out.push(f);
    const ancestors = chain.slice(0, -1).map((s) => entries[s.index] ?? null);
    if (entry && complete && ancestors.every((a): a is Entry => a !== null)) {
      entry.stageDeps = { globals: token, ancestors };
      entry.stageFindings = sink.length > 0 ? sink : NONE;
    }
  }
  // For the next version. An entry that could not be kept (null) is computed again there.
  const state: RunState = { stages, entries, baseOf, globals: [...globals], token };
  memo.states.set(globals, state);
  if (stages[0]) memo.states.set(stages[0], state);
  return allSummaries;
}
