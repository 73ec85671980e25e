import type { Instruction } from './types';

/**
 * An instruction's line as BuildKit's parser folds it before it reads the arguments: the lines of the
 * instruction joined, each continuation's escape character (and the blanks after it) removed, comment
 * lines and empty lines inside the continuation dropped, a heredoc's body left out. Then the keyword
 * and the leading `--flags` are cut off: what remains is the text BuildKit splits into arguments.
 */
export function foldedArguments(
  instruction: Instruction,
  source: { text: string; lineStarts: readonly number[] },
  escapeChar: string,
): string {
  const { text, lineStarts } = source;
  const continuation = new RegExp(`(^|[^${escapeRegex(escapeChar)}])${escapeRegex(escapeChar)}[ \\t]*$`);
  const heredocLine = instruction.heredocs.reduce((line, h) => Math.max(line, h.startRange.start.line), -1);
  const last = heredocLine >= 0 ? heredocLine : instruction.range.end.line;
  let folded = '';
  for (let line = instruction.range.start.line; line <= last; line++) {
    const start = lineStarts[line] ?? text.length;
    const end = lineStarts[line + 1] ?? text.length;
    const raw = text.slice(start, end).replace(/\r?\n$|\r$/, '');
    if (line > instruction.range.start.line) {
      const trimmed = raw.trimStart();
      if (trimmed.startsWith('#') || trimmed === '') continue;
    }
    const match = continuation.exec(raw);
    if (!match) {
      folded += raw;
      break;
    }
    folded += raw.slice(0, match.index + match[1]!.length);
  }
  const afterKeyword = folded.trimStart().replace(/^\S+/, '');
  return afterKeyword.replace(/^(\s*--(?:[^\s"']|"[^"]*"|'[^']*')*)*/, '').trim();
}

function escapeRegex(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|`-]/g, '\\$&');
}
