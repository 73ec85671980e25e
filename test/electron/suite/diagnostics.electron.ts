/**
 * Runs inside the VS Code extension host with the extension under development loaded
 * (extensionDevelopmentPath = the repository root, so dist/ must be built).
 * The workspace is a copy of test/editor/fixtures/misspelled-stage: a multi-stage Dockerfile
 * whose `COPY --from=biulder` misspells the stage `builder`.
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'stagewright.stagewright';
const TYPO = 'biulder';
const STAGE = 'builder';
const WAIT_MS = 60_000;

/** Resolves with the first diagnostic of `uri` that satisfies `match`, as soon as VS Code has one. */
function waitForDiagnostic(
  uri: vscode.Uri,
  match: (d: vscode.Diagnostic) => boolean,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = vscode.languages.getDiagnostics(uri).find(match);
      if (!found) return false;
      done();
      resolve(found);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `no matching diagnostic for ${uri.toString()} within ${timeoutMs} ms; it has: ` +
            JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => ({ source: d.source, message: d.message }))),
        ),
      );
    }, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Resolves once no diagnostic of `uri` satisfies `match`. */
function waitForNoDiagnostic(uri: vscode.Uri, match: (d: vscode.Diagnostic) => boolean, timeoutMs = WAIT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (vscode.languages.getDiagnostics(uri).some(match)) return;
      done();
      resolve();
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`a matching diagnostic was still reported for ${uri.toString()} after ${timeoutMs} ms`));
    }, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

const isTypoReport = (d: vscode.Diagnostic): boolean => d.source === 'stagewright' && d.message.includes(TYPO);

describe('Stagewright in the extension host', () => {
  let document: vscode.TextDocument;
  let diagnostic: vscode.Diagnostic;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test run must open the fixture folder as its workspace');
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'Dockerfile'));
    await vscode.window.showTextDocument(document);
  });

  it('activates on a Dockerfile', async () => {
    assert.equal(document.languageId, 'dockerfile');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repository root?`);
    await extension.activate();
    assert.ok(extension.isActive);
  });

  it('reports the misspelled COPY --from stage', async () => {
    diagnostic = await waitForDiagnostic(document.uri, isTypoReport);
    const text = document.getText();
    const flagStart = text.indexOf(`--from=${TYPO}`);
    assert.ok(flagStart >= 0, 'fixture lacks the misspelled flag');
    const flagEnd = flagStart + `--from=${TYPO}`.length;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    assert.ok(
      start >= flagStart && end <= flagEnd && end > start,
      `the range [${start}, ${end}) is not inside --from=${TYPO} [${flagStart}, ${flagEnd})`,
    );
    assert.ok(
      diagnostic.severity === vscode.DiagnosticSeverity.Warning || diagnostic.severity === vscode.DiagnosticSeverity.Error,
      `unexpected severity ${vscode.DiagnosticSeverity[diagnostic.severity]}`,
    );
    assert.equal(vscode.languages.getDiagnostics(document.uri).filter(isTypoReport).length, 1, 'reported more than once');
  });

  it('fixes the name with the quick fix and the diagnostic goes away', async () => {
    assert.ok(diagnostic, 'needs the diagnostic of the previous test');
    // The fourth argument asks VS Code to resolve the actions' edits (the server computes them lazily).
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
        10,
      )) ?? [];
    const fix = actions.find((a) => a.edit !== undefined && a.title.includes(STAGE));
    assert.ok(fix?.edit, `no quick fix mentioning '${STAGE}' among: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit was not applied');
    assert.ok(document.getText().includes(`--from=${STAGE} `), 'the quick fix did not write the stage name');
    assert.ok(!document.getText().includes(TYPO), 'the misspelling is still in the document');
    await waitForNoDiagnostic(document.uri, isTypoReport);
  });
});
