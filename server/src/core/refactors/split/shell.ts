/**
 * Just enough of POSIX shell to read build commands out of RUN instructions: simple commands with
 * their leading assignments, separated by `&&`, `||`, `;`, `|`, `&` and newlines. Quotes are removed,
 * `$VAR` stays as written. Subshells and control flow are read as plain words.
 */
export interface SimpleCommand {
  /** `NAME=value` words before the command name. */
  assignments: Record<string, string>;
  words: string[];
}

const OPERATOR_CHARS = new Set(['&', '|', ';', '\n', '(', ')']);

export function splitCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(toCommand(words));
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') {
      const next = script[i + 1];
      if (next === '\n') {
        i++;
        continue;
      }
      if (next !== undefined) {
        word += next;
        inWord = true;
        i++;
      }
      continue;
    }
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
      continue;
    }
    if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`'.includes(script[j + 1]!)) j++;
        word += script[j]!;
      }
      i = j;
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
      endCommand();
      continue;
    }
    word += c;
    inWord = true;
  }
  endCommand();
  return commands;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** Words that run the command after them. */
const PREFIX_COMMANDS = new Set(['sudo', 'exec', 'time', 'nice', 'nohup', 'command', 'then', 'do', 'else', '!']);

function toCommand(all: string[]): SimpleCommand {
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
  return { assignments, words: all.slice(i) };
}
