import { comparePositions } from '../model';
import type { Range } from '../model';
import type { Analysis, AnalysisSettings } from '../analysis-types';
import type { ActionContext, ActionProposal, ActionProvider } from './types';
import { splitMultiStage } from './split-multi-stage';
import { suppressRule } from './suppress-rule';
import { useSuggestedStageName } from './use-suggested-stage-name';
import { replaceWithSuggestion } from './replace-with-suggestion';
import { lowerCaseStageName } from './lower-case-stage-name';
import { convertToExecForm } from './convert-to-exec-form';
import { maintainerToLabel } from './maintainer-to-label';
import { nameStageReference } from './name-stage-reference';
import { applyFindingEdits } from './apply-finding-edits';

/** Every code action provider. */
export const ACTION_PROVIDERS: readonly ActionProvider[] = [
  useSuggestedStageName,
  replaceWithSuggestion,
  lowerCaseStageName,
  convertToExecForm,
  maintainerToLabel,
  nameStageReference,
  applyFindingEdits,
  splitMultiStage,
  // Keep last: suppressing is the fallback when no fix applies.
  suppressRule,
];

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** The code actions available for a range, each with a lazily computed edit. */
export function codeActions(
  analysis: Analysis,
  range: Range,
  settings: AnalysisSettings = {},
  workspace: Pick<ActionContext, 'readWorkspaceFile' | 'listWorkspaceDir'> = {},
): ActionProposal[] {
  const findings = analysis.findings.filter((f) => overlaps(f.range, range));
  const proposals: ActionProposal[] = [];
  for (const provider of ACTION_PROVIDERS) {
    try {
      proposals.push(
        ...provider.provide({
          analysis,
          settings,
          range,
          findings,
          readWorkspaceFile: workspace.readWorkspaceFile,
          listWorkspaceDir: workspace.listWorkspaceDir,
        }),
      );
    } catch {
      // A provider that fails offers nothing; the others still do.
    }
  }
  return proposals;
}

export type { ActionProposal, ActionProvider, ActionContext, TextEdit, ActionKind } from './types';
