import type { Instruction } from '../model';
import { summaryRule, type Rule } from './types';

export const unterminatedHeredoc: Rule = summaryRule({
  meta: {
    id: 'unterminated-heredoc',
    severity: 'error',
    title: 'Heredoc without its closing delimiter',
    docs: {
      what: 'Flags a heredoc (`RUN <<EOF`, `COPY <<EOF /file`) whose closing delimiter line never comes.',
      why: 'Without the delimiter the heredoc swallows the rest of the file: the following instructions become part of the script, or the build fails.',
      example: 'FROM alpine:3.20\nUSER nobody\nCOPY <<EOF /etc/motd\nWelcome aboard.\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nUSER nobody\nCOPY <<EOF /etc/motd\nWelcome aboard.\nEOF\nCMD ["sh"]\n',
    },
  },
  summarize(instructions): Instruction[] {
    const open: Instruction[] = [];
    for (const instruction of instructions) {
      if (instruction.heredocs.length > 0 && instruction.heredocs.some((h) => !h.endRange)) open.push(instruction);
    }
    return open;
  },
  checkSummaries(runs, { model, report }) {
    let lines: string[] | null = null;
    for (const instruction of runs.flat()) {
      for (const heredoc of instruction.heredocs) {
        if (heredoc.endRange) continue;
        // BuildKit reads the body raw up to a line that is exactly the delimiter (tabs stripped for <<-).
        const from = heredoc.startRange.start.line + 1;
        const dash = /<<-/.test(
          model.text.slice(
            model.lineStarts[heredoc.startRange.start.line],
            model.lineStarts[heredoc.startRange.start.line + 1] ?? model.text.length,
          ),
        );
        lines ??= model.text.split(/\r\n|\r|\n/);
        if (lines.slice(from).some((l) => (dash ? l.replace(/^\t+/, '') : l) === heredoc.name)) continue;
        report({
          range: heredoc.startRange,
          message: `Heredoc '${heredoc.name}' is never closed: add a line '${heredoc.name}' after its content.`,
        });
      }
    }
  },
});
