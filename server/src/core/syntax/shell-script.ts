/**
 * A POSIX shell script read into simple commands that keep where each word stands, with the
 * operator on either side (`&&`, `||`, `;`, `|`, newline...) and how deep in subshells, brace groups
 * and control flow (`if`, `while`, `for`, `case`) each command sits. `shell.ts` answers "which
 * commands run"; this answers "where is it, and what connects it to its neighbours", for rules that
 * point at a word or reason about pipes and the order of commands.
 *
 * Offsets are into the script string. Quotes are removed from `value`; `$(...)`, backquotes and
 * `${...}` stay inside the word as written. Redirections (`>file`, `2>&1`, `< in`) are kept apart
 * from the words.
 */

export type ShellOperator = '&&' | '||' | ';' | '&' | '|' | '|&' | '\n' | ';;';

export interface ScriptWord {
  /** The word with quotes removed. */
  value: string;
  /** The word as written. */
  raw: string;
  start: number;
  end: number;
  /** The word had quotes or escapes, or a substitution: its value is not a plain literal. */
  quoted: boolean;
}

export interface ScriptCommand {
  /** `NAME=value` words before the command name. */
  assignments: ScriptWord[];
  /** The command's words (the program first); control-flow keywords before it are left out. */
  words: ScriptWord[];
  /** The operator before the command, or null at the start of the script. */
  before: ShellOperator | null;
  /** The operator after the command, or null at the end of the script. */
  after: ShellOperator | null;
  /** Subshell `( )` and brace group `{ }` nesting. */
  groupDepth: number;
  /** Nesting in `if`/`while`/`until`/`for`/`case` bodies and conditions. */
  controlDepth: number;
  /** Offsets of the command's text, from its first word to its last (redirections included). */
  start: number;
  end: number;
}

const OPENING_KEYWORDS = new Set(['if', 'while', 'until', 'for', 'case', 'select']);
const CLOSING_KEYWORDS = new Set(['fi', 'done', 'esac']);
const PASS_KEYWORDS = new Set(['then', 'else', 'elif', 'do', '!']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/**
 * Whether the word `keyword` starts at `i` where a command starts: after the start of the text at
 * `from`, a blank after an operator or an opening parenthesis, or a new line.
 */
function keywordAt(script: string, i: number, from: number, keyword: string): boolean {
  if (!script.startsWith(keyword, i)) return false;
  const after = script[i + keyword.length];
  if (after !== undefined && !/[\s;&|()]/.test(after)) return false;
  let k = i - 1;
  while (k >= from && (script[k] === ' ' || script[k] === '\t')) k--;
  return k < from || /[;&|(\n]/.test(script[k]!);
}

/**
 * Index just past the `)` that closes a `(` opened before `from`, quotes and nesting followed. A
 * `case` inside it (`$(case $(uname -m) in x86_64 | amd64) echo amd64 ;; esac)`) ends each pattern
 * with a `)` that closes nothing, up to its `esac`.
 */
function closingParen(script: string, from: number): number {
  let depth = 1;
  // The depths at which a `case` is open.
  const cases: number[] = [];
  for (let i = from; i < script.length; i++) {
    const c = script[i]!;
    if (c === 'c' && keywordAt(script, i, from, 'case')) {
      cases.push(depth);
      i += 3;
    } else if (c === 'e' && cases[cases.length - 1] === depth && keywordAt(script, i, from, 'esac')) {
      cases.pop();
      i += 3;
    } else if (c === '\\') {
      i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      i = end < 0 ? script.length : end;
    } else if (c === '"') {
      i = closingQuote(script, i + 1) - 1;
    } else if (c === '`') {
      const end = script.indexOf('`', i + 1);
      i = end < 0 ? script.length : end;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (cases[cases.length - 1] === depth) continue;
      if (--depth === 0) return i + 1;
    }
  }
  return script.length;
}

/** Index just past the `"` that closes a double-quoted string whose body starts at `from`. */
function closingQuote(script: string, from: number): number {
  for (let i = from; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '$' && script[i + 1] === '(') i = closingParen(script, i + 2) - 1;
    else if (c === '`') {
      const end = script.indexOf('`', i + 1);
      i = end < 0 ? script.length : end;
    }
  }
  return script.length;
}

/** Index just past the `}` of a `${` whose body starts at `from`. */
function closingBrace(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return script.length;
}

interface Token {
  kind: 'word' | 'op' | 'redirect' | 'open' | 'close';
  word?: ScriptWord;
  op?: ShellOperator;
  start: number;
  end: number;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

function isBreak(c: string | undefined): boolean {
  return c === undefined || isBlank(c) || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')';
}

function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      continue;
    }
    const two = script.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '|&' || two === ';;') {
      tokens.push({ kind: 'op', op: two as ShellOperator, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (two === '&>') {
      i = readRedirect(script, i, tokens);
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|') {
      tokens.push({ kind: 'op', op: c as ShellOperator, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '<' || c === '>') {
      i = readRedirect(script, i, tokens);
      continue;
    }
    // A file descriptor number right before a redirection: `2>&1`.
    const fd = /^\d+[<>]/.exec(script.slice(i, i + 4));
    if (fd) {
      i = readRedirect(script, i, tokens);
      continue;
    }
    const word = readWord(script, i);
    tokens.push({ kind: 'word', word, start: word.start, end: word.end });
    i = word.end;
  }
  return tokens;
}

/** A redirection operator with its target word, as one token. */
function readRedirect(script: string, from: number, tokens: Token[]): number {
  let i = from;
  while (/\d/.test(script[i] ?? '')) i++;
  if (script[i] === '&') i++;
  while ('<>&|-'.includes(script[i] ?? 'x') && i < script.length) i++;
  while (isBlank(script[i])) i++;
  const target = i < script.length && !isBreak(script[i]) ? readWord(script, i) : null;
  const end = target ? target.end : i;
  tokens.push({ kind: 'redirect', start: from, end });
  return end;
}

function readWord(script: string, from: number): ScriptWord {
  let value = '';
  let quoted = false;
  let i = from;
  while (i < script.length) {
    const c = script[i]!;
    if (isBreak(c) || c === '<' || c === '>') break;
    if (c === '\\') {
      quoted = true;
      if (script[i + 1] === '\n') {
        i += 2;
        continue;
      }
      value += script[i + 1] ?? '';
      i = Math.min(script.length, i + 2);
      continue;
    }
    if (c === "'") {
      quoted = true;
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end;
      value += script.slice(i + 1, stop);
      i = Math.min(script.length, stop + 1);
      continue;
    }
    if (c === '"') {
      quoted = true;
      const end = closingQuote(script, i + 1);
      value += script.slice(i + 1, end - 1).replace(/\\([$`"\\\n])/g, '$1');
      i = end;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      quoted = true;
      const end = closingParen(script, i + 2);
      value += script.slice(i, end);
      i = end;
      continue;
    }
    if (c === '$' && script[i + 1] === '{') {
      const end = closingBrace(script, i + 2);
      value += script.slice(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      quoted = true;
      const end = script.indexOf('`', i + 1);
      const stop = end < 0 ? script.length : end + 1;
      value += script.slice(i, stop);
      i = stop;
      continue;
    }
    value += c;
    i++;
  }
  return { value, raw: script.slice(from, i), start: from, end: i, quoted };
}

/** Reads a script into its simple commands, in order. Never throws; odd input gives odd words. */
export function readScript(script: string): ScriptCommand[] {
  const tokens = tokenize(script);
  const commands: ScriptCommand[] = [];
  let groupDepth = 0;
  let controlDepth = 0;
  let before: ShellOperator | null = null;
  let current: ScriptCommand | null = null;
  // After `for NAME` or `case WORD`, the words up to `do`/`in` are no command.
  let skipping: 'for' | 'case' | null = null;
  // Inside `case ... in`, a pattern (`amd64|arm64)`) comes first and after each `;;`.
  let caseDepth = 0;
  let inPattern = false;
  const finish = (after: ShellOperator | null) => {
    if (current && (current.words.length > 0 || current.assignments.length > 0)) {
      current.after = after;
      commands.push(current);
    }
    current = null;
  };
  for (const token of tokens) {
    if (inPattern) {
      if (token.kind === 'close') inPattern = false;
      else if (token.kind === 'word' && token.word!.value === 'esac') {
        inPattern = false;
        caseDepth--;
        controlDepth = Math.max(0, controlDepth - 1);
      }
      continue;
    }
    if (token.kind === 'op') {
      finish(token.op!);
      before = token.op!;
      if (token.op === ';;' && caseDepth > 0) inPattern = true;
      continue;
    }
    if (token.kind === 'open') {
      finish(null);
      groupDepth++;
      continue;
    }
    if (token.kind === 'close') {
      finish(null);
      groupDepth = Math.max(0, groupDepth - 1);
      continue;
    }
    if (token.kind === 'redirect') {
      if (current) current.end = token.end;
      continue;
    }
    const word = token.word!;
    if (!current || (current.words.length === 0 && !word.quoted)) {
      // Keywords count only where a command starts.
      const v = word.value;
      if (skipping) {
        if (skipping === 'for' && v === 'do') skipping = null;
        if (skipping === 'case' && v === 'in') {
          skipping = null;
          inPattern = true;
        }
        continue;
      }
      if (!current && v === '{') {
        groupDepth++;
        continue;
      }
      if (!current && v === '}') {
        groupDepth = Math.max(0, groupDepth - 1);
        continue;
      }
      if (OPENING_KEYWORDS.has(v)) {
        controlDepth++;
        if (v === 'for' || v === 'select') skipping = 'for';
        if (v === 'case') {
          skipping = 'case';
          caseDepth++;
        }
        continue;
      }
      if (CLOSING_KEYWORDS.has(v)) {
        if (v === 'esac') caseDepth = Math.max(0, caseDepth - 1);
        controlDepth = Math.max(0, controlDepth - 1);
        continue;
      }
      if (PASS_KEYWORDS.has(v)) continue;
    }
    if (!current) {
      current = {
        assignments: [],
        words: [],
        before,
        after: null,
        groupDepth,
        controlDepth,
        start: word.start,
        end: word.end,
      };
    }
    if (current.words.length === 0 && ASSIGNMENT.test(word.raw)) current.assignments.push(word);
    else current.words.push(word);
    current.end = word.end;
  }
  finish(null);
  return commands;
}

/** Words that run the command after them: `sudo apt-get`, `env X=1 make`, `time make`. */
const PREFIXES = new Set(['sudo', 'exec', 'time', 'nice', 'nohup', 'command', 'builtin']);

/**
 * Where the program's name stands among a command's words, past prefixes such as `sudo -E` and
 * `env -i X=1`; -1 when there is none.
 */
export function programIndex(words: readonly ScriptWord[]): number {
  let i = 0;
  while (i < words.length) {
    const name = words[i]!.value;
    if (name === 'env') {
      i++;
      while (i < words.length && (words[i]!.value.startsWith('-') || ASSIGNMENT.test(words[i]!.value))) i++;
      continue;
    }
    if (PREFIXES.has(name)) {
      i++;
      // sudo's options, some with a value: `sudo -u user`, `sudo -E`.
      while (i < words.length && words[i]!.value.startsWith('-')) {
        const flag = words[i]!.value;
        i += name === 'sudo' && /^-[ugCDhprtT]$/.test(flag) ? 2 : 1;
      }
      continue;
    }
    return i;
  }
  return -1;
}

/** The program's file name: `/usr/bin/apt` is `apt`. */
export function baseProgram(word: ScriptWord | undefined): string {
  const v = word?.value ?? '';
  return v.slice(v.lastIndexOf('/') + 1);
}
