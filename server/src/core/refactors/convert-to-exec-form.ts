import { splitWords } from '../syntax/words';
import type { ActionProvider } from './types';

/** Characters that give a shell-form command a meaning the exec form would lose. */
const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~#!\n]|\\/;

/** The exec (JSON) form of a simple shell-form command, or null when the shell is needed. */
export function execForm(command: string): string | null {
  if (SHELL_SYNTAX.test(command)) return null;
  const words = splitWords(command);
  if (words.length === 0 || words.some((w) => /[\u0000-\u001f]/.test(w.value))) return null;
  return `[${words.map((w) => JSON.stringify(w.value)).join(', ')}]`;
}

/** Quick fix for json-args-recommended: `CMD node server.js` -> `CMD ["node", "server.js"]`. */
export const convertToExecForm: ActionProvider = {
  id: 'convert-to-exec-form',
  provide({ analysis, findings }) {
    const { model } = analysis;
    return findings
      .filter((f) => f.ruleId === 'json-args-recommended')
      .flatMap((f) => {
        const instruction = model.instructions.find(
          (i) =>
            i.argsRange &&
            i.argsRange.start.line === f.range.start.line &&
            i.argsRange.start.character === f.range.start.character,
        );
        if (!instruction?.argsRange || instruction.argsRange.start.line !== instruction.argsRange.end.line) return [];
        const json = execForm(instruction.argsText);
        if (!json) return [];
        return [
          {
            id: `convert-to-exec-form:${instruction.index}`,
            title: `Convert ${instruction.keyword} to exec form ${json}`,
            kind: 'quickfix' as const,
            isPreferred: true,
            fixes: [f],
            edits: () => [{ range: instruction.argsRange!, newText: json }],
          },
        ];
      });
  },
};
