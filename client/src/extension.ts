import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { BUILD_FILE_GLOBS, DOCKERFILE_GLOBS } from '../../shared/build-files';
import { COMMANDS, DOCKER_EXTENSION_CHANGED, SETTINGS_SECTION, type DockerExtensionFacts } from '../../shared/protocol';
import { registerShowReferences } from './show-references';
import { registerStageGraph } from './stage-graph-panel';
import { SERVER_NODE_FLAGS } from './server-flags';
import { registerVerify, verifyMiddleware } from './verify';

let client: LanguageClient | undefined;

/** The Docker extensions whose Dockerfile diagnostics overlap ours (Docker DX, and the older one). */
const DOCKER_EXTENSIONS = ['docker.docker', 'ms-azuretools.vscode-docker'];

let watchers: vscode.FileSystemWatcher[] | undefined;

/**
 * The watchers for the extension's lifetime, shared by every client started (restarts included):
 * .dockerignore files, the build files that say which stages are built as targets and which images
 * the workspace builds, and the Dockerfiles that describe those images.
 */
function fileWatchers(context: vscode.ExtensionContext): vscode.FileSystemWatcher[] {
  if (!watchers) {
    watchers = ['**/{.dockerignore,*.dockerignore}', ...BUILD_FILE_GLOBS, ...DOCKERFILE_GLOBS].map((glob) =>
      vscode.workspace.createFileSystemWatcher(glob),
    );
    context.subscriptions.push(...watchers);
  }
  return watchers;
}

function dockerExtensionFacts(): DockerExtensionFacts {
  return { dockerExtensionInstalled: DOCKER_EXTENSIONS.some((id) => vscode.extensions.getExtension(id) !== undefined) };
}

/** Restarts after a crash, up to five times in three minutes, then tells the user. */
function crashHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && now - restarts[0]! > 3 * 60 * 1000) restarts.shift();
      if (restarts.length <= 5) {
        output.warn('The Stagewright server stopped unexpectedly; restarting it.');
        return { action: CloseAction.Restart };
      }
      void vscode.window.showErrorMessage(
        'The Stagewright language server crashed five times in three minutes and will not be restarted. See the "Stagewright" output for details, then run "Stagewright: Restart Server".',
      );
      return { action: CloseAction.DoNotRestart };
    },
  };
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // A .dockerignore is part of the settings of the Dockerfiles beside it; build files say which
      // stages are built as targets.
      fileEvents: fileWatchers(context),
    },
    initializationOptions: dockerExtensionFacts(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crashHandler(output),
    // The split's code actions offer Verify with Docker once applied.
    middleware: verifyMiddleware(),
  };
  return new LanguageClient('stagewright', 'Stagewright', serverOptions, clientOptions);
}

async function start(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  client = createClient(context, output);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`Could not start the Stagewright language server: ${message}`);
    void vscode.window.showErrorMessage(
      `Stagewright: the language server could not start (${message}). See the "Stagewright" output.`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Stagewright', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      if (client) {
        try {
          await client.stop();
        } catch {
          // A server that already died cannot be stopped; start a new one anyway.
        }
      }
      await start(context, output);
      void vscode.window.setStatusBarMessage('Stagewright: server restarted', 3000);
    }),
  );
  // Installing or removing a Docker extension changes which rules the server hides.
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      if (client?.isRunning()) {
        void client.sendNotification(DOCKER_EXTENSION_CHANGED, dockerExtensionFacts());
      }
    }),
  );
  registerShowReferences(context);
  context.subscriptions.push(registerStageGraph(() => client));
  context.subscriptions.push(registerVerify(output, () => client));
  await start(context, output);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
