import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalysisSettings } from '../core';

interface Entry {
  version: number;
  settingsKey: string;
  analysis: Analysis;
}

/**
 * Keeps one analysis per document version and settings, so diagnostics, hovers and code actions
 * for the same version share one parse.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(document: TextDocument, settings: AnalysisSettings): Analysis {
    const settingsKey = JSON.stringify(settings);
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.settingsKey === settingsKey) return entry.analysis;
    // The previous version's model lets the parse reuse the stages this edit did not touch.
    const analysis = analyze(document.getText(), settings, entry?.analysis.model);
    this.entries.set(document.uri, { version: document.version, settingsKey, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
