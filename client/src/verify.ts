/**
 * "Stagewright: Verify Split with Docker": asks the language server to verify (`stagewright/verify`,
 * the CLI's verify) the active Dockerfile against the one it came from (the text the split replaced,
 * kept when the split was applied) or a file the user picks, shows its progress in a cancellable
 * notification and its result in a webview report. After a split, a notification offers it when a
 * Docker engine answers. Nothing runs without the user's action, and nothing in an untrusted
 * workspace: verify builds and runs the user's images.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import {
  COMMANDS,
  SPLIT_ACTION_TITLE,
  VERIFY_PROGRESS,
  VERIFY_REQUEST,
  type VerifyParams,
  type VerifyProgressParams,
  type VerifyResult,
} from '../../shared/protocol';
import type { VerifyReport } from '../../shared/verify-data';
import { verifyReportHtml } from '../../shared/verify-report';
import { applyOffsetEdits } from '../../shared/text-edits';

/** The text each document had before the split was applied to it, by URI. */
const originals = new Map<string, string>();

const UNTRUSTED =
  'Stagewright: Verify with Docker builds and runs your images, so it is off in an untrusted workspace.';

export function registerVerify(
  output: vscode.LogOutputChannel,
  client: () => LanguageClient | undefined,
): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.verifySplit, (uri?: vscode.Uri) => verifyCommand(client, output, uri)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      const uri = event.document.uri.toString();
      const pending = pendingSplits.get(uri);
      if (!pending || event.contentChanges.length === 0) return;
      pendingSplits.delete(uri);
      if (pending.results.has(event.document.getText())) void offerVerify(client, output, uri, pending.original);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => pendingSplits.delete(document.uri.toString())),
  );
}

/** A split offered for a document: its text then, and the texts each of the split's actions would
 * leave. The next change of the document tells whether one of them was applied. */
interface PendingSplit {
  version: number;
  original: string;
  results: Set<string>;
}

const pendingSplits = new Map<string, PendingSplit>();

/**
 * Remembers what each split action would make of its document, so that the change that applies one
 * offers to verify it. Watching the document rather than attaching a command to the action: VS Code
 * drops an action's command when the light bulb asks for actions again before the user picks one
 * (diagnostics refreshed, cursor moved), so a command would be lost now and then.
 */
export function verifyMiddleware(): Middleware {
  return {
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = await next(document, range, context, token);
      if (!actions) return actions;
      for (const action of actions)
        if (action instanceof vscode.CodeAction && action.title.startsWith(SPLIT_ACTION_TITLE) && action.edit)
          rememberSplit(document, action.edit);
      return actions;
    },
    resolveCodeAction: async (item, token, next) => {
      const resolved = await next(item, token);
      if (resolved?.edit && resolved.title.startsWith(SPLIT_ACTION_TITLE)) {
        for (const [uri] of resolved.edit.entries()) {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document) rememberSplit(document, resolved.edit);
        }
      }
      return resolved;
    },
  };
}

function rememberSplit(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): void {
  const edits = edit.get(document.uri);
  if (edits.length === 0) return;
  let result: string;
  try {
    result = applyEdits(document, edits);
  } catch {
    // Overlapping edits, which the editor refuses to apply: there is no split to verify.
    return;
  }
  const uri = document.uri.toString();
  let pending = pendingSplits.get(uri);
  if (!pending || pending.version !== document.version) {
    pending = { version: document.version, original: document.getText(), results: new Set() };
    pendingSplits.set(uri, pending);
  }
  pending.results.add(result);
}

/** The document's text with the edits applied (their ranges are in the text as it is now). */
function applyEdits(document: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  return applyOffsetEdits(
    document.getText(),
    edits.map((e) => ({
      start: document.offsetAt(e.range.start),
      end: document.offsetAt(e.range.end),
      text: e.newText,
    })),
  );
}

async function offerVerify(
  client: () => LanguageClient | undefined,
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
  if (choice === 'Verify with Docker') await verifyCommand(client, output, vscode.Uri.parse(uri));
}

function dockerCommand(): string {
  const configured = vscode.workspace.getConfiguration('stagewright').get<string>('verify.dockerPath');
  return configured && configured.trim() !== '' ? configured.trim() : 'docker';
}

function buildNetwork(): { buildNetwork?: string } {
  const network = vscode.workspace.getConfiguration('stagewright').get<string>('verify.buildNetwork')?.trim();
  return network ? { buildNetwork: network } : {};
}

/** Whether `docker version` reaches an engine within 15 seconds (a busy engine can be slow to answer). */
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
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
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
  client: () => LanguageClient | undefined,
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
  let originalName = `${path.basename(document.uri.fsPath)} before the split`;
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
  await runVerify(client(), output, document, originalText, originalName);
}

async function runVerify(
  client: LanguageClient | undefined,
  output: vscode.LogOutputChannel,
  document: vscode.TextDocument,
  originalText: string,
  originalName: string,
): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Stagewright: the language server is not running; restart it and try again.');
    return;
  }
  const name = path.basename(document.uri.fsPath);
  const id = randomBytes(8).toString('hex');
  const params: VerifyParams = {
    id,
    candidatePath: document.uri.fsPath,
    candidateText: document.getText(),
    originalText,
    originalName,
    docker: dockerCommand(),
    ...buildNetwork(),
  };
  output.info(`Verifying ${name} against ${originalName} with Docker (${params.docker})`);
  let cancelled = false;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Verifying ${name} with Docker`, cancellable: true },
    async (progress, token) => {
      let step = 'starting';
      const started = Date.now();
      const show = () => progress.report({ message: `${step} (${Math.round((Date.now() - started) / 1000)} s)` });
      show();
      const ticker = setInterval(show, 1000);
      const listener = client.onNotification(VERIFY_PROGRESS, (p: VerifyProgressParams) => {
        if (p.id !== id || cancelled) return;
        step = p.step;
        show();
      });
      token.onCancellationRequested(() => {
        cancelled = true;
        step = 'cancelling: removing what verify created';
        show();
      });
      try {
        return await client.sendRequest<VerifyResult>(VERIFY_REQUEST, params, token);
      } catch (error) {
        return { error: cancelled ? 'cancelled' : `verify failed: ${(error as Error)?.message ?? String(error)}` };
      } finally {
        clearInterval(ticker);
        listener.dispose();
      }
    },
  );
  if (cancelled) {
    void vscode.window.showInformationMessage(
      'Stagewright: verify cancelled; what it created on the engine is removed.',
    );
    return;
  }
  if ('error' in result) {
    output.warn(`Verify: ${result.error}`);
    void vscode.window.showErrorMessage(`Stagewright: could not verify: ${result.error}`);
    return;
  }
  showReport(result.report, name);
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
