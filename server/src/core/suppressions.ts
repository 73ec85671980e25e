/**
 * Suppression comments, applied to the findings after the rules ran.
 *
 * - `# check=skip=<Names|all>;error=true` — BuildKit's parser directive (top of the file only). Skips the
 *   rules whose BuildKit peer is named (`all`: every rule that has a BuildKit peer); `error=true` turns
 *   the warnings of rules with a BuildKit peer into errors, as the build would fail on them.
 * - `# hadolint ignore=DL3022,DL3024` — the next instruction; `# hadolint global ignore=...` — the file.
 * - `# stagewright-ignore <rule-id>[,<rule-id>...] [-- reason]` — the next instruction.
 * - `# stagewright-ignore-file <rule-id>[,<rule-id>...] [-- reason]` — the whole file.
 *   `all` stands for every rule in both of our comments.
 *
 * "The next instruction" is the first instruction that starts on a later line than the comment; a
 * comment inside an instruction (between continuation lines) suppresses nothing. A finding belongs to
 * the instruction whose lines contain the finding's start.
 */
import type { DockerfileModel, Instruction } from './model';
import type { Finding } from './analysis-types';
import type { Rule } from './rules/types';
import { firstIndex } from './model/binary-search';

export const IGNORE_COMMENT = 'stagewright-ignore';
export const IGNORE_FILE_COMMENT = 'stagewright-ignore-file';

export interface Suppressions {
  /** BuildKit check names from `# check=skip=`, as written (BuildKit matches them exactly). */
  buildkitSkip: Set<string>;
  buildkitSkipAll: boolean;
  /** `# check=error=true`. */
  buildkitError: boolean;
  /** Our rule ids (lower case) suppressed for the file; `all` for every rule. */
  fileIds: Set<string>;
  /** hadolint codes (upper case) suppressed for the file by `# hadolint global ignore=`. */
  fileHadolint: Set<string>;
  /** Per instruction index: our rule ids and hadolint codes suppressed for it. */
  instructions: Map<number, { ids: Set<string>; hadolint: Set<string> }>;
}

/** Splits `a,b c` into its items. */
function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Removes an explanation written after ` -- `. */
function withoutReason(text: string): string {
  const at = text.search(/(^|\s)--(\s|$)/);
  return at >= 0 ? text.slice(0, at) : text;
}

/** Parses the value of BuildKit's `check` directive: `skip=A,B;error=true`. */
export function parseCheckDirective(value: string): { skip: string[]; skipAll: boolean; error: boolean } {
  const result = { skip: [] as string[], skipAll: false, error: false };
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === 'skip') {
      for (const name of val
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (name === 'all') result.skipAll = true;
        else result.skip.push(name);
      }
    } else if (key === 'error') {
      result.error = /^(1|t|true)$/i.test(val);
    }
  }
  return result;
}

/**
 * The instruction that starts first on a line after `line`, unless `line` lies inside an instruction.
 * Binary search: the instructions are ordered and do not overlap.
 */
function nextInstruction(instructions: readonly Instruction[], line: number): Instruction | undefined {
  const lo = firstIndex(instructions.length, (i) => instructions[i]!.range.start.line > line);
  const previous = instructions[lo - 1];
  if (previous && previous.range.end.line >= line) return undefined;
  return instructions[lo];
}

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/**
 * The parser directives as BuildKit reads them: leading lines of the form `# name=value`, ending at
 * the first line that is not one (blank line, comment, instruction) or names an unknown directive.
 * (dockerfile-ast is looser: it also takes `# hadolint global ignore=X` for a directive.)
 */
export function buildkitDirectives(text: string): { name: string; value: string; line: number }[] {
  const out: { name: string; value: string; line: number }[] = [];
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let at = start;
  while (at <= text.length && line < 64) {
    const nl = text.indexOf('\n', at);
    const raw = text
      .slice(at, nl < 0 ? text.length : nl)
      .replace(/\r$/, '')
      .trim();
    const m = DIRECTIVE.exec(raw);
    if (!m || !KNOWN_DIRECTIVES.has(m[1]!.toLowerCase())) break;
    out.push({ name: m[1]!.toLowerCase(), value: m[2]!, line });
    if (nl < 0) break;
    at = nl + 1;
    line++;
  }
  return out;
}

/**
 * Whether a comment text (after `#`, trimmed) can be a suppression: `hadolint ...` or
 * `stagewright-ignore...`, in any case. Most comments are not, and are skipped without a regex.
 */
function maybeSuppression(text: string): boolean {
  const first = text.charCodeAt(0) | 0x20;
  return first === 0x68 /* h */ || first === 0x73 /* s */;
}

/** `hadolint` or `stagewright-ignore` in any case (written out: faster than the `i` flag). */
const SUPPRESSION_WORD =
  /[Hh][Aa][Dd][Oo][Ll][Ii][Nn][Tt]|[Ss][Tt][Aa][Gg][Ee][Ww][Rr][Ii][Gg][Hh][Tt]-[Ii][Gg][Nn][Oo][Rr][Ee]/;

/**
 * The comment lines that can be suppressions: the model's comments, plus the leading lines
 * dockerfile-ast took for directives (BuildKit's real directives never look like a suppression
 * comment, so keeping them is harmless). In line order.
 */
function commentLines(model: DockerfileModel): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  // Without either word anywhere in the text, no comment can be one (a search of the text is
  // cheaper than visiting every comment of a large file).
  if (!SUPPRESSION_WORD.test(model.text)) return lines;
  for (const c of model.comments) {
    const text = c.text.trim();
    if (maybeSuppression(text)) lines.push({ text, line: c.range.start.line });
  }
  for (const directive of model.directives) {
    const line = directive.range.start.line;
    const start = model.lineStarts[line] ?? 0;
    const end = model.lineStarts[line + 1] ?? model.text.length;
    const raw = model.text
      .slice(start, end)
      .replace(/^\uFEFF/, '')
      .trim();
    if (raw.startsWith('#')) {
      const text = raw.slice(1).trim();
      if (maybeSuppression(text)) lines.push({ text, line });
    }
  }
  return lines.sort((a, b) => a.line - b.line);
}
const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*(.*)$/i;

export function collectSuppressions(model: DockerfileModel): Suppressions {
  const result: Suppressions = {
    buildkitSkip: new Set(),
    buildkitSkipAll: false,
    buildkitError: false,
    fileIds: new Set(),
    fileHadolint: new Set(),
    instructions: new Map(),
  };
  for (const directive of buildkitDirectives(model.text)) {
    if (directive.name !== 'check') continue;
    const parsed = parseCheckDirective(directive.value);
    for (const name of parsed.skip) result.buildkitSkip.add(name);
    result.buildkitSkipAll ||= parsed.skipAll;
    result.buildkitError ||= parsed.error;
  }
  const forInstruction = (line: number) => {
    const instruction = nextInstruction(model.instructions, line);
    if (!instruction) return undefined;
    let entry = result.instructions.get(instruction.index);
    if (!entry) {
      entry = { ids: new Set(), hadolint: new Set() };
      result.instructions.set(instruction.index, entry);
    }
    return entry;
  };
  for (const { text, line } of commentLines(model)) {
    const hadolint = HADOLINT.exec(text);
    if (hadolint) {
      const codes = splitList(hadolint[2]!).map((c) => c.toUpperCase());
      const target = hadolint[1] ? result.fileHadolint : forInstruction(line)?.hadolint;
      for (const code of codes) target?.add(code);
      continue;
    }
    const word = /^(\S+)(?:\s+(.*))?$/.exec(text);
    if (!word) continue;
    const keyword = word[1]!.toLowerCase();
    if (keyword !== IGNORE_COMMENT && keyword !== IGNORE_FILE_COMMENT) continue;
    const ids = splitList(withoutReason(word[2] ?? '')).map((id) => id.toLowerCase());
    const target = keyword === IGNORE_FILE_COMMENT ? result.fileIds : forInstruction(line)?.ids;
    for (const id of ids) target?.add(id);
  }
  return result;
}

/** The instruction whose lines contain a line, by binary search over the ordered instructions. */
function instructionAt(instructions: readonly Instruction[], line: number): Instruction | undefined {
  // Instructions are in order and do not overlap: the first that ends at or after the line holds it, if any does.
  const candidate = instructions[firstIndex(instructions.length, (i) => instructions[i]!.range.end.line >= line)];
  return candidate && candidate.range.start.line <= line ? candidate : undefined;
}

function isSuppressed(finding: Finding, rule: Rule | undefined, s: Suppressions, model: DockerfileModel): boolean {
  const buildkit = rule?.meta.peers?.buildkit;
  if (buildkit && (s.buildkitSkipAll || s.buildkitSkip.has(buildkit))) return true;
  const hadolint = rule?.meta.peers?.hadolint ?? [];
  if (s.fileIds.has('all') || s.fileIds.has(finding.ruleId)) return true;
  if (hadolint.some((code) => s.fileHadolint.has(code))) return true;
  if (s.instructions.size === 0) return false;
  const instruction = instructionAt(model.instructions, finding.range.start.line);
  const entry = instruction && s.instructions.get(instruction.index);
  if (!entry) return false;
  return entry.ids.has('all') || entry.ids.has(finding.ruleId) || hadolint.some((code) => entry.hadolint.has(code));
}

/**
 * Drops suppressed findings and applies `# check=error=true`. Pure: returns a new list, never
 * changes the findings it is given.
 */
export function applySuppressions(
  model: DockerfileModel,
  findings: readonly Finding[],
  rulesById: ReadonlyMap<string, Rule>,
): Finding[] {
  const s = collectSuppressions(model);
  const out: Finding[] = [];
  for (const finding of findings) {
    const rule = rulesById.get(finding.ruleId);
    if (isSuppressed(finding, rule, s, model)) continue;
    if (s.buildkitError && finding.severity === 'warning' && rule?.meta.peers?.buildkit) {
      out.push({ ...finding, severity: 'error' });
    } else {
      out.push(finding);
    }
  }
  return out;
}
