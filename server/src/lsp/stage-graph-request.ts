import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { StageGraphParams, StageGraphResult } from '../../../shared/protocol';
import { stageGraph } from '../core';
import type { AnalysisCache } from './analysis-cache';
import type { SettingsStore } from './settings';

/** Answers `stagewright/stageGraph` from the document's cached analysis; null when it is not open. */
export class StageGraphHandler {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsStore,
  ) {}

  async graph(params: StageGraphParams): Promise<StageGraphResult | null> {
    if (!params || typeof params.uri !== 'string') return null;
    const document = this.documents.get(params.uri);
    if (!document) return null;
    const settings = await this.settings.get(document.uri);
    const analysis = this.cache.get(document, settings);
    return { uri: document.uri, version: document.version, ...stageGraph(analysis.model, settings.targets) };
  }
}
