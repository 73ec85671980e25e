import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { SETTINGS_SECTION, type DockerExtensionFacts } from '../../../shared/protocol';
import { SEVERITIES, type AnalysisSettings, type BuiltTarget, type SeveritySetting } from '../core';
import { BuildTargetsIndex, NO_BUILDS, relativeTo } from '../host/build-targets';
import { loadConfigFor } from '../host/config-file';
import { readDockerignore } from '../host/dockerignore-file';
import { applyProjectConfig, ConfigProblems } from './project-config';
import { isInsideFolders, readerWithin } from './workspace-files';

/** Settings as the client sends them under the `stagewright` section. */
export interface ClientSettings {
  rules?: Record<string, unknown>;
  hideRulesReportedByDockerExtension?: unknown;
  split?: { preferredRuntime?: unknown };
  targets?: unknown;
}

/** What builds the stages that `stagewright.targets` names, as the code lens says it. */
export const TARGETS_SETTING_LABEL = 'the stagewright.targets setting';

/** The stage names of `stagewright.targets` (an array of strings; anything else is ignored). */
export function manualTargets(raw: unknown): BuiltTarget[] {
  if (!Array.isArray(raw)) return [];
  const names = raw.filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim());
  return [...new Set(names)].map((stage) => ({ stage, by: `${TARGETS_SETTING_LABEL}, target ${stage}` }));
}

export function toAnalysisSettings(
  raw: ClientSettings | null | undefined,
  facts: DockerExtensionFacts = { dockerExtensionInstalled: false },
): AnalysisSettings {
  const rules: Record<string, SeveritySetting> = {};
  if (raw && typeof raw.rules === 'object' && raw.rules !== null) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) {
        rules[id] = value as SeveritySetting;
      }
    }
  }
  // On by default: the setting hides the overlap unless the user turns it off.
  const hide = facts.dockerExtensionInstalled && raw?.hideRulesReportedByDockerExtension !== false;
  const preferredRuntime = raw?.split?.preferredRuntime;
  const split =
    typeof preferredRuntime === 'string' && preferredRuntime !== '' && preferredRuntime !== 'auto'
      ? { preferredRuntime }
      : null;
  const targets = manualTargets(raw?.targets);
  return {
    rules,
    ...(hide ? { hideDockerExtensionRules: true } : {}),
    ...(split ? { split } : {}),
    ...(targets.length > 0 ? { targets } : {}),
  };
}

/** The file system path of a `file:` URI, or null. */
function filePath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/**
 * The directory part of a document URI: the documents of one directory share the client's settings.
 * VS Code's resource-scoped settings (ours) differ by workspace folder at the finest, never by file.
 */
export function settingsScope(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 ? uri.slice(0, slash + 1) : uri;
}

/**
 * Pulls the client's settings (when it supports workspace/configuration) once per directory of
 * documents, with the first document's URI as the scope, so opening the tenth Dockerfile of a
 * directory costs no round trip; keeps them until the client says they changed. The `.dockerignore`
 * that applies to a document inside a workspace folder (its own `<name>.dockerignore`, else the
 * directory's) is read per document and is part of its settings, and so are the stages that the
 * workspace folder's build files build as targets (read once per folder, again when one changes).
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<AnalysisSettings>>();
  private readonly client = new Map<string, Promise<ClientSettings | null>>();
  supportsPull = false;
  workspaceFoldersSupported = false;
  facts: DockerExtensionFacts = { dockerExtensionInstalled: false };
  /** File system paths of the workspace folders; .dockerignore files are read only inside them. */
  workspaceFolders: string[] = [];
  /** Settings requests sent to the client so far (for tests). */
  pulled = 0;
  /** The targets the build files of each workspace folder build. */
  readonly buildTargets = new BuildTargetsIndex();

  /** The project config files' problems, shown on the files. */
  readonly configProblems: ConfigProblems;

  constructor(private readonly connection: Connection) {
    this.configProblems = new ConfigProblems(connection);
  }

  private clientSettings(uri: string): Promise<ClientSettings | null> {
    if (!this.supportsPull) return Promise.resolve(this.pushed);
    const scope = settingsScope(uri);
    let raw = this.client.get(scope);
    if (!raw) {
      this.pulled++;
      raw = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (value: ClientSettings | null) => value,
        () => null,
      );
      this.client.set(scope, raw);
    }
    return raw;
  }

  get(uri: string): Promise<AnalysisSettings> {
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const raw = this.clientSettings(uri);
    const file = filePath(uri);
    const dockerignore =
      file && isInsideFolders(file, this.workspaceFolders) ? readDockerignore(file) : Promise.resolve(null);
    // The project's config file, found from the document's folder up to its workspace folder or repository.
    const config =
      file && isInsideFolders(file, this.workspaceFolders)
        ? loadConfigFor(file, this.workspaceFolders).catch(() => null)
        : Promise.resolve(null);
    const facts = this.facts;
    const folder = file ? this.folderOf(file) : null;
    // The stages the workspace folder's build files build with --target (walked once per folder).
    const built = folder && file ? this.buildTargets.buildsForAsync(folder, file) : Promise.resolve(NO_BUILDS);
    const settings = Promise.all([raw, dockerignore, config, built]).then(([value, ignore, loaded, built]) => {
      const result = toAnalysisSettings(value, facts);
      if (file) result.documentPath = file;
      if (ignore !== null) result.dockerignore = ignore;
      this.configProblems.loaded(loaded);
      if (file) applyProjectConfig(result, loaded, file);
      if (built.targets.length > 0) result.targets = [...built.targets, ...(result.targets ?? [])];
      if (built.passedArgs.length > 0) result.passedArgs = built.passedArgs;
      if (built.namedContexts.length > 0) result.namedContexts = built.namedContexts;
      if (built.images.length > 0) result.workspaceImages = built.images;
      if (built.development) result.developmentBuild = built.development;
      if (built.local) result.localBuild = built.local;
      if (built.shippedBy) result.shippedBy = built.shippedBy;
      // Files beside the Dockerfile (an entrypoint script), read only inside its workspace folder.
      if (file && folder)
        result.readWorkspaceFile = readerWithin(path.dirname(path.resolve(file)), path.resolve(folder));
      return result;
    });
    this.cache.set(uri, settings);
    return settings;
  }

  /** The innermost workspace folder holding `file`, or null. */
  private folderOf(file: string): string | null {
    let best: string | null = null;
    for (const folder of this.workspaceFolders) {
      if (relativeTo(folder, file) !== null && (best === null || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /**
   * Files the client's watcher reported (a .dockerignore, a build file): the documents' settings are
   * read again, and a folder's build files again when one of them changed. The client's own settings
   * did not change.
   */
  filesChanged(uris: readonly string[]): void {
    this.configProblems.filesChanged(uris);
    this.buildTargets.changed(uris.map(filePath).filter((p): p is string => p !== null));
    this.cache.clear();
  }

  /** Settings sent with didChangeConfiguration, used when the client cannot be asked. */
  pushed: ClientSettings | null = null;

  changed(pushed?: unknown): void {
    this.cache.clear();
    this.client.clear();
    if (pushed && typeof pushed === 'object' && SETTINGS_SECTION in pushed) {
      this.pushed = (pushed as Record<typeof SETTINGS_SECTION, ClientSettings>)[SETTINGS_SECTION];
    }
  }

  /** Reads the client's initializationOptions and workspace folders. */
  initialize(
    options: unknown,
    folders: readonly { uri: string }[] | null | undefined,
    rootUri: string | null | undefined,
  ): void {
    this.setFacts(options);
    const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
    this.workspaceFolders = uris.map(filePath).filter((p): p is string => p !== null);
  }

  /** Applies `{ dockerExtensionInstalled }` from the client; returns whether anything changed. */
  setFacts(options: unknown): boolean {
    const installed =
      typeof options === 'object' &&
      options !== null &&
      (options as Partial<DockerExtensionFacts>).dockerExtensionInstalled === true;
    if (installed === this.facts.dockerExtensionInstalled) return false;
    this.facts = { dockerExtensionInstalled: installed };
    this.cache.clear();
    return true;
  }

  workspaceFoldersChanged(added: readonly { uri: string }[], removed: readonly { uri: string }[]): void {
    const gone = new Set(removed.map((f) => filePath(f.uri)));
    this.workspaceFolders = [
      ...this.workspaceFolders.filter((p) => !gone.has(p)),
      ...added.map((f) => filePath(f.uri)).filter((p): p is string => p !== null),
    ];
    this.buildTargets.clear();
    this.cache.clear();
    this.client.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
