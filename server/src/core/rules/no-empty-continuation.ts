import { instructionRule, type Rule } from './types';

export const noEmptyContinuation: Rule = instructionRule({
  meta: {
    id: 'no-empty-continuation',
    severity: 'warning',
    title: 'Empty line inside a continued instruction',
    peers: { buildkit: 'NoEmptyContinuation' },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags an empty line in the middle of an instruction continued with `\\`.',
      why: 'The empty line is silently skipped today, but BuildKit announces it will become an error; it also makes the instruction look like it ended.',
      example: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\nUSER nobody\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  checkInstruction(instruction, { source, report }) {
    const first = instruction.range.start.line;
    let last = instruction.range.end.line;
    if (last === first) return;
    const { text, lineStarts } = source;
    if (instruction.heredocs.length > 0) last = Math.min(last, instruction.heredocs[0]!.startRange.start.line);
    for (let line = first + 1; line <= last; line++) {
      const start = lineStarts[line]!;
      const end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
      if (text.slice(start, end).trim() !== '') continue;
      report({
        range: instruction.keywordRange,
        message: `Empty continuation line (line ${line + 1}): remove it; empty continuation lines will become errors in a future BuildKit release.`,
      });
      break;
    }
  },
});
