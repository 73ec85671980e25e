import { splitWords } from './words';

/**
 * The simple commands of a shell script, each as its words: continuations folded, split at `&&`,
 * `||`, `;`, `|` and line breaks; leading `VAR=value` assignments, `sudo`, `env`, `exec` and `set`
 * dropped. An approximation (no subshells or functions) good enough to recognise commands.
 */
export function simpleCommands(script: string, escapeChar = '\\'): string[][] {
  const folded = script.split(`${escapeChar}\r\n`).join(' ').split(`${escapeChar}\n`).join(' ');
  const commands: string[][] = [];
  for (const line of folded.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    for (const part of line.split(/&&|\|\||;|\||\(|\)/)) {
      const words = splitWords(part, escapeChar).map((w) => w.value);
      while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || ['sudo', 'env', 'exec', 'then', 'do', 'else', 'if', 'command', 'time', 'nohup'].includes(words[0]!))) words.shift();
      // `/venv/bin/pip` is pip: compare programs by their file name.
      if (words.length > 0) commands.push([words[0]!.replace(/^.*\//, ''), ...words.slice(1)]);
    }
  }
  return commands;
}
