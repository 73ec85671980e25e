import { DockerfileParser } from 'dockerfile-ast';
import type {
  Instruction as AstInstruction,
  Flag as AstFlag,
  Heredoc as AstHeredoc,
} from 'dockerfile-ast';
import { parseImageReference } from './image';
import { computeLineStarts, looksBinary, offsetAt, positionAt, textOfRange } from './text';
import type {
  Comment,
  Directive,
  DockerfileModel,
  Flag,
  Heredoc,
  Instruction,
  Range,
  ReferenceTarget,
  Stage,
  StageBase,
  StageReference,
  Token,
} from './types';

const JSON_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

function plainRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** The model of a text that could not be analysed (binary input), with nothing in it. */
export function emptyModel(text: string, skipped: string | null): DockerfileModel {
  return {
    text,
    lineStarts: computeLineStarts(text),
    directives: [],
    escapeChar: '\\',
    globalArgs: [],
    instructions: [],
    stages: [],
    references: [],
    comments: [],
    finalStage: -1,
    reachable: [],
    skipped,
  };
}

/**
 * Parses a Dockerfile into its stage model. Never throws: binary input yields an empty model with
 * `skipped` set, and any text yields a model of whatever instructions it contains.
 */
export function parseDockerfile(text: string): DockerfileModel {
  if (looksBinary(text)) return emptyModel(text, 'binary content');
  try {
    return buildModel(text);
  } catch (error) {
    // The parser library failing on some input must not take the editor features down with it.
    return emptyModel(text, `the parser failed on this file (${error instanceof Error ? error.message : String(error)})`);
  }
}

function buildModel(text: string): DockerfileModel {
  const lineStarts = computeLineStarts(text);
  const ast = DockerfileParser.parse(text);

  const directives: Directive[] = ast.getDirectives().map((d) => ({
    name: d.getName(),
    value: d.getValue(),
    range: plainRange(d.getRange()),
    valueRange: plainRange(d.getValueRange()),
  }));
  const comments: Comment[] = ast.getComments().map((c) => ({ text: c.getContent(), range: plainRange(c.getRange()) }));

  const astInstructions = ast.getInstructions();
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  let stageIndex = -1;

  const escapeChar = ast.getEscapeCharacter();
  for (const node of astInstructions) {
    const keyword = node.getKeyword();
    if (keyword === 'FROM') stageIndex++;
    const instruction = convertInstruction(node, instructions.length, stageIndex, text, lineStarts, escapeChar);
    instructions.push(instruction);
    if (stageIndex < 0) {
      if (keyword === 'ARG') globalArgs.push(instruction);
      continue;
    }
    if (keyword === 'FROM') {
      stages.push(createStage(stageIndex, instruction));
    } else {
      const stage = stages[stageIndex]!;
      stage.instructions.push(instruction);
      stage.range = { start: stage.range.start, end: instruction.range.end };
    }
  }

  const globalDefaults = collectGlobalArgDefaults(globalArgs);
  for (const stage of stages) resolveBase(stage, stages, globalDefaults);
  const references = collectReferences(stages);
  const finalStage = stages.length - 1;
  const reachable = computeReachable(stages, references, finalStage);

  return {
    text,
    lineStarts,
    directives,
    escapeChar,
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

function convertFlag(flag: AstFlag): Flag {
  return {
    name: flag.getName(),
    value: flag.getValue(),
    nameRange: plainRange(flag.getNameRange()),
    valueRange: flag.getValueRange() ? plainRange(flag.getValueRange()!) : null,
    range: plainRange(flag.getRange()),
    options: flag.getOptions().map((o) => ({
      name: o.getName(),
      value: o.getValue(),
      nameRange: plainRange(o.getNameRange()),
      valueRange: o.getValueRange() ? plainRange(o.getValueRange()!) : null,
      range: plainRange(o.getRange()),
    })),
  };
}

function convertHeredoc(h: AstHeredoc, text: string, lineStarts: number[]): Heredoc {
  const contentRange = h.getContentRange();
  const endRange = h.getDelimiterRange();
  return {
    name: h.getName(),
    startRange: plainRange(h.getStartRange()),
    contentRange: contentRange ? plainRange(contentRange) : null,
    endRange: endRange ? plainRange(endRange) : null,
    content: contentRange ? textOfRange(text, lineStarts, contentRange) : '',
  };
}

interface WithFlags {
  getFlags(): AstFlag[];
}
interface WithHeredocs {
  getHeredocs(): AstHeredoc[];
}

function convertInstruction(
  node: AstInstruction,
  index: number,
  stage: number,
  text: string,
  lineStarts: number[],
  escapeChar: string,
): Instruction {
  const keyword = node.getKeyword();
  const maybeFlags = node as unknown as Partial<WithFlags>;
  const flags = typeof maybeFlags.getFlags === 'function' ? maybeFlags.getFlags().map(convertFlag) : [];
  const args: Token[] = node.getArguments().map((a) => ({ value: a.getValue(), range: plainRange(a.getRange()) }));
  const maybeHeredocs = node as unknown as Partial<WithHeredocs>;
  let heredocs: Heredoc[] = [];
  if (typeof maybeHeredocs.getHeredocs === 'function') {
    heredocs = maybeHeredocs.getHeredocs().map((h) => convertHeredoc(h, text, lineStarts));
  }
  const first = args[0]?.value ?? '';
  const last = args[args.length - 1]?.value ?? '';
  const json = JSON_FORM_KEYWORDS.has(keyword) && first.startsWith('[') && last.endsWith(']');
  const argsRange = node.getArgumentsRange();
  // Scanned here rather than with the library's getVariables, which resolves every variable (slow)
  // and recurses without end on instructions before the first FROM.
  const scanEnd = heredocs[0]?.contentRange?.start ?? node.getRange().end;
  const variables = argsRange ? scanVariables(text, lineStarts, offsetAt(lineStarts, text, argsRange.start), offsetAt(lineStarts, text, scanEnd), escapeChar) : [];
  return {
    index,
    keyword,
    keywordText: node.getInstruction(),
    keywordRange: plainRange(node.getInstructionRange()),
    range: plainRange(node.getRange()),
    stage,
    flags,
    args,
    argsText: node.getArgumentsContent() ?? '',
    argsRange: argsRange ? plainRange(argsRange) : null,
    json,
    heredocs,
    variables,
  };
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Finds `$NAME` and `${NAME...}` between two offsets, skipping escaped dollars. */
function scanVariables(text: string, lineStarts: number[], start: number, end: number, escapeChar: string): Token[] {
  const tokens: Token[] = [];
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === escapeChar) {
      i++;
      continue;
    }
    if (c !== '$') continue;
    const braced = text[i + 1] === '{';
    NAME.lastIndex = braced ? i + 2 : i + 1;
    const m = NAME.exec(text);
    if (!m) continue;
    let close = NAME.lastIndex;
    if (braced) {
      const brace = text.indexOf('}', close);
      const newline = text.indexOf('\n', close);
      if (brace < 0 || brace >= end || (newline >= 0 && newline < brace)) continue;
      close = brace + 1;
    }
    tokens.push({ value: m[0], range: { start: positionAt(lineStarts, i), end: positionAt(lineStarts, close) } });
    i = close - 1;
  }
  return tokens;
}

function createStage(index: number, from: Instruction): Stage {
  const args = from.args;
  const baseToken = args[0] ?? null;
  let name: string | null = null;
  let nameRange: Range | null = null;
  let asRange: Range | null = null;
  if (args.length >= 3 && args[1]!.value.toUpperCase() === 'AS') {
    asRange = args[1]!.range;
    name = args[2]!.value;
    nameRange = args[2]!.range;
  }
  return {
    index,
    name,
    nameLower: name ? name.toLowerCase() : null,
    nameRange,
    asRange,
    from,
    baseToken,
    base: { kind: 'scratch' },
    platform: from.flags.find((f) => f.name.toLowerCase() === 'platform') ?? null,
    instructions: [from],
    range: from.range,
  };
}

function collectGlobalArgDefaults(globalArgs: Instruction[]): Map<string, string | null> {
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

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands the variables of a FROM value with the global ARG defaults, as BuildKit does when no
 * --build-arg is given. Returns null when a variable has no value.
 */
export function expandWithDefaults(value: string, defaults: Map<string, string | null>): string | null {
  let unresolved = false;
  const out = value.replace(VARIABLE, (_m, braced: string | undefined, modifier: string | undefined, word: string | undefined, plain: string | undefined) => {
    const name = (braced ?? plain)!;
    const current = defaults.get(name);
    const isSet = current !== undefined && current !== null && current !== '';
    if (modifier === ':-' || modifier === '-') return isSet ? current! : (word ?? '');
    if (modifier === ':+' || modifier === '+') return isSet ? (word ?? '') : '';
    if (current === undefined || current === null) {
      unresolved = true;
      return '';
    }
    return current;
  });
  return unresolved ? null : out;
}

function findStageByName(stages: Stage[], lower: string): Stage | undefined {
  return stages.find((s) => s.nameLower === lower);
}

function resolveBase(stage: Stage, stages: Stage[], defaults: Map<string, string | null>): void {
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
  const earlier = findStageByName(stages.slice(0, stage.index), lower);
  let base: StageBase;
  if (earlier) base = { kind: 'stage', stage: earlier.index };
  else if (lower === 'scratch') base = { kind: 'scratch' };
  else base = { kind: 'image', image: parseImageReference(value) };
  if (base.kind === 'image') base.image.hasVariable = token.value.includes('$');
  stage.base = base;
}

function resolveTarget(value: string, stages: Stage[]): ReferenceTarget {
  if (value.includes('$')) return { kind: 'variable' };
  if (/^[0-9]+$/.test(value)) {
    const index = Number(value);
    return index < stages.length ? { kind: 'stage', stage: index } : { kind: 'invalid-index' };
  }
  const stage = findStageByName(stages, value.toLowerCase());
  return stage ? { kind: 'stage', stage: stage.index } : { kind: 'image' };
}

function collectReferences(stages: Stage[]): StageReference[] {
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
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        for (const flag of instruction.flags) {
          if (flag.name.toLowerCase() !== 'from' || flag.value === null || !flag.valueRange) continue;
          references.push(makeReference('copy-from', instruction, stage.index, flag.value, flag.valueRange, stages));
        }
      } else if (instruction.keyword === 'RUN') {
        for (const flag of instruction.flags) {
          if (flag.name.toLowerCase() !== 'mount') continue;
          for (const option of flag.options) {
            if (option.name.toLowerCase() !== 'from' || option.value === null || !option.valueRange) continue;
            references.push(makeReference('mount-from', instruction, stage.index, option.value, option.valueRange, stages));
          }
        }
      }
    }
  }
  return references;
}

function makeReference(
  kind: StageReference['kind'],
  instruction: Instruction,
  fromStage: number,
  value: string,
  range: Range,
  stages: Stage[],
): StageReference {
  return {
    kind,
    instruction,
    fromStage,
    value,
    range,
    byIndex: /^[0-9]+$/.test(value),
    target: resolveTarget(value, stages),
  };
}

function computeReachable(stages: Stage[], references: StageReference[], finalStage: number): boolean[] {
  const reachable = stages.map(() => false);
  if (finalStage < 0) return reachable;
  const edges: number[][] = stages.map(() => []);
  for (const ref of references) {
    if (ref.target.kind === 'stage') edges[ref.fromStage]!.push(ref.target.stage);
  }
  for (const stage of stages) {
    if (stage.base.kind === 'stage' && !edges[stage.index]!.includes(stage.base.stage)) edges[stage.index]!.push(stage.base.stage);
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
