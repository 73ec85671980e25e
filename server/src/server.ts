import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionHandler, registerCodeActions } from './lsp/codeActions';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { AnalysisCache } from './lsp/documents';
import { SettingsStore } from './lsp/settings';
import { registerSemanticTokens, SEMANTIC_TOKENS_LEGEND, SemanticTokensHandler } from './lsp/semanticTokens';
import { registerStageGraph, StageGraphHandler } from './lsp/stageGraph';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
const settings = new SettingsStore(connection);
const diagnostics = new DiagnosticsPublisher(connection, documents, cache, settings);
const actions = new CodeActionHandler(documents, cache, settings);
const semanticTokens = new SemanticTokensHandler(documents, cache, settings);
const stageGraph = new StageGraphHandler(documents, cache, settings);

connection.onInitialize((params) => {
  settings.supportsPull = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite],
        resolveProvider: true,
      },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    },
    serverInfo: { name: 'stagewright', version: process.env.STAGEWRIGHT_VERSION ?? '0.0.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  diagnostics.refreshAll();
});

documents.onDidChangeContent((event) => diagnostics.schedule(event.document));
documents.onDidClose((event) => {
  cache.delete(event.document.uri);
  settings.forget(event.document.uri);
  diagnostics.clear(event.document.uri);
});

registerCodeActions(connection, actions);
registerSemanticTokens(connection, semanticTokens);
registerStageGraph(connection, stageGraph);

documents.listen(connection);
connection.listen();
