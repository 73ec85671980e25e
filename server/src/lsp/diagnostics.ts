import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './convert';
import type { AnalysisCache } from './analysis-cache';
import type { SettingsStore } from './settings';

/**
 * Publishes diagnostics for a document. Work for a version that has been superseded by the time
 * settings arrive is dropped, so a burst of keystrokes costs one analysis.
 */
export class DiagnosticsPublisher {
  private readonly pending = new Map<string, number>();
  /** Runs that parsed ahead and wait for their settings. */
  private waiting = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsStore,
  ) {}

  schedule(document: TextDocument): void {
    const already = this.pending.has(document.uri);
    this.pending.set(document.uri, document.version);
    if (already) return;
    setImmediate(() => void this.run(document.uri));
  }

  private async run(uri: string): Promise<void> {
    this.pending.delete(uri);
    const before = this.documents.get(uri);
    if (!before) return;
    const pending = this.settings.get(uri);
    // On open the settings are a round trip away: parse meanwhile (the parse does not depend on them),
    // unless so many runs wait that the cache would drop this parse before its settings arrive
    // (a configuration change republishing every open document).
    const ahead = this.waiting < this.cache.capacity;
    if (ahead) {
      this.cache.prepare(before);
      this.waiting++;
    }
    let settings: Awaited<typeof pending>;
    try {
      settings = await pending;
    } finally {
      if (ahead) this.waiting--;
    }
    const document = this.documents.get(uri);
    if (!document || document.version !== before.version) {
      if (document) this.schedule(document);
      return;
    }
    const { findings } = this.cache.get(document, settings);
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: findings.map(toDiagnostic) });
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshAll(): void {
    for (const document of this.documents.all()) this.schedule(document);
  }
}
