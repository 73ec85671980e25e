import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeModel, parseDockerfile, type Analysis, type AnalysisSettings, type DockerfileModel } from '../core';

interface Entry {
  version: number;
  /** The parse of this version; it does not depend on settings. */
  model: DockerfileModel;
  /** The rules' results for this version under one set of settings, once asked for. */
  settingsKey: string | null;
  analysis: Analysis | null;
  /** Length of the parsed text, counted against the cache's character budget. */
  chars: number;
}

/** How many analyses the cache keeps (the most recently used ones), and how much text they may cover. */
export interface CacheLimits {
  entries: number;
  chars: number;
}

/**
 * A model takes tens of times its text in memory, and only the documents being worked on need one:
 * the others have had their diagnostics published and keep just their text (in TextDocuments).
 */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { entries: 8, chars: 2_000_000 };

/** Where the cache learns each document's current version (the server's TextDocuments). */
export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
}

/**
 * Keeps one analysis per document version and settings, so diagnostics, hovers and code actions
 * for the same version share one parse, and each version's parse reuses the stages of the previous
 * one that an edit did not touch.
 *
 * Only the most recently used analyses are kept (`CacheLimits`): a request for a document whose
 * analysis was dropped parses and analyses its current version again, once, and that analysis is
 * kept as the most recent. The one just used is always kept, whatever its size.
 *
 * Work for a version that is no longer current is refused: a request that awaited its settings
 * while a newer version arrived gets ContentModified (the client drops the answer, as LSP asks)
 * instead of analysing the old text and pushing the newer analysis out of the cache.
 */
export class AnalysisCache {
  /** In order of use, least recent first. */
  private readonly entries = new Map<string, Entry>();
  private chars = 0;
  private source: DocumentSource | null = null;
  /** Analyses computed so far (for tests: each version and settings is analysed once while cached). */
  computed = 0;
  /** Parses so far (for tests: each version is parsed once while cached, whatever the settings). */
  parsed = 0;

  constructor(private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS) {}

  /** How many documents' analyses the cache keeps. */
  get capacity(): number {
    return this.limits.entries;
  }

  /** Documents whose analysis is held, least recently used first. */
  get cached(): string[] {
    return [...this.entries.keys()];
  }

  /** Lets the cache tell a stale document (an older version than the current one) from a current one. */
  track(source: DocumentSource): void {
    this.source = source;
  }

  /**
   * Throws ContentModified when the document is no longer at `version`. A handler reads the version
   * when the request arrives and calls this after any await: TextDocuments updates its document
   * objects in place, so the object alone cannot tell that it moved on.
   */
  ensureCurrent(uri: string, version: number): void {
    const current = this.source?.get(uri);
    if (current && current.version !== version) {
      throw new ResponseError(
        LSPErrorCodes.ContentModified,
        `${uri} changed (version ${current.version}) while a request for version ${version} waited`,
      );
    }
  }

  /**
   * Parses the document's current version, if not done yet. The parse does not depend on settings,
   * so the diagnostics publisher runs it while the settings are still on their way from the client.
   */
  prepare(document: TextDocument): DockerfileModel {
    this.ensureCurrent(document.uri, document.version);
    const entry = this.entries.get(document.uri);
    if (entry) this.remove(document.uri, entry);
    if (entry && entry.version === document.version) {
      this.add(document.uri, entry);
      return entry.model;
    }
    // The previous version's model lets the parse reuse the stages this edit did not touch.
    const text = document.getText();
    const model = parseDockerfile(text, entry?.model);
    this.parsed++;
    this.add(document.uri, { version: document.version, model, settingsKey: null, analysis: null, chars: text.length });
    return model;
  }

  get(document: TextDocument, settings: AnalysisSettings): Analysis {
    const model = this.prepare(document);
    const entry = this.entries.get(document.uri)!;
    // Every setting is in the key: severities, the .dockerignore text, the stages built as targets.
    const settingsKey = JSON.stringify(settings);
    if (entry.analysis && entry.settingsKey === settingsKey) return entry.analysis;
    const analysis = analyzeModel(model, settings);
    this.computed++;
    entry.settingsKey = settingsKey;
    entry.analysis = analysis;
    return analysis;
  }

  delete(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry) this.remove(uri, entry);
  }

  /** Adds an entry as the most recently used, then drops the least recently used beyond the limits. */
  private add(uri: string, entry: Entry): void {
    this.entries.set(uri, entry);
    this.chars += entry.chars;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= 1 || (this.entries.size <= this.limits.entries && this.chars <= this.limits.chars))
        break;
      this.remove(oldest, old);
    }
  }

  private remove(uri: string, entry: Entry): void {
    this.entries.delete(uri);
    this.chars -= entry.chars;
  }
}
