import type { Connection } from 'vscode-languageserver';
import { SEVERITIES, type SeveritySetting } from '../core/rules/types';
import type { AnalysisSettings } from '../core';

/** Settings as the client sends them under the `stagewright` section. */
export interface ClientSettings {
  rules?: Record<string, unknown>;
}

export function toAnalysisSettings(raw: ClientSettings | null | undefined): AnalysisSettings {
  const rules: Record<string, SeveritySetting> = {};
  if (raw && typeof raw.rules === 'object' && raw.rules !== null) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value) && value !== 'default') {
        rules[id] = value as SeveritySetting;
      }
    }
  }
  return { rules };
}

/**
 * Pulls settings per document from the client (when it supports workspace/configuration) and keeps
 * them until the client says they changed.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<AnalysisSettings>>();
  supportsPull = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<AnalysisSettings> {
    if (!this.supportsPull) return Promise.resolve(toAnalysisSettings(this.pushed));
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const settings = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'stagewright' })
      .then((raw: ClientSettings) => toAnalysisSettings(raw), () => toAnalysisSettings(null));
    this.cache.set(uri, settings);
    return settings;
  }

  /** Settings sent with didChangeConfiguration, used when the client cannot be asked. */
  pushed: ClientSettings | null = null;

  changed(pushed?: unknown): void {
    this.cache.clear();
    if (pushed && typeof pushed === 'object' && 'stagewright' in pushed) {
      this.pushed = (pushed as { stagewright: ClientSettings }).stagewright;
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
