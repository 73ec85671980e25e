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
 * - the other rules run on every version; they are kept linear in the number of stages and references.
 * Each memo belongs to one configuration: the escape character, the enabled rules with their
 * severities and the settings they read. The result equals a run without memo (a test compares them).
 */
import type { AnalysisSettings } from '../analyze';
import type { DockerfileModel, Instruction, Stage } from '../model';
import { stageChainOf, type Finding, type InstructionContext, type Report, type Rule, type Severity, type StageContext } from './types';

interface Enabled {
  rule: Rule;
  configured: Severity | undefined;
}

interface Block {
  /** The instructions the findings were computed from, in order. */
  key: readonly Instruction[];
  findings: readonly Finding[];
  /** Instruction scope: the findings of each instruction of `key`, in the same order. */
  each?: readonly (readonly Finding[])[];
}

interface Memo {
  /** Keyed by the first instruction of the run (instruction scope) or the stage's FROM (stage scope). */
  blocks: WeakMap<Instruction, Block>;
}

const NONE: readonly Finding[] = [];

/** Memos per configuration; a handful in practice (settings rarely change), bounded anyway. */
const MEMOS = new Map<string, Memo>();
const MAX_MEMOS = 64;

function memoFor(key: string): Memo {
  let memo = MEMOS.get(key);
  if (!memo) {
    if (MEMOS.size >= MAX_MEMOS) MEMOS.clear();
    memo = { blocks: new WeakMap() };
    MEMOS.set(key, memo);
  }
  return memo;
}

/** Forgets every remembered finding (for tests and benchmarks that want a cold run). */
export function clearRuleMemo(): void {
  MEMOS.clear();
}

function toFinding(enabled: Enabled, report: Report): Finding {
  return {
    ruleId: enabled.rule.meta.id,
    severity: enabled.configured ?? report.severity ?? enabled.rule.meta.severity,
    message: report.message,
    range: report.range,
    ...(report.tags ? { tags: report.tags } : {}),
    ...(report.data ? { data: report.data } : {}),
  };
}

function internalError(rule: Rule, error: unknown): Finding {
  return {
    ruleId: 'internal-error',
    severity: 'information',
    message: `Rule ${rule.meta.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.ruleId === b.ruleId ? 0 : a.ruleId.localeCompare(b.ruleId))
  );
}

export interface RunOptions {
  /** Remember and reuse scoped findings (default true); false runs every rule's `check`. */
  memo?: boolean;
}

/** Runs the rules over a parsed model. A rule that throws is reported, never propagated. */
export function runRuleSet(model: DockerfileModel, settings: AnalysisSettings, rules: readonly Rule[], options: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  if (model.skipped) return findings;
  const instructionRules: Enabled[] = [];
  const stageRules: Enabled[] = [];
  const failed = new Set<Rule>();
  const fail = (rule: Rule, error: unknown) => {
    if (failed.has(rule)) return;
    failed.add(rule);
    findings.push(internalError(rule, error));
  };
  for (const rule of rules) {
    const configured = settings.rules?.[rule.meta.id];
    if (configured === 'off') continue;
    if (settings.hideDockerExtensionRules && rule.meta.reportedByDockerExtension) continue;
    const enabled: Enabled = { rule, configured };
    if (options.memo !== false && rule.checkInstruction) {
      instructionRules.push(enabled);
      continue;
    }
    if (options.memo !== false && rule.checkStage) {
      stageRules.push(enabled);
      continue;
    }
    try {
      rule.check({ model, settings, report: (report) => findings.push(toFinding(enabled, report)) });
    } catch (error) {
      fail(rule, error);
    }
  }
  if (instructionRules.length > 0) runInstructionRules(model, settings, instructionRules, findings, fail);
  if (stageRules.length > 0) runStageRules(model, stageRules, findings, fail);
  return findings.sort(compareFindings);
}

function configurationKey(model: DockerfileModel, settings: AnalysisSettings, rules: readonly Enabled[], scope: string): string {
  let key = `${scope}\u0000${model.escapeChar}`;
  for (const { rule, configured } of rules) {
    key += `\u0000${rule.meta.id}:${configured ?? ''}`;
    if (rule.settingsKey) key += `:${rule.settingsKey(settings)}`;
  }
  return key;
}

/** Whether `arr[start, end)` holds exactly the instructions of `key`. */
function sameRun(key: readonly Instruction[], arr: readonly Instruction[], start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== arr[start + i]) return false;
  return true;
}

function runInstructionRules(
  model: DockerfileModel,
  settings: AnalysisSettings,
  rules: readonly Enabled[],
  out: Finding[],
  fail: (rule: Rule, error: unknown) => void,
): void {
  const memo = memoFor(configurationKey(model, settings, rules, 'instruction'));
  const keywords = rules.map((r) => (r.rule.keywords ? new Set(r.rule.keywords) : null));
  let block: Finding[] = [];
  let current: Enabled = rules[0]!;
  const context: InstructionContext = { escapeChar: model.escapeChar, source: model, settings, report: (report) => block.push(toFinding(current, report)) };
  const run = (arr: readonly Instruction[], start: number, end: number) => {
    if (start >= end) return;
    const first = arr[start]!;
    const cached = memo.blocks.get(first);
    if (cached && sameRun(cached.key, arr, start, end)) {
      for (const f of cached.findings) out.push(f);
      return;
    }
    // The run changed: instructions it still shares with the remembered run keep their findings
    // (the parser reuses the unchanged instructions of an edited stage).
    let known: Map<Instruction, readonly Finding[]> | null = null;
    if (cached?.each) {
      known = new Map();
      for (let i = 0; i < cached.key.length; i++) known.set(cached.key[i]!, cached.each[i]!);
    }
    const all: Finding[] = [];
    const each: (readonly Finding[])[] = [];
    let complete = true;
    for (let i = start; i < end; i++) {
      const instruction = arr[i]!;
      const reused = known?.get(instruction);
      if (reused) {
        each.push(reused);
        for (const f of reused) all.push(f);
        continue;
      }
      block = [];
      for (let r = 0; r < rules.length; r++) {
        const set = keywords[r];
        if (set && !set.has(instruction.keyword)) continue;
        current = rules[r]!;
        try {
          current.rule.checkInstruction!(instruction, context);
        } catch (error) {
          complete = false;
          fail(current.rule, error);
        }
      }
      each.push(block.length > 0 ? block : NONE);
      for (const f of block) all.push(f);
    }
    for (const f of all) out.push(f);
    if (complete) {
      const key = start === 0 && end === arr.length ? arr : arr.slice(start, end);
      memo.blocks.set(first, { key, findings: all.length > 0 ? all : NONE, each });
    }
  };
  const all = model.instructions;
  let leading = 0;
  while (leading < all.length && all[leading]!.stage < 0) leading++;
  // The instructions before the first FROM: copied, so the memo does not keep the whole list alive.
  if (leading > 0) run(all.slice(0, leading), 0, leading);
  for (const stage of model.stages) run(stage.instructions, 0, stage.instructions.length);
}

/** Whether the chain's instructions, in order, are exactly `key`. */
function sameChain(key: readonly Instruction[], chain: readonly Stage[], globals: readonly Instruction[]): boolean {
  let k = 0;
  for (const g of globals) if (key[k++] !== g) return false;
  for (const stage of chain) {
    for (const instruction of stage.instructions) if (key[k++] !== instruction) return false;
  }
  return k === key.length;
}

function runStageRules(model: DockerfileModel, rules: readonly Enabled[], out: Finding[], fail: (rule: Rule, error: unknown) => void): void {
  const memo = memoFor(configurationKey(model, {}, rules, 'stage'));
  const globals = model.globalArgs;
  let block: Finding[] = [];
  let current: Enabled = rules[0]!;
  const report = (r: Report) => block.push(toFinding(current, r));
  for (const stage of model.stages) {
    const chain = stageChainOf(model.stages, stage);
    const cached = memo.blocks.get(stage.from);
    if (cached && sameChain(cached.key, chain, globals)) {
      for (const f of cached.findings) out.push(f);
      continue;
    }
    block = [];
    let complete = true;
    const context: StageContext = { stage, chain, globalArgs: globals, escapeChar: model.escapeChar, source: model, report };
    for (const enabled of rules) {
      current = enabled;
      try {
        enabled.rule.checkStage!(stage, context);
      } catch (error) {
        complete = false;
        fail(enabled.rule, error);
      }
    }
    for (const f of block) out.push(f);
    if (complete) {
      const key: Instruction[] = [...globals];
      for (const s of chain) for (const instruction of s.instructions) key.push(instruction);
      memo.blocks.set(stage.from, { key, findings: block.length > 0 ? block : NONE });
    }
  }
}
