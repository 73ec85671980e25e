import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticToken } from '../core';
import type { AnalysisCache } from './analysis-cache';
import type { SettingsStore } from './settings';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

/** The LSP wire format: five integers per token, positions relative to the previous token. */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const [tokenLine, tokenCharacter, length, type, modifiers] of tokens) {
    const deltaLine = tokenLine - line;
    const deltaStart = deltaLine === 0 ? tokenCharacter - character : tokenCharacter;
    let bits = 0;
    for (const modifier of modifiers) bits |= 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(modifier);
    data.push(deltaLine, deltaStart, length, SEMANTIC_TOKEN_TYPES.indexOf(type), bits);
    line = tokenLine;
    character = tokenCharacter;
  }
  return data;
}

export class SemanticTokensHandler {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsStore,
  ) {}

  async full(params: SemanticTokensParams): Promise<SemanticTokens> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return { data: [] };
    const analysis = this.cache.get(document, await this.settings.get(document.uri));
    return { data: encodeSemanticTokens(semanticTokens(analysis.model)) };
  }
}
