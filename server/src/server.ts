import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionHandler } from './lsp/code-actions';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { AnalysisCache } from './lsp/analysis-cache';
import { LanguageFeatures } from './lsp/language-features';
import {
  DOCKER_EXTENSION_CHANGED,
  STAGE_GRAPH_REQUEST,
  type StageGraphParams,
  VERIFY_REQUEST,
  type VerifyParams,
} from '../../shared/protocol';
import { SettingsStore } from './lsp/settings';
import { WorkspaceFiles } from './lsp/workspace-files';
import { exitWhenInputEnds, keepStdoutForProtocol, SingleWriteMessageWriter } from './lsp/transport';
import { SEMANTIC_TOKENS_LEGEND, SemanticTokensHandler } from './lsp/semantic-tokens';
import { StageGraphHandler } from './lsp/stage-graph-request';
import { VerifyHandler } from './lsp/verify-request';

// Over stdio, messages go out with one write each (see transport.ts); other transports as the library sets them up.
const stdio = process.argv.includes('--stdio');
if (stdio) keepStdoutForProtocol();
const connection = stdio
  ? createConnection(
      ProposedFeatures.all,
      new StreamMessageReader(process.stdin),
      new SingleWriteMessageWriter(process.stdout),
    )
  : createConnection(ProposedFeatures.all);
if (stdio) exitWhenInputEnds(process.stdin, connection);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
cache.track(documents);
const settings = new SettingsStore(connection);
const diagnostics = new DiagnosticsPublisher(connection, documents, cache, settings);
const workspaceFiles = new WorkspaceFiles(() => settings.workspaceFolders);
const actions = new CodeActionHandler(documents, cache, settings, workspaceFiles);
const semanticTokens = new SemanticTokensHandler(documents, cache, settings);
const stageGraph = new StageGraphHandler(documents, cache, settings);
const verifier = new VerifyHandler(connection);
const features = new LanguageFeatures(documents, cache, settings);
// Code lenses say what builds a stage: asked again when the targets may have changed (settings, build files).
let codeLensRefresh = false;
const refreshCodeLenses = () => void (codeLensRefresh && connection.sendRequest(CodeLensRefreshRequest.type));

// The project config files are watched through the client, when it lets the server register watchers.
let watchedFilesRegistration = false;

connection.onInitialize((params) => {
  settings.supportsPull = params.capabilities.workspace?.configuration === true;
  watchedFilesRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  settings.workspaceFoldersSupported = params.capabilities.workspace?.workspaceFolders === true;
  settings.initialize(params.initializationOptions, params.workspaceFolders, params.rootUri);
  features.configure(params.capabilities);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite],
        resolveProvider: true,
      },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: { label: 'Stages' },
      foldingRangeProvider: true,
      // Completion opens by itself after `-` (a flag), `=` and `,` (a stage name, a mount option).
      completionProvider: { triggerCharacters: ['-', '=', ','] },
      codeLensProvider: { resolveProvider: false },
      ...(settings.workspaceFoldersSupported
        ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } }
        : {}),
    },
    serverInfo: { name: 'stagewright', version: process.env.STAGEWRIGHT_VERSION ?? '0.0.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  diagnostics.refreshAll();
  refreshCodeLenses();
});

connection.onInitialized(() => {
  settings.configProblems.watch(watchedFilesRegistration);
  if (settings.workspaceFoldersSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      settings.workspaceFoldersChanged(event.added, event.removed);
      diagnostics.refreshAll();
    });
  }
});

connection.onNotification(DOCKER_EXTENSION_CHANGED, (facts: unknown) => {
  if (settings.setFacts(facts)) diagnostics.refreshAll();
});

// A .dockerignore or a build file changed (the client watches them): both are part of the documents' settings.
connection.onDidChangeWatchedFiles((params) => {
  settings.filesChanged(params.changes.map((change) => change.uri));
  diagnostics.refreshAll();
  refreshCodeLenses();
});

documents.onDidChangeContent((event) => diagnostics.schedule(event.document));
documents.onDidClose((event) => {
  cache.delete(event.document.uri);
  settings.forget(event.document.uri);
  diagnostics.clear(event.document.uri);
});

// One line per request: the method and the handler that answers it.
connection.onCodeAction((params) => actions.provide(params));
connection.onCodeActionResolve((action) => actions.resolve(action));
connection.languages.semanticTokens.on((params) => semanticTokens.full(params));
connection.onRequest(STAGE_GRAPH_REQUEST, (params: StageGraphParams) => stageGraph.graph(params));
connection.onRequest(VERIFY_REQUEST, (params: VerifyParams, token) => verifier.verify(params, token));
connection.onHover((params) => features.hover(params));
connection.onDefinition((params) => features.definition(params));
connection.onReferences((params) => features.references(params));
connection.onDocumentHighlight((params) => features.documentHighlight(params));
connection.onPrepareRename((params) => features.prepareRename(params));
connection.onRenameRequest((params) => features.rename(params));
connection.onDocumentSymbol((params) => features.documentSymbol(params));
connection.onFoldingRanges((params) => features.foldingRanges(params));
connection.onCompletion((params) => features.completion(params));
connection.onCodeLens((params) => features.codeLens(params));

documents.listen(connection);
connection.listen();
