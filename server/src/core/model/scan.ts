/**
 * Finds where each instruction starts, and which are FROMs, without building a syntax tree, so that
 * the parser library can be run on a few instructions at a time (its cost grows faster than the
 * file: it checks every comment against every stage) and unchanged pieces reused after an edit.
 *
 * The scan follows the top-level loop of dockerfile-ast's parser step by step (instruction keyword,
 * arguments with line continuations, comment lines inside continuations, heredoc bodies, the escape
 * directive), so an offset it reports is exactly where that parser starts an instruction. Only
 * heredoc names need the library: for the rare instruction that could hold one (a `<<`, or a `<`
 * before the escape character), the instruction alone is parsed to read its arguments as the
 * library does.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction as AstInstruction } from 'dockerfile-ast';

export interface StageScan {
  escapeChar: string;
  /** Where the parser starts reading instructions (after the directives). */
  bodyStart: number;
  /** See Header. */
  headerExtent: number;
  /** Offsets at which each instruction starts, in order, and whether each is a FROM. */
  starts: number[];
  isFrom: boolean[];
}

/** What the leading comment lines say: the escape character and where instructions begin. */
export interface Header {
  escapeChar: string;
  bodyStart: number;
  /**
   * How much of the text the answer depends on: the comment lines and the first character after
   * them. A later version with the same first `extent` characters has the same header.
   */
  extent: number;
}

/** The escape directive and where instructions begin, read from the leading comment lines. */
export function readHeader(text: string): Header {
  // The parser reads directives only from the leading lines that start with `#`.
  let end = 0;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = bom;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '#') break;
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (i < text.length) i++;
    end = i;
    if (i >= text.length) break;
  }
  const extent = i + 1;
  if (end === 0) return { escapeChar: '\\', bodyStart: bom, extent };
  const header = DockerfileParser.parse(text.slice(0, end));
  const directives = header.getDirectives().length;
  if (directives === 0) return { escapeChar: '\\', bodyStart: bom, extent };
  // The parser starts after as many lines as there are directives.
  let offset = 0;
  for (let line = 0; line < directives && offset < text.length; line++) {
    while (offset < text.length && text[offset] !== '\n' && text[offset] !== '\r') offset++;
    if (text[offset] === '\r' && text[offset + 1] === '\n') offset++;
    if (offset < text.length) offset++;
  }
  return { escapeChar: header.getEscapeCharacter(), bodyStart: offset, extent };
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;

class Scanner {
  /** FROM instructions found so far. */
  froms = 0;
  readonly starts: number[] = [];
  readonly isFrom: boolean[] = [];
  private readonly esc: number;

  constructor(
    private readonly text: string,
    private readonly escapeChar: string,
    /** Stop at the first instruction for which this returns true (it is not recorded). */
    private readonly stopAt: ((offset: number, fromsBefore: number) => boolean) | null = null,
  ) {
    this.esc = escapeChar.charCodeAt(0);
  }

  /** Scans from a point where the parser is between instructions; returns where it stopped. */
  run(start: number): number {
    const text = this.text;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR || c === LF) continue;
      if (c === HASH) {
        i = this.comment(i);
        continue;
      }
      if (this.stopAt?.(i, this.froms)) return i;
      i = this.instruction(i);
    }
    return text.length;
  }

  /** The end of a comment line (the line break, or the end of the text). */
  private comment(start: number): number {
    const text = this.text;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) return i;
    }
    return text.length;
  }

  private instruction(start: number): number {
    const text = this.text;
    const esc = this.esc;
    let keyword = text[start]!;
    let escaped = false;
    outer: for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === esc) {
        escaped = true;
        const next = text.charCodeAt(i + 1);
        if (next === CR || next === LF) {
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < text.length; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === LF) {
              i = j;
              continue outer;
            }
            keyword += this.escapeChar;
            i = j - 2;
            continue outer;
          }
          keyword += this.escapeChar;
          break;
        } else {
          keyword += this.escapeChar;
          escaped = false;
        }
        continue;
      }
      if (c === SPACE || c === TAB) {
        if (escaped) {
          for (let j = i + 1; j < text.length; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === LF) {
              i = j;
              continue outer;
            }
            break;
          }
        }
        this.found(start, keyword);
        return this.args(start, keyword, i);
      }
      if (c === CR || c === LF) {
        if (escaped) continue;
        this.found(start, keyword);
        return i;
      }
      if (c === HASH && escaped) continue;
      keyword += text[i];
      escaped = false;
    }
    this.found(start, keyword);
    return text.length;
  }

  private found(start: number, keyword: string): void {
    const from = keyword.length === 4 && keyword.toUpperCase() === 'FROM';
    if (from) this.froms++;
    this.starts.push(start);
    this.isFrom.push(from);
  }

  private args(start: number, keyword: string, offset: number): number {
    const text = this.text;
    const esc = this.esc;
    let escaped = false;
    outer: for (let i = offset + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) {
        if (escaped) continue;
        return this.heredocs(start, keyword, i);
      }
      if (c === esc) {
        const next = text.charCodeAt(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < text.length; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === LF) escaped = true;
            i = j;
            continue outer;
          }
          return text.length;
        }
        continue;
      }
      if (c === HASH) {
        if (escaped) i = this.comment(i);
        continue;
      }
      if (c === SPACE || c === TAB) continue;
      escaped = false;
    }
    return text.length;
  }

  /** Skips the heredoc bodies that follow an instruction ending at `end`, as the parser does. */
  private heredocs(start: number, keyword: string, end: number): number {
    const upper = keyword.toUpperCase();
    if (upper !== 'ADD' && upper !== 'COPY' && upper !== 'RUN' && upper !== 'ONBUILD') return end;
    // An argument can only start with `<<` if the text has a `<` followed by another `<`, or by the
    // escape character (a line continuation can stand between the two).
    if (!this.mayHoldHeredoc(start, end)) return end;
    const names = this.heredocNames(this.text.slice(start, end));
    if (names.names.length === 0) return end;
    let offset = end;
    for (const name of names.names) offset = this.heredocBody(name, offset, names.tabbed);
    return offset;
  }

  private mayHoldHeredoc(start: number, end: number): boolean {
    const text = this.text;
    for (let i = text.indexOf('<', start); i >= 0 && i < end; i = text.indexOf('<', i + 1)) {
      const next = text.charCodeAt(i + 1);
      if (next === 60 || next === this.esc) return true;
    }
    return false;
  }

  private heredocNames(source: string): { names: string[]; tabbed: boolean } {
    const prefix = this.escapeChar === '\\' ? '' : `# escape=${this.escapeChar}\n`;
    let node: AstInstruction | null = DockerfileParser.parse(prefix + source).getInstructions()[0] ?? null;
    if (node && node.getKeyword() === 'ONBUILD') {
      node = (node as unknown as { getTriggerInstruction(): AstInstruction | null }).getTriggerInstruction();
    }
    const names: string[] = [];
    let tabbed = false;
    if (!node) return { names, tabbed };
    const keyword = node.getKeyword();
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return { names, tabbed };
    for (const arg of node.getArguments()) {
      const value = arg.getValue();
      if (value.startsWith('<<') && value.length > 2) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = heredocName(value);
        if (name !== null) names.push(name);
      }
    }
    return { names, tabbed };
  }

  private heredocBody(name: string, offset: number, tabbed: boolean): number {
    const text = this.text;
    let startWord = -1;
    let lineStart = true;
    for (let i = offset; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) lineStart = false;
      else if (c === TAB) {
        if (!tabbed) lineStart = false;
      } else if (c === CR || c === LF) {
        if (startWord !== -1 && i - startWord === name.length && text.startsWith(name, startWord)) return i;
        startWord = -1;
        lineStart = true;
      } else if (lineStart) {
        startWord = i;
        lineStart = false;
      }
    }
    return text.length;
  }
}

/** The heredoc name of an argument such as `<<EOF`, `<<-"EOF"` or `<<'EOF'`, as the parser reads it. */
function heredocName(argument: string): string | null {
  let value = argument.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === '<') return null;
  return value;
}

/** Where the instructions of a Dockerfile start, which are FROMs, and its escape character. */
export function scanStages(text: string): StageScan {
  const { escapeChar, bodyStart, extent } = readHeader(text);
  const scanner = new Scanner(text, escapeChar);
  scanner.run(bodyStart);
  return { escapeChar, bodyStart, headerExtent: extent, starts: scanner.starts, isFrom: scanner.isFrom };
}

/**
 * Scans from `start`, an offset where the parser is between instructions (the start of a line that
 * begins an instruction), until the first instruction for which `stopAt` returns true (given its
 * offset and how many FROMs the scan found before it). Returns the instructions found before it and
 * where it stopped (the text's length when it did not).
 */
export function scanStagesFrom(
  text: string,
  escapeChar: string,
  start: number,
  stopAt: (offset: number, fromsBefore: number) => boolean,
): { starts: number[]; isFrom: boolean[]; stoppedAt: number } {
  const scanner = new Scanner(text, escapeChar, stopAt);
  const stoppedAt = scanner.run(start);
  return { starts: scanner.starts, isFrom: scanner.isFrom, stoppedAt };
}
