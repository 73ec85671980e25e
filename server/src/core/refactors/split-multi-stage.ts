import { comparePositions } from '../model';
import { planSplitOnce, type SplitPlan } from '../facts/split/plan';
import { renderSplit } from './split/render';
import type { ActionProposal, ActionProvider } from './types';

export const SPLIT_TITLE = 'Split into builder and runtime stages';

/** The title of one runtime choice: "Split into builder and runtime stages → distroless". */
export function splitTitle(plan: SplitPlan, index: number): string {
  const choice = plan.choices[index]!;
  const sameLabel = plan.choices.filter((c) => c.label === choice.label).length > 1;
  return `${SPLIT_TITLE} → ${sameLabel ? choice.image : choice.label}`;
}

/**
 * The multi-stage split: the final stage becomes the builder and a new final stage starts from a
 * runtime image with only the artifacts and the run-time configuration. One action per runtime that
 * fits, the recommended one first; also the quick fix of `toolchain-in-final-image`.
 */
export const splitMultiStage: ActionProvider = {
  id: 'split-multi-stage',
  provide({ analysis, settings, range, findings, readWorkspaceFile }) {
    const model = analysis.model;
    if (model.skipped || model.finalStage < 0) return [];
    const stage = model.stages[model.finalStage]!;
    const finding = findings.find((f) => f.ruleId === 'toolchain-in-final-image');
    const inStage = comparePositions(range.end, stage.range.start) >= 0;
    if (!finding && !inStage) return [];
    const result = planSplitOnce(model, { readWorkspaceFile, preferredRuntime: settings.split?.preferredRuntime });
    if (!result.ok) return [];
    const plan = result.plan;
    const proposals: ActionProposal[] = [];
    plan.choices.forEach((choice, i) => {
      const title = splitTitle(plan, i);
      const edits = () => [renderSplit(model, plan, choice).edit];
      proposals.push({
        id: `split-multi-stage:${choice.image}`,
        title,
        kind: 'refactor.rewrite',
        needsConfirmation: true,
        edits,
      });
      if (finding && i === 0) {
        proposals.push({
          id: `split-multi-stage:fix:${choice.image}`,
          title,
          kind: 'quickfix',
          isPreferred: true,
          fixes: [finding],
          needsConfirmation: true,
          edits,
        });
      }
    });
    return proposals;
  },
};
