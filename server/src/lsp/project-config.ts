/**
 * The project's config file (`.stagewright.yaml`) in the editor: merged into a document's settings,
 * watched, and its problems shown on the file itself.
 *
 * Precedence: a rule's severity set in the editor's settings (`stagewright.rules`, any value but
 * `default`) wins over the config file, which wins over the rule's own default. The editor's settings
 * are the user's choice for their editor; the config file is the project's, shared with the CLI and
 * CI. The config's `ignore.paths` skip a document: it gets no findings.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Connection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  type Diagnostic,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAMES, withProjectConfig, type AnalysisSettings } from '../core';
import { configSkips, type LoadedConfig } from '../host/config-file';

/** What the client is asked to watch: the config files anywhere in the workspace. */
export const CONFIG_FILE_GLOB = `**/{${CONFIG_FILE_NAMES.join(',')}}`;

/** Merges a document's config into its settings (the editor's severities over the file's). */
export function applyProjectConfig(settings: AnalysisSettings, loaded: LoadedConfig | null, file: string): void {
  if (!loaded) return;
  settings.rules = withProjectConfig(loaded.config, settings.rules, configSkips(loaded, file));
}

/** A watched file's URI in the form this module publishes under, or null when it is no config file. */
function configUri(uri: string): string | null {
  if (!uri.startsWith('file:') || !CONFIG_FILE_NAMES.some((name) => uri.endsWith(`/${name}`))) return null;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return null;
  }
}

/**
 * Publishes a config file's problems as diagnostics on that file (the Problems panel lists them,
 * whether the file is open or not), and clears them once it is fixed or gone.
 */
export class ConfigProblems {
  /** The problems last published per config file URI, as text, to publish only changes. */
  private readonly published = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /** Asks the client to watch the config files, when it can be asked (dynamic registration). */
  watch(clientCanRegister: boolean): void {
    if (!clientCanRegister) return;
    void this.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_FILE_GLOB }] })
      .catch(() => undefined);
  }

  loaded(loaded: LoadedConfig | null): void {
    if (!loaded) return;
    const uri = pathToFileURL(loaded.file).href;
    const diagnostics: Diagnostic[] = loaded.problems.map((p) => ({
      range: p.range,
      severity: DiagnosticSeverity.Error,
      source: 'stagewright',
      message: p.message,
    }));
    const key = JSON.stringify(diagnostics);
    if (this.published.get(uri) === key || (!this.published.has(uri) && diagnostics.length === 0)) return;
    this.published.set(uri, key);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Watched files changed: a config file that changed or went is cleared until it is read again. */
  filesChanged(uris: readonly string[]): void {
    for (const changed of uris) {
      const uri = configUri(changed);
      if (uri === null || !this.published.has(uri)) continue;
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
}
