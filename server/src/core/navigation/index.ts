export { stageSiteAt, stageOfSite, type StageSite } from './locate';
export { definition, type DefinitionResult } from './definition';
export {
  references,
  documentHighlights,
  stageReferenceLocations,
  type ReferenceLocation,
  type Highlight,
} from './references';
export {
  prepareRename,
  rename,
  checkNewStageName,
  type PrepareRenameResult,
  type RenameResult,
  type RenameEdit,
} from './rename';
export { documentSymbols, type DocumentSymbol, type SymbolKind } from './symbols';
export { foldingRanges, type FoldingRange } from './folding';
export { completions, type CompletionItem, type CompletionKind, type CompletionResult } from './completion';
export { codeLenses, type StageLens } from './code-lens';
