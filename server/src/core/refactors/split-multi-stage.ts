import { planSplitOnce, type RuntimeChoice, type SplitPlan } from '../facts/split/plan';
import { renderSplit } from './split/render';
import type { ActionProposal, ActionProvider } from './types';

export const SPLIT_TITLE = 'Split into builder and runtime stages';

/** What a choice copies, for its title: `/out/server`, `/out/server + 2 more`, `the app directory /src`. */
function copiesText(plan: SplitPlan, choice: RuntimeChoice): string {
  if (choice.copies === 'app-directory') return `the app directory ${plan.workdir ?? ''}`.trim();
  const shown = choice.artifacts.map((a) => a.source);
  return shown.length <= 2 ? shown.join(', ') : `${shown.slice(0, 2).join(', ')} + ${shown.length - 2} more`;
}

/** The title of one runtime choice: "Split into builder and runtime stages → distroless, copies /out/app". */
export function splitTitle(plan: SplitPlan, index: number): string {
  const choice = plan.choices[index]!;
  const sameLabel = plan.choices.filter((c) => c.label === choice.label).length > 1;
  return `${SPLIT_TITLE} → ${sameLabel ? choice.image : choice.label}, copies ${copiesText(plan, choice)}`;
}

/**
 * The multi-stage split: the final stage becomes the builder and a new final stage starts from a
 * runtime image with what the runtime contract needs. Offered anywhere in a file whose final stage
 * can be split, one action per runtime choice (the recommended one first), each listed once: as
 * the quick fix of `toolchain-in-final-image` where that warning is, else as `refactor.rewrite`.
 * Choosing the action is the confirmation: the edit applies at once (a preview stays available).
 */
export const splitMultiStage: ActionProvider = {
  id: 'split-multi-stage',
  provide({ analysis, settings, findings, readWorkspaceFile, listWorkspaceDir }) {
    const model = analysis.model;
    if (model.skipped || model.finalStage < 0) return [];
    // Only a file whose final stage stands alone: a multi-stage file is already split.
    if (model.stages.some((_s, i) => i !== model.finalStage && model.reachable[i])) return [];
    const finding = findings.find((f) => f.ruleId === 'toolchain-in-final-image');
    const result = planSplitOnce(analysis, {
      readWorkspaceFile,
      listWorkspaceDir,
      preferredRuntime: settings.split?.preferredRuntime,
      documentPath: settings.documentPath,
    });
    if (!result.ok) return [];
    const plan = result.plan;
    return plan.choices.map(
      (choice, i): ActionProposal => ({
        id: `split-multi-stage:${choice.copies}:${choice.image}`,
        title: splitTitle(plan, i),
        kind: finding ? 'quickfix' : 'refactor.rewrite',
        ...(finding ? { fixes: [finding], isPreferred: i === 0 } : {}),
        edits: () => renderSplit(model, plan, choice).edits,
      }),
    );
  },
};
