import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderStageGraphSvg } from '../../shared/graph-layout';
import { isGraphViewMessage, stageGraphHtml, summarizeGraph, type GraphViewUpdate } from '../../shared/graph-view';
import { COMMANDS, STAGE_GRAPH_REQUEST, type StageGraphParams, type StageGraphResult } from '../../shared/protocol';

const VIEW_TYPE = 'stagewright.stageGraph';
const REFRESH_DELAY_MS = 250;
const WEBVIEW_OPTIONS: vscode.WebviewOptions = { enableScripts: true, localResourceRoots: [] };

/**
 * The tab's title names the file with its folder ("Stage Graph: api/Dockerfile"): repositories hold
 * many files called Dockerfile, one per service.
 */
export function graphTitle(uri: vscode.Uri): string {
  return `Stage Graph: ${fileLabel(uri)}`;
}

/** The file with its folder, `api/Dockerfile` (the name alone for an untitled file or one at the root). */
function fileLabel(uri: vscode.Uri): string {
  const file = path.posix.basename(uri.path);
  const folder = path.posix.basename(path.posix.dirname(uri.path));
  return folder && uri.scheme !== 'untitled' ? `${folder}/${file}` : file;
}

function isDockerfile(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document?.languageId === 'dockerfile';
}

/**
 * One webview showing the stage graph of a Dockerfile: the active one when the command runs, then
 * whichever Dockerfile editor becomes active. It redraws when that document changes.
 */
class StageGraphPanel implements vscode.Disposable {
  private uri: vscode.Uri;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    document: vscode.TextDocument,
    private readonly client: () => LanguageClient | undefined,
    private readonly onDispose: () => void,
  ) {
    this.uri = document.uri;
    panel.webview.html = stageGraphHtml(randomBytes(16).toString('base64'));
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => panel.visible && this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument(
        (e) => e.document.uri.toString() === this.uri.toString() && this.schedule(),
      ),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor.document)),
    );
  }

  follow(document: vscode.TextDocument): void {
    if (!isDockerfile(document)) return;
    this.uri = document.uri;
    this.panel.title = graphTitle(document.uri);
    this.schedule(0);
  }

  private receive(message: unknown): void {
    if (!isGraphViewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.schedule(0);
      return;
    }
    const line = message.line;
    const column = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.toString() === this.uri.toString(),
    )?.viewColumn;
    void vscode.window.showTextDocument(this.uri, {
      viewColumn: column ?? vscode.ViewColumn.One,
      selection: new vscode.Range(line, 0, line, 0),
    });
  }

  private schedule(delay = REFRESH_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    if (!this.ready || !this.panel.visible) return;
    const uri = this.uri;
    const update: GraphViewUpdate = {
      type: 'graph',
      uri: uri.toString(),
      file: fileLabel(uri),
      status: '',
      svg: '',
    };
    const client = this.client();
    try {
      if (!client?.isRunning()) throw new Error('the Stagewright language server is not running');
      const params: StageGraphParams = { uri: client.code2ProtocolConverter.asUri(uri) };
      const graph = await client.sendRequest<StageGraphResult | null>(STAGE_GRAPH_REQUEST, params);
      if (uri.toString() !== this.uri.toString()) return;
      if (!graph) {
        update.status = '— open this Dockerfile in an editor to see its stages';
      } else {
        update.status = `— ${summarizeGraph(graph)}`;
        update.svg = renderStageGraphSvg(graph);
      }
    } catch (error) {
      update.status = `— no graph: ${error instanceof Error ? error.message : String(error)}`;
    }
    void this.panel.webview.postMessage(update);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

async function openDockerfile(target: unknown): Promise<vscode.TextDocument | undefined> {
  if (target instanceof vscode.Uri) {
    try {
      return await vscode.workspace.openTextDocument(target);
    } catch {
      return undefined;
    }
  }
  return vscode.window.activeTextEditor?.document;
}

/**
 * Registers "Stagewright: Show Stage Graph" (for the active editor, or the file it is invoked on from
 * the explorer or an editor title) and brings the graph back after a window reload.
 */
export function registerStageGraph(client: () => LanguageClient | undefined): vscode.Disposable {
  let current: StageGraphPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel, document: vscode.TextDocument): void => {
    current = new StageGraphPanel(panel, document, client, () => (current = undefined));
  };
  const command = vscode.commands.registerCommand(COMMANDS.showStageGraph, async (target?: unknown) => {
    const document = await openDockerfile(target);
    if (!isDockerfile(document)) {
      void vscode.window.showInformationMessage('Stagewright: open a Dockerfile to see its stage graph.');
      return;
    }
    if (current) {
      current.follow(document);
      current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      graphTitle(document.uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      WEBVIEW_OPTIONS,
    );
    adopt(panel, document);
  });
  const serializer = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const uri =
        state && typeof state === 'object' && typeof (state as { uri?: unknown }).uri === 'string'
          ? (state as { uri: string }).uri
          : undefined;
      const document = uri ? await openDockerfile(vscode.Uri.parse(uri)) : undefined;
      if (current || !isDockerfile(document)) {
        panel.dispose();
        return;
      }
      panel.webview.options = WEBVIEW_OPTIONS;
      adopt(panel, document);
    },
  });
  return vscode.Disposable.from(command, serializer);
}
