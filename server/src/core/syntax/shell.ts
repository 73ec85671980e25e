/**
 * Just enough of POSIX shell to read commands out of RUN, CMD and ENTRYPOINT: simple commands with
 * their leading assignments, separated by `&&`, `||`, `;`, `|`, `&`, parentheses and newlines. Quotes
 * are removed, `$VAR` stays as written, `$(...)` and backquote substitutions stay inside the word they
 * belong to. Control flow (`if`, `for`) is read as plain words. This is the one shell splitter of the
 * core: rules, hovers and the split all read commands through it.
 */
export interface SimpleCommand {
  /** `NAME=value` words before the command name (quotes removed). */
  assignments: Record<string, string>;
  /** The command's words, quotes removed, after assignments and prefixes such as `sudo` or `env`. */
  words: string[];
  /** The command as written (continuations folded into spaces), for display. */
  text: string;
}

const OPERATOR_CHARS = new Set(['&', '|', ';', '\n', '(', ')']);

/**
 * Splits a script into simple commands. `escapeChar` is the Dockerfile's escape character: a
 * continuation (`\` then a line break) joins lines. Inside the script, `\` escapes as the shell does.
 */
export function splitCommands(script: string, escapeChar = '\\'): SimpleCommand[] {
  if (escapeChar !== '\\') script = script.split(`${escapeChar}\r\n`).join(' ').split(`${escapeChar}\n`).join(' ');
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let start = -1;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (end: number) => {
    endWord();
    if (words.length > 0) {
      const text = script
        .slice(start, end)
        .replace(/\\\r?\n/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      commands.push(toCommand(words, text));
    }
    words = [];
    start = -1;
  };
  const begin = (i: number) => {
    if (start < 0) start = i;
    inWord = true;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') {
      const next = script[i + 1];
      if (next === '\n') {
        i++;
        continue;
      }
      if (next === '\r' && script[i + 2] === '\n') {
        i += 2;
        continue;
      }
      if (next !== undefined) {
        begin(i);
        word += next;
        i++;
      }
      continue;
    }
    if (c === "'") {
      begin(i);
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end;
      word += script.slice(i + 1, stop);
      i = stop;
      continue;
    }
    if (c === '"') {
      begin(i);
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`\n'.includes(script[j + 1]!)) {
          j++;
          if (script[j] === '\n') continue;
        } else if (script[j] === '$' && script[j + 1] === '(') {
          const close = substitutionEnd(script, j + 2);
          word += script.slice(j, close + 1);
          j = close;
          continue;
        }
        word += script[j]!;
      }
      i = j;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      begin(i);
      const close = substitutionEnd(script, i + 2);
      word += script.slice(i, close + 1);
      i = close;
      continue;
    }
    if (c === '`') {
      begin(i);
      const end = script.indexOf('`', i + 1);
      const stop = end < 0 ? script.length - 1 : end;
      word += script.slice(i, stop + 1);
      i = stop;
      continue;
    }
    if (c === '#' && !inWord) {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end - 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    // `>&2`, `2>&1`: a redirection, not a background operator.
    if (c === '&' && (word.endsWith('>') || word.endsWith('<'))) {
      word += c;
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      endCommand(i);
      continue;
    }
    begin(i);
    word += c;
  }
  endCommand(script.length);
  return commands;
}

/** Index of the `)` closing a `$(` whose body starts at `from` (nesting and quotes followed). */
function substitutionEnd(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      i = end < 0 ? script.length : end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return script.length - 1;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** Words that run the command after them. */
const PREFIX_COMMANDS = new Set([
  'sudo',
  'exec',
  'time',
  'nice',
  'nohup',
  'command',
  'then',
  'do',
  'else',
  'if',
  'elif',
  'while',
  'until',
  '!',
  '{',
]);

function toCommand(all: string[], text: string): SimpleCommand {
  const assignments: Record<string, string> = {};
  let i = 0;
  for (;;) {
    const w = all[i];
    if (w === undefined) break;
    const m = ASSIGNMENT.exec(w);
    if (m) {
      assignments[m[1]!] = m[2]!;
      i++;
      continue;
    }
    if (PREFIX_COMMANDS.has(w)) {
      i++;
      continue;
    }
    if (w === 'env') {
      i++;
      while (all[i]?.startsWith('-')) i++;
      continue;
    }
    break;
  }
  return { assignments, words: all.slice(i), text };
}

/** The program's file name: `/venv/bin/pip` is `pip`. */
export function programName(command: SimpleCommand | readonly string[]): string {
  const words = Array.isArray(command) ? command : (command as SimpleCommand).words;
  const first = (words[0] as string | undefined) ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

/**
 * The simple commands of a script as word lists whose first word is the program's file name, for
 * rules that recognise commands by name.
 */
export function commandWords(script: string, escapeChar = '\\'): string[][] {
  return splitCommands(script, escapeChar)
    .filter((c) => c.words.length > 0)
    .map((c) => [programName(c), ...c.words.slice(1)]);
}
