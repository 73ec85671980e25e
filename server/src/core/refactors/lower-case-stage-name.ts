import type { ActionProvider, TextEdit } from './types';

/** Quick fix for stage-name-casing: lower-case the stage name and every reference to it. */
export const lowerCaseStageName: ActionProvider = {
  id: 'lower-case-stage-name',
  provide({ analysis, findings }) {
    const { model } = analysis;
    return findings
      .filter((f) => f.ruleId === 'stage-name-casing')
      .flatMap((f) => {
        const stage = model.stages.find(
          (s) =>
            s.nameRange &&
            s.nameRange.start.line === f.range.start.line &&
            s.nameRange.start.character === f.range.start.character,
        );
        if (!stage?.nameRange || !stage.nameLower) return [];
        const lower = stage.nameLower;
        return [
          {
            id: `lower-case-stage-name:${stage.index}`,
            title: `Rename stage to '${lower}' (and its references)`,
            kind: 'quickfix' as const,
            isPreferred: true,
            fixes: [f],
            edits: (): TextEdit[] => {
              const edits: TextEdit[] = [{ range: stage.nameRange!, newText: lower }];
              for (const ref of model.references) {
                if (ref.byIndex || ref.target.kind !== 'stage' || ref.target.stage !== stage.index) continue;
                if (ref.value !== lower) edits.push({ range: ref.range, newText: lower });
              }
              return edits;
            },
          },
        ];
      });
  },
};
