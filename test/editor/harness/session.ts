/**
 * One real editor: the packaged .vsix installed in code-server (VS Code in the browser, with a real
 * Node extension host), opened in Debian's Chromium through playwright-core. The session owns their
 * lifecycle (a scratch profile, code-server's process group, the browser), the page, the evidence a
 * failure needs (screenshots, the extension host's log) and the processes it started. What a user
 * does in it lives beside: quick-input.ts, editor.ts, problems.ts, code-actions.ts,
 * language-features.ts. Everything waits on UI state, never on fixed delays.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extensionHostLogOf, formatConsoleArgs, keepLogs } from './logs';
import { createProfile, writeUserSettings } from './profile';
import {
  freePort,
  guardProcessGroup,
  installExtension,
  processesUnder,
  stopProcessGroup,
  waitForHealth,
  waitForProcessUnder,
} from './processes';
import { findEditorTools, loadPlaywright, screenshotPath, TIMEOUTS, type EditorTools } from './tools';

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

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class EditorSession {
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
  static async launch(options: EditorOptions): Promise<EditorSession> {
    const tools = findEditorTools();
    const vsix = options.vsix === undefined ? undefined : path.resolve(options.vsix);
    const workspace = path.resolve(options.workspace);
    if (vsix !== undefined && !fs.existsSync(vsix)) throw new Error(`No such .vsix: ${vsix}`);
    const developmentPaths = (options.extensionDevelopmentPath ?? []).map((p) => path.resolve(p));
    for (const dir of developmentPaths) {
      if (!fs.existsSync(path.join(dir, 'package.json')))
        throw new Error(`Not an extension folder (no package.json): ${dir}`);
    }
    const testsPath = options.extensionTestsPath === undefined ? undefined : path.resolve(options.extensionTestsPath);
    if (testsPath !== undefined && !fs.existsSync(testsPath))
      throw new Error(`No such extension test runner: ${testsPath}`);
    if (!fs.statSync(workspace).isDirectory()) throw new Error(`The workspace is not a folder: ${workspace}`);
    const name = options.name ?? path.basename(workspace);

    const { scratch, dirs, env } = createProfile(tools);

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

      writeUserSettings(dirs.userData, options.settings);

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
          '--config',
          configFile,
          '--bind-addr',
          `127.0.0.1:${port}`,
          '--auth',
          'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--user-data-dir',
          dirs.userData,
          '--extensions-dir',
          dirs.extensions,
          // A built VS Code honours extensionDevelopmentPath/extensionTestsPath from the page's payload
          // only with its smoke-test driver enabled.
          ...(developmentPaths.length > 0 || testsPath !== undefined
            ? ['--vscode-option', 'enable-smoke-test-driver']
            : []),
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
      const editor = new EditorSession(tools, server, browser, page, url, scratch, workspace, name, unguard);
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
      const remote = (file: string): string =>
        `vscode-remote://127.0.0.1:${port}${file.split(path.sep).map(encodeURIComponent).join('/')}`;
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

  /** Reads a workspace file from disk (after save()), as the user's next build would see it. */
  readWorkspaceFile(relativePath: string): string {
    return fs.readFileSync(path.join(this.workspace, relativePath), 'utf8');
  }

  /** Processes started under this session's scratch profile whose command line matches `pattern`
   * (e.g. an extension's language server), as { pid, args }. Linux only (reads /proc). */
  processes(pattern: RegExp): Array<{ pid: number; args: string }> {
    return processesUnder(this.scratch, pattern);
  }

  /** Waits until processes(pattern) lists a process that `accept` accepts, and returns it. */
  waitForProcess(
    pattern: RegExp,
    accept?: (p: { pid: number; args: string }) => boolean,
    timeout?: number,
  ): Promise<{ pid: number; args: string }> {
    return waitForProcessUnder(this.scratch, pattern, accept, timeout);
  }

  /** Saves a full-page screenshot to test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = screenshotPath(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /** What the extension host logged so far (activation errors, crashes of the language server). */
  extensionHostLog(): string {
    return extensionHostLogOf(path.join(this.scratch, 'user-data'));
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
