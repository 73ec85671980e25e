import {
  CompletionItemKind,
  DocumentHighlightKind,
  FoldingRangeKind,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type ClientCapabilities,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type DefinitionParams,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type Location,
  type LocationLink,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../../../shared/protocol';
import * as core from '../core';
import type { AnalysisCache } from './analysis-cache';
import type { SettingsStore } from './settings';

const SYMBOL_KINDS: Record<core.SymbolKind, SymbolKind> = {
  stage: SymbolKind.Module,
  variable: SymbolKind.Variable,
  property: SymbolKind.Property,
  instruction: SymbolKind.Function,
};

const COMPLETION_KINDS: Record<core.CompletionKind, CompletionItemKind> = {
  stage: CompletionItemKind.Module,
  keyword: CompletionItemKind.Keyword,
  flag: CompletionItemKind.Property,
  option: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
};

function toSymbol(symbol: core.DocumentSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toSymbol),
  };
}

/**
 * LSP handlers for the language features. Each one takes the cached analysis of the document's
 * current version, asks the core, and converts the plain result to protocol types.
 */
export class LanguageFeatures {
  private linkSupport = false;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsStore,
  ) {}

  /** Records what the client supports (definition links). */
  configure(capabilities: ClientCapabilities): void {
    this.linkSupport = capabilities.textDocument?.definition?.linkSupport === true;
  }

  private async model(uri: string): Promise<core.DockerfileModel | null> {
    const document = this.documents.get(uri);
    if (!document) return null;
    const version = document.version;
    const settings = await this.settings.get(uri);
    // Positions in the request refer to that version: if a newer one arrived meanwhile, drop it.
    this.cache.ensureCurrent(uri, version);
    return this.cache.get(document, settings).model;
  }

  async hover(params: HoverParams): Promise<Hover | null> {
    const model = await this.model(params.textDocument.uri);
    const result = model && core.hover(model, params.position);
    if (!result) return null;
    return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range };
  }

  async definition(params: DefinitionParams): Promise<Location[] | LocationLink[] | null> {
    const model = await this.model(params.textDocument.uri);
    const result = model && core.definition(model, params.position);
    if (!result) return null;
    const uri = params.textDocument.uri;
    if (this.linkSupport) {
      return [
        {
          originSelectionRange: result.originRange,
          targetUri: uri,
          targetRange: result.targetRange,
          targetSelectionRange: result.targetSelectionRange,
        },
      ];
    }
    return [{ uri, range: result.targetSelectionRange }];
  }

  async references(params: ReferenceParams): Promise<Location[]> {
    const model = await this.model(params.textDocument.uri);
    if (!model) return [];
    return core
      .references(model, params.position, params.context.includeDeclaration)
      .map((r) => ({ uri: params.textDocument.uri, range: r.range }));
  }

  async documentHighlight(params: DocumentHighlightParams): Promise<DocumentHighlight[]> {
    const model = await this.model(params.textDocument.uri);
    if (!model) return [];
    return core.documentHighlights(model, params.position).map((h) => ({
      range: h.range,
      kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  }

  async prepareRename(
    params: PrepareRenameParams,
  ): Promise<{ range: Range; placeholder: string } | ResponseError<void> | null> {
    const model = await this.model(params.textDocument.uri);
    const result = model && core.prepareRename(model, params.position);
    if (!result) return null;
    if (!result.ok) return new ResponseError(LSPErrorCodes.RequestFailed, result.message);
    return { range: result.range, placeholder: result.placeholder };
  }

  async rename(params: RenameParams): Promise<WorkspaceEdit | ResponseError<void> | null> {
    const document = this.documents.get(params.textDocument.uri);
    const model = await this.model(params.textDocument.uri);
    const result = model && core.rename(model, params.position, params.newName);
    if (!result || !document) return null;
    if (!result.ok) return new ResponseError(LSPErrorCodes.RequestFailed, result.message);
    return {
      documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: result.edits }],
    };
  }

  async documentSymbol(params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
    const model = await this.model(params.textDocument.uri);
    return model ? core.documentSymbols(model).map(toSymbol) : [];
  }

  async foldingRanges(params: FoldingRangeParams): Promise<FoldingRange[]> {
    const model = await this.model(params.textDocument.uri);
    if (!model) return [];
    return core.foldingRanges(model).map((f) => {
      const range: FoldingRange = { startLine: f.startLine, endLine: f.endLine };
      if (f.kind === 'comment') range.kind = FoldingRangeKind.Comment;
      else if (f.kind === 'region') range.kind = FoldingRangeKind.Region;
      return range;
    });
  }

  async completion(params: CompletionParams): Promise<CompletionList | null> {
    const model = await this.model(params.textDocument.uri);
    const result = model && core.completions(model, params.position);
    if (!result) return null;
    const items = result.items.map((item): CompletionItem => {
      const converted: CompletionItem = {
        label: item.label,
        kind: COMPLETION_KINDS[item.kind],
        detail: item.detail,
        documentation: { kind: MarkupKind.Markdown, value: item.documentation },
        textEdit: { range: result.range, newText: item.insertText },
        filterText: item.label,
      };
      if (item.sortText) converted.sortText = item.sortText;
      if (item.retrigger) converted.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
      return converted;
    });
    return { isIncomplete: false, items };
  }

  async codeLens(params: CodeLensParams): Promise<CodeLens[]> {
    const model = await this.model(params.textDocument.uri);
    if (!model) return [];
    const uri = params.textDocument.uri;
    // The settings were fetched (and are cached) for the model: they hold the stages built as targets.
    const { targets } = await this.settings.get(uri);
    return core.codeLenses(model, targets).map((lens) => ({
      range: lens.range,
      command: {
        title: lens.title,
        command: COMMANDS.showReferences,
        arguments: [uri, lens.anchor.start, lens.locations.map((range) => ({ uri, range }))],
      },
    }));
  }
}
