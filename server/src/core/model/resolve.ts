/**
 * Resolution: stages from their instructions, each base and `--from` resolved against the stage names
 * and the global ARG defaults as BuildKit resolves them, and which stages the final one needs.
 */
import { parseImageReference } from './image';
import { otherFrontend } from '../syntax/directives';
import { expand } from '../syntax/variables';
import { unquote } from '../syntax/words';
import type {
  Comment,
  Directive,
  DockerfileModel,
  Instruction,
  Range,
  ReferenceTarget,
  Stage,
  StageBase,
  StageReference,
} from './types';

/** A COPY/ADD `--from` or RUN `--mount=from=` value, before it is resolved against the stage names. */
export interface Site {
  kind: 'copy-from' | 'mount-from';
  instruction: Instruction;
  value: string;
  range: Range;
}

/**
 * What a stage's own instructions say, whatever the other stages are: kept with the pieces of the
 * stage and reused by the next version while they hold the very same instruction objects.
 */
export interface StageCore extends Omit<Stage, 'index' | 'base'> {
  sites: Site[];
}

/** The stage at `index` made of a core; its base is resolved afterwards against all the stages. */
export function stageOf(core: StageCore, index: number): Stage {
  return {
    index,
    name: core.name,
    nameLower: core.nameLower,
    nameRange: core.nameRange,
    asRange: core.asRange,
    from: core.from,
    baseToken: core.baseToken,
    base: { kind: 'scratch' },
    platform: core.platform,
    instructions: core.instructions,
    range: core.range,
  };
}

/** Each stage name (lower-cased) and the first stage that has it, as BuildKit resolves names. */
export function firstStageByName(stages: readonly Stage[]): Map<string, number> {
  const firstByName = new Map<string, number>();
  for (const stage of stages)
    if (stage.nameLower !== null && !firstByName.has(stage.nameLower)) firstByName.set(stage.nameLower, stage.index);
  return firstByName;
}

/** The core of a stage from its instructions, the FROM first. */
export function makeCore(instructions: Instruction[]): StageCore {
  const from = instructions[0]!;
  const args = from.args;
  let name: string | null = null;
  let nameRange: Range | null = null;
  let asRange: Range | null = null;
  if (args.length >= 3 && args[1]!.value.toUpperCase() === 'AS') {
    asRange = args[1]!.range;
    name = args[2]!.value;
    nameRange = args[2]!.range;
  }
  const last = instructions[instructions.length - 1]!;
  const sites: Site[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      for (const flag of instruction.flags) {
        // An empty `--from=` names nothing: BuildKit copies from the build context, as without the flag.
        if (!flag.value || !flag.valueRange || flag.name.toLowerCase() !== 'from') continue;
        sites.push({ kind: 'copy-from', instruction, value: flag.value, range: flag.valueRange });
      }
    } else if (instruction.keyword === 'RUN') {
      for (const flag of instruction.flags) {
        if (flag.name.toLowerCase() !== 'mount') continue;
        for (const option of flag.options) {
          if (!option.value || !option.valueRange || option.name.toLowerCase() !== 'from') continue;
          sites.push({ kind: 'mount-from', instruction, value: option.value, range: option.valueRange });
        }
      }
    }
  }
  return {
    instructions,
    name,
    nameLower: name ? name.toLowerCase() : null,
    nameRange,
    asRange,
    from,
    baseToken: args[0] ?? null,
    platform: from.flags.find((f) => f.name.toLowerCase() === 'platform') ?? null,
    range: last === from ? from.range : { start: from.range.start, end: last.range.end },
    sites,
  };
}

/** Builds stages, references and reachability over converted instructions and their stages' cores. */
export function assemble(
  text: string,
  lineStarts: number[],
  directives: Directive[],
  escapeChar: string,
  instructions: Instruction[],
  comments: Comment[],
  globalArgs: Instruction[],
  cores: StageCore[],
): DockerfileModel {
  const stages: Stage[] = cores.map(stageOf);
  const globalDefaults = collectGlobalArgDefaults(globalArgs);
  const firstByName = firstStageByName(stages);
  for (const stage of stages) resolveBase(stage, firstByName, globalDefaults);
  const references = collectReferences(stages, cores, firstByName);
  const finalStage = stages.length - 1;
  const reachable = computeReachable(stages, references, finalStage);

  return {
    text,
    lineStarts,
    directives,
    escapeChar,
    frontend: otherFrontend(text),
    globalArgs,
    instructions,
    stages,
    references,
    comments,
    finalStage,
    reachable,
    skipped: null,
  };
}

export function collectGlobalArgDefaults(globalArgs: Instruction[]): Map<string, string | null> {
  const defaults = new Map<string, string | null>();
  for (const arg of globalArgs) {
    for (const token of arg.args) {
      const eq = token.value.indexOf('=');
      if (eq < 0) {
        if (!defaults.has(token.value)) defaults.set(token.value, null);
      } else {
        defaults.set(token.value.slice(0, eq), unquote(token.value.slice(eq + 1)));
      }
    }
  }
  return defaults;
}

/**
 * Expands the variables of a FROM value with the global ARG defaults, as BuildKit does when no
 * --build-arg is given. Returns null when a variable has no value.
 */
export function expandWithDefaults(value: string, defaults: Map<string, string | null>): string | null {
  return expand(value, defaults);
}

export function resolveBase(
  stage: Stage,
  firstByName: Map<string, number>,
  defaults: Map<string, string | null>,
): void {
  const token = stage.baseToken;
  if (!token) {
    stage.base = { kind: 'variable', raw: '' };
    return;
  }
  let value = token.value;
  if (value.includes('$')) {
    const expanded = expandWithDefaults(value, defaults);
    if (expanded === null || expanded === '') {
      stage.base = { kind: 'variable', raw: value };
      return;
    }
    value = expanded;
  }
  const lower = value.toLowerCase();
  // The first stage of that name, if it comes before this one.
  const earlier = firstByName.get(lower);
  let base: StageBase;
  if (earlier !== undefined && earlier < stage.index) base = { kind: 'stage', stage: earlier };
  else if (lower === 'scratch') base = { kind: 'scratch' };
  else base = { kind: 'image', image: parseImageReference(value) };
  if (base.kind === 'image') base.image.hasVariable = token.value.includes('$');
  stage.base = base;
}

function resolveTarget(value: string, stages: Stage[], firstByName: Map<string, number>): ReferenceTarget {
  if (value.includes('$')) return { kind: 'variable' };
  if (isDigits(value)) {
    const index = Number(value);
    return index < stages.length ? { kind: 'stage', stage: index } : { kind: 'invalid-index' };
  }
  const stage = firstByName.get(value.toLowerCase());
  return stage !== undefined ? { kind: 'stage', stage } : { kind: 'image' };
}

/** The references made from `stages`, resolved against `all` (by default, the same stages). */
export function collectReferences(
  stages: Stage[],
  cores: StageCore[],
  firstByName: Map<string, number>,
  all: Stage[] = stages,
): StageReference[] {
  const references: StageReference[] = [];
  for (const stage of stages) {
    if (stage.base.kind === 'stage' && stage.baseToken) {
      references.push({
        kind: 'from',
        instruction: stage.from,
        fromStage: stage.index,
        value: stage.baseToken.value,
        range: stage.baseToken.range,
        byIndex: false,
        target: { kind: 'stage', stage: stage.base.stage },
      });
    }
    for (const site of cores[stage.index]!.sites) {
      references.push(
        makeReference(site.kind, site.instruction, stage.index, site.value, site.range, all, firstByName),
      );
    }
  }
  return references;
}

/** Whether a value is a non-empty run of ASCII digits (a stage index). */
function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function makeReference(
  kind: StageReference['kind'],
  instruction: Instruction,
  fromStage: number,
  value: string,
  range: Range,
  stages: Stage[],
  firstByName: Map<string, number>,
): StageReference {
  return {
    kind,
    instruction,
    fromStage,
    value,
    range,
    byIndex: isDigits(value),
    target: resolveTarget(value, stages, firstByName),
  };
}

export function computeReachable(stages: Stage[], references: StageReference[], finalStage: number): boolean[] {
  const reachable = stages.map(() => false);
  if (finalStage < 0) return reachable;
  const edges: number[][] = stages.map(() => []);
  for (const ref of references) {
    if (ref.target.kind === 'stage') edges[ref.fromStage]!.push(ref.target.stage);
  }
  for (const stage of stages) {
    if (stage.base.kind === 'stage' && !edges[stage.index]!.includes(stage.base.stage))
      edges[stage.index]!.push(stage.base.stage);
  }
  const stack = [finalStage];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (reachable[s]) continue;
    reachable[s] = true;
    for (const t of edges[s]!) if (!reachable[t]) stack.push(t);
  }
  return reachable;
}
