import type { Instruction, Token } from '../../model';

/** The arguments written on the instruction's lines, without the bodies of its heredocs. */
export function argumentTokens(instruction: Instruction): Token[] {
  const heredoc = instruction.heredocs[0];
  if (!heredoc) return instruction.args;
  const bodyLine = heredoc.startRange.end.line;
  return instruction.args.filter((a) => a.range.start.line <= bodyLine);
}
import { jsonWords } from '../../model/queries';
import { unquote } from '../../syntax/words';

/** The sources and the destination of a COPY or ADD, quotes removed; null when there are fewer than two. */
export function copyArguments(instruction: Instruction): { sources: string[]; destination: string } | null {
  const words = instruction.json ? jsonWords(instruction) : argumentTokens(instruction).map((a) => unquote(a.value));
  if (!words) return null;
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), destination: words[words.length - 1]! };
}
