import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, type ActionProposal } from '../core';
import { toDiagnostic } from './convert';
import type { AnalysisCache } from './analysis-cache';
import type { SettingsStore } from './settings';
import type { WorkspaceFiles } from './workspace-files';

interface ResolveData {
  uri: string;
  version: number;
  id: string;
  range: CodeActionParams['range'];
}

const KINDS: Record<ActionProposal['kind'], string> = {
  quickfix: CodeActionKind.QuickFix,
  'refactor.rewrite': CodeActionKind.RefactorRewrite,
  'refactor.extract': CodeActionKind.RefactorExtract,
  'source.fixAll': CodeActionKind.SourceFixAll,
};

/** Answers codeAction with titles only; the edit is computed on codeAction/resolve. */
export class CodeActionHandler {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsStore,
    private readonly workspace?: WorkspaceFiles,
  ) {}

  private context(uri: string) {
    return { readWorkspaceFile: this.workspace?.readerFor(uri), listWorkspaceDir: this.workspace?.listerFor(uri) };
  }

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return [];
    const version = document.version;
    const settings = await this.settings.get(document.uri);
    // The range refers to that version: if a newer one arrived meanwhile, drop the request.
    this.cache.ensureCurrent(document.uri, version);
    const analysis = this.cache.get(document, settings);
    const only = params.context.only;
    return codeActions(analysis, params.range, settings, this.context(document.uri))
      .filter((p) => !only || only.some((kind) => KINDS[p.kind] === kind || KINDS[p.kind].startsWith(kind + '.')))
      .map((p) => {
        const data: ResolveData = { uri: document.uri, version: document.version, id: p.id, range: params.range };
        const action: CodeAction = { title: p.title, kind: KINDS[p.kind], data };
        if (p.isPreferred) action.isPreferred = true;
        if (p.fixes) action.diagnostics = p.fixes.map(toDiagnostic);
        return action;
      });
  }

  async resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as Partial<ResolveData> | undefined;
    if (!data || typeof data.uri !== 'string' || typeof data.id !== 'string' || !data.range) return action;
    const document = this.documents.get(data.uri);
    // An action for an older version of the document is stale: resolve it to no edit.
    if (!document || document.version !== data.version) return action;
    const settings = await this.settings.get(document.uri);
    if (document.version !== data.version) return action;
    const analysis = this.cache.get(document, settings);
    const proposal = codeActions(analysis, data.range, settings, this.context(document.uri)).find(
      (p) => p.id === data.id,
    );
    if (!proposal) return action;
    const edits = proposal.edits();
    action.edit = {
      documentChanges: [
        {
          textDocument: { uri: document.uri, version: document.version },
          edits: edits.map((e) => (proposal.needsConfirmation ? { ...e, annotationId: 'stagewright.preview' } : e)),
        },
      ],
    };
    if (proposal.needsConfirmation) {
      action.edit.changeAnnotations = {
        'stagewright.preview': {
          label: proposal.title,
          needsConfirmation: true,
          description: 'Review the change before applying it',
        },
      };
    }
    return action;
  }
}
