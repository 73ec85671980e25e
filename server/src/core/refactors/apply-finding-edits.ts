import type { ActionProvider, TextEdit } from './types';

/**
 * Rules whose finding carries its whole fix (`data.edits`, with `data.title`): edits in more than the
 * finding's own range, such as a SHELL line inserted above a RUN (`pipe-without-pipefail`) or a `cd`
 * moved into a WORKDIR (`cd-instead-of-workdir`). The rule offers them only where they keep what the
 * build does; the provider applies them as they are.
 */
const RULES_WITH_EDITS = new Set(['pipe-without-pipefail', 'cd-instead-of-workdir']);

function isEdit(value: unknown): value is TextEdit {
  const edit = value as Partial<TextEdit> | null;
  return (
    typeof edit === 'object' && edit !== null && typeof edit.newText === 'string' && typeof edit.range === 'object'
  );
}

export const applyFindingEdits: ActionProvider = {
  id: 'apply-finding-edits',
  provide({ findings }) {
    return findings
      .filter(
        (f) =>
          RULES_WITH_EDITS.has(f.ruleId) &&
          typeof f.data?.title === 'string' &&
          Array.isArray(f.data.edits) &&
          f.data.edits.every(isEdit),
      )
      .map((f) => ({
        id: `apply-finding-edits:${f.ruleId}:${f.range.start.line}:${f.range.start.character}`,
        title: f.data!.title as string,
        kind: 'quickfix' as const,
        isPreferred: true,
        fixes: [f],
        edits: () => (f.data!.edits as TextEdit[]).map((e) => ({ range: e.range, newText: e.newText })),
      }));
  },
};
