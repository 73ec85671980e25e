import type { Analysis, AnalysisSettings, Finding } from '../analysis-types';
import type { Range } from '../model';

export interface TextEdit {
  range: Range;
  newText: string;
}

export type ActionKind = 'quickfix' | 'refactor.rewrite' | 'refactor.extract' | 'source.fixAll';

/** A code action offered at a position; its edit is computed only when the user picks it. */
export interface ActionProposal {
  /** Stable within one document version: used to find the proposal again on resolve. */
  id: string;
  title: string;
  kind: ActionKind;
  isPreferred?: boolean;
  /** The findings this action fixes, shown as its diagnostics in the editor. */
  fixes?: Finding[];
  /** Ask the editor to show a preview before applying. */
  needsConfirmation?: boolean;
  edits(): TextEdit[];
}

export interface ActionContext {
  analysis: Analysis;
  settings: AnalysisSettings;
  /** The range the user asked about (cursor or selection). */
  range: Range;
  /** The findings that overlap the range. */
  findings: Finding[];
  /**
   * Reads a file of the workspace by its path relative to the Dockerfile's folder (e.g. `Cargo.toml`),
   * or undefined when it cannot. Optional: the core never touches the file system itself.
   */
  readWorkspaceFile?: (relativePath: string) => string | undefined;
  /** Lists a folder of the workspace (names, folders with a trailing `/`), or undefined when it cannot. */
  listWorkspaceDir?: (relativePath: string) => readonly string[] | undefined;
}

/** One code action provider per file: quick fixes for a rule, or a refactor. */
export interface ActionProvider {
  id: string;
  provide(context: ActionContext): ActionProposal[];
}
