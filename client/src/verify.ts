/**
 * "Stagewright: Verify Split with Docker": runs the bundled CLI's `verify` (dist/cli.js, in a child
 * Node process) on the active Dockerfile and the one it came from (the text the split replaced, kept
 * when the split was applied) or a file the user picks, shows its progress in a cancellable
 * notification and its result in a webview report. After a split, a notification offers it when a
 * Docker engine answers. Nothing runs without the user's action, and nothing in an untrusted
 * workspace: verify builds and runs the user's images.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { COMMANDS, SPLIT_ACTION_TITLE } from '../../shared/protocol';
import type { VerifyProgress, VerifyReport } from '../../shared/verify-data';
import { verifyReportHtml } from '../../shared/verify-report';

/** The text each document had before the split was applied to it, by URI. */
const originals = new Map<string, string>();

const UNTRUSTED =
  'Stagewright: Verify with Docker builds and runs your images, so it is off in an untrusted workspace.';

export function registerVerify(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.verifySplit, (uri?: vscode.Uri) => verifyCommand(context, output, uri)),
    vscode.commands.registerCommand(COMMANDS.offerVerify, (uri: string, original: string) =>
      offerVerify(context, output, uri, original),
    ),
  );
}

/**
 * Marks the split's code actions so that, once VS Code applied one, it runs COMMANDS.offerVerify with
 * the document's text from before the split.
 */
export function verifyMiddleware(): Middleware {
  return {
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = await next(document, range, context, token);
      if (!actions) return actions;
      for (const action of actions) {
        if (action instanceof vscode.CodeAction && action.title.startsWith(SPLIT_ACTION_TITLE) && !action.command) {
          action.command = {
            title: 'Offer to verify the split',
            command: COMMANDS.offerVerify,
            arguments: [document.uri.toString(), document.getText()],
          };
        }
      }
      return actions;
    },
    resolveCodeAction: async (item, token, next) => {
      const resolved = await next(item, token);
      if (resolved && !resolved.command && item.command) resolved.command = item.command;
      return resolved;
    },
  };
}

async function offerVerify(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  uri: string,
  original: string,
): Promise<void> {
  originals.set(uri, original);
  if (!vscode.workspace.isTrusted) return;
  const docker = dockerCommand();
  if (!(await engineAnswers(docker))) {
    output.info('The split was applied; no Docker engine answers, so verifying it was not offered.');
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    'Split applied. Verify that the split image builds and runs like the original?',
    'Verify with Docker',
  );
  if (choice === 'Verify with Docker') await verifyCommand(context, output, vscode.Uri.parse(uri));
}

function dockerCommand(): string {
  const configured = vscode.workspace.getConfiguration('stagewright').get<string>('verify.dockerPath');
  return configured && configured.trim() !== '' ? configured.trim() : 'docker';
}

function buildNetworkArgs(): string[] {
  const network = vscode.workspace.getConfiguration('stagewright').get<string>('verify.buildNetwork')?.trim();
  return network ? ['--build-network', network] : [];
}

/** Whether `docker version` reaches an engine within a few seconds. */
function engineAnswers(docker: string): Promise<boolean> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(docker, ['version', '--format', '{{.Server.Version}}'], { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(false);
      return;
    }
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 && out.trim() !== '');
    });
  });
}

async function verifyCommand(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  uri?: vscode.Uri,
): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(UNTRUSTED);
    return;
  }
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (document === undefined || document.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Stagewright: open a Dockerfile saved on disk to verify it with Docker.');
    return;
  }
  let originalText = originals.get(document.uri.toString());
  let originalName = 'the original before the split';
  if (originalText === undefined) {
    const picked = await vscode.window.showOpenDialog({
      title: `Compare ${path.basename(document.uri.fsPath)} with which Dockerfile?`,
      defaultUri: vscode.Uri.file(path.dirname(document.uri.fsPath)),
      canSelectMany: false,
      openLabel: 'Verify against this Dockerfile',
    });
    if (!picked?.[0]) return;
    originalText = (await vscode.workspace.openTextDocument(picked[0])).getText();
    originalName = path.basename(picked[0].fsPath);
  }
  await runVerify(context, output, document, originalText, originalName);
}

interface CliResult {
  code: number;
  report: VerifyReport | undefined;
  stderr: string;
  cancelled: boolean;
}

async function runVerify(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  document: vscode.TextDocument,
  originalText: string,
  originalName: string,
): Promise<void> {
  const file = document.uri.fsPath;
  const name = path.basename(file);
  // Both texts go to a folder of their own (the editor's text may be unsaved); the context is the
  // Dockerfile's folder, and a `<name>.dockerignore` there is copied beside each so it still applies.
  const scratch = mkdtempSync(path.join(tmpdir(), 'stagewright-verify-'));
  const original = path.join(scratch, 'original.Dockerfile');
  const candidate = path.join(scratch, 'candidate.Dockerfile');
  writeFileSync(original, originalText);
  writeFileSync(candidate, document.getText());
  const ignore = `${file}.dockerignore`;
  if (existsSync(ignore)) {
    copyFileSync(ignore, `${original}.dockerignore`);
    copyFileSync(ignore, `${candidate}.dockerignore`);
  }
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const args = [
    'verify',
    '--json',
    '--events',
    '--docker',
    dockerCommand(),
    ...buildNetworkArgs(),
    '--context',
    path.dirname(file),
    original,
    candidate,
  ];
  output.info(`Verifying ${name} with Docker: node ${cli} ${args.join(' ')}`);
  let result: CliResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying ${name} with Docker`, cancellable: true },
      (progress, token) => runCli(cli, args, progress, token, output),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (result.cancelled) {
    void vscode.window.showInformationMessage(
      'Stagewright: verify cancelled; what it created on the engine was removed.',
    );
    return;
  }
  const report = result.report;
  if (!report || report.original === undefined) {
    const line = lastLine(result.stderr) || `verify exited with ${result.code}`;
    void vscode.window.showErrorMessage(line.replace(/^stagewright: /, 'Stagewright: '));
    return;
  }
  report.original.dockerfile = originalName;
  report.candidate.dockerfile = name;
  showReport(report, name);
}

function runCli(
  cli: string,
  args: string[],
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
  output: vscode.LogOutputChannel,
): Promise<CliResult> {
  return new Promise((resolve) => {
    // In the desktop editor process.execPath is Electron: ELECTRON_RUN_AS_NODE makes it Node (as the language client does).
    const child = fork(cli, args, { silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    let step = 'starting';
    let cancelled = false;
    const started = Date.now();
    const show = () => progress.report({ message: `${step} (${Math.round((Date.now() - started) / 1000)} s)` });
    show();
    const ticker = setInterval(show, 1000);
    token.onCancellationRequested(() => {
      cancelled = true;
      step = 'cancelling: removing what verify created';
      show();
      child.kill('SIGTERM');
    });
    child.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    let pending = '';
    child.stderr?.on('data', (b: Buffer) => {
      pending += b.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseEvent(line);
        if (event && !cancelled) {
          step = event.step;
          show();
        } else if (!event) {
          stderr += `${line}\n`;
          output.info(line);
        }
      }
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (pending && !parseEvent(pending)) stderr += pending;
      let report: VerifyReport | undefined;
      try {
        report = JSON.parse(stdout) as VerifyReport;
      } catch {
        report = undefined;
      }
      resolve({ code: code ?? -1, report, stderr, cancelled });
    });
  });
}

function parseEvent(line: string): VerifyProgress | undefined {
  if (!line.startsWith('{"progress"')) return undefined;
  try {
    return (JSON.parse(line) as { progress: VerifyProgress }).progress;
  } catch {
    return undefined;
  }
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .pop() ?? ''
  );
}

let panel: vscode.WebviewPanel | undefined;

function showReport(report: VerifyReport, name: string): void {
  const title = `Verify: ${name}`;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('stagewright.verifyReport', title, vscode.ViewColumn.Beside, {
      enableScripts: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => {
      panel = undefined;
    });
  }
  panel.title = title;
  panel.webview.html = verifyReportHtml(report, randomBytes(16).toString('base64'));
  panel.reveal(vscode.ViewColumn.Beside);
}
