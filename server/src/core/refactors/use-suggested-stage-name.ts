import type { ActionProvider } from './types';

/** Quick fix for a misspelled `--from`: replace it with the stage name it resembles. */
export const useSuggestedStageName: ActionProvider = {
  id: 'use-suggested-stage-name',
  provide({ findings }) {
    return findings
      .filter((f) => f.ruleId === 'copy-from-undefined-stage' && typeof f.data?.suggestion === 'string')
      .map((f) => {
        const suggestion = f.data!.suggestion as string;
        return {
          id: `use-suggested-stage-name:${f.range.start.line}:${f.range.start.character}`,
          title: `Change to '${suggestion}'`,
          kind: 'quickfix' as const,
          isPreferred: true,
          fixes: [f],
          edits: () => [{ range: f.range, newText: suggestion }],
        };
      });
  },
};
