/**
 * The scratch profile of a session: HOME, XDG folders, TMPDIR, VS Code's user data and extensions
 * folders, all under one temporary folder, and user settings that keep the workbench quiet.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EditorTools } from './tools';

/** Default user settings: no welcome pages, tips, telemetry, update checks or AI side panels that
 * would cover the editor or race with the test. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'problems.defaultViewMode': 'tree',
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

export interface Profile {
  scratch: string;
  dirs: { home: string; config: string; data: string; tmp: string; userData: string; extensions: string };
  /** The environment code-server runs in. */
  env: NodeJS.ProcessEnv;
}

/** Makes the scratch folders and the environment that points code-server, its extension host and Chromium at them. */
export function createProfile(tools: EditorTools): Profile {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stagewright-editor-'));
  const dirs = {
    home: path.join(scratch, 'home'),
    config: path.join(scratch, 'config'),
    data: path.join(scratch, 'data'),
    tmp: path.join(scratch, 'tmp'),
    userData: path.join(scratch, 'user-data'),
    extensions: path.join(scratch, 'extensions'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  // code-server, its extension host and Chromium all write under these.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    TMPDIR: dirs.tmp,
    PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    // No extension marketplace: nothing to reach here, and no update checks racing the test.
    EXTENSIONS_GALLERY: '{}',
  };
  // Variables that would make code-server's Node or the extension host behave unlike a user's.
  for (const key of [
    'NODE_OPTIONS',
    'NODE_TEST_CONTEXT',
    'ELECTRON_RUN_AS_NODE',
    'VSCODE_IPC_HOOK_CLI',
    'PASSWORD',
    'HASHED_PASSWORD',
  ]) {
    delete env[key];
  }
  return { scratch, dirs, env };
}

/** Writes the user settings: the quiet defaults, with `settings` over them. */
export function writeUserSettings(userData: string, settings: Record<string, unknown> | undefined): void {
  const settingsFile = path.join(userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}
