/**
 * Extension-host test runs in code-server: what @vscode/test-electron does with desktop VS Code
 * (--extensionDevelopmentPath, --extensionTestsPath), on machines where it cannot be downloaded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EditorSession } from './session';

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
  const emptyWorkspace =
    run.workspace === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'stagewright-empty-ws-')) : undefined;
  let settle: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    settle = resolve;
  });
  let editor: EditorSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    editor = await EditorSession.launch({
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
      timer = setTimeout(
        () => reject(new Error(`the extension-host tests did not finish within ${timeout} ms`)),
        timeout,
      );
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
