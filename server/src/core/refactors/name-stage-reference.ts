import { RESERVED_STAGE_NAMES } from '../knowledge/dockerfile-syntax';
import type { DockerfileModel, Stage } from '../model';
import type { ActionProvider, TextEdit } from './types';

/** A name for an unnamed stage: `build` (or `build-2`, ...), unused by any other stage. */
function freshName(model: DockerfileModel, stage: Stage): string {
  const taken = new Set(model.stages.map((s) => s.nameLower).filter((n): n is string => n !== null));
  const base = stage.index === model.finalStage ? 'final' : 'build';
  if (!taken.has(base) && !RESERVED_STAGE_NAMES.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Quick fix for copy-from-stage-index: refer to the stage by name, naming it first when it has none. */
export const nameStageReference: ActionProvider = {
  id: 'name-stage-reference',
  provide({ analysis, findings }) {
    const { model } = analysis;
    return findings
      .filter((f) => f.ruleId === 'copy-from-stage-index' && typeof f.data?.stage === 'number')
      .flatMap((f) => {
        const stage = model.stages[f.data!.stage as number];
        const last = stage?.from.args[stage.from.args.length - 1];
        if (!stage || !last) return [];
        const name = stage.name ?? freshName(model, stage);
        const asKeyword = stage.from.keywordText === stage.from.keywordText.toLowerCase() ? 'as' : 'AS';
        return [
          {
            id: `name-stage-reference:${f.range.start.line}:${f.range.start.character}`,
            title: stage.name
              ? `Refer to stage '${name}' by name`
              : `Name stage ${stage.index} '${name}' and refer to it by name`,
            kind: 'quickfix' as const,
            isPreferred: true,
            fixes: [f],
            edits: (): TextEdit[] => {
              const edits: TextEdit[] = [];
              if (!stage.name)
                edits.push({ range: { start: last.range.end, end: last.range.end }, newText: ` ${asKeyword} ${name}` });
              // Every index reference to the stage, so none is left pointing by number.
              for (const ref of model.references) {
                if (ref.byIndex && ref.target.kind === 'stage' && ref.target.stage === stage.index)
                  edits.push({ range: ref.range, newText: name });
              }
              return edits;
            },
          },
        ];
      });
  },
};
