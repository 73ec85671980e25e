import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/protocol';

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonLocation {
  uri: string;
  range: { start: JsonPosition; end: JsonPosition };
}

function toPosition(p: JsonPosition): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

/**
 * The server's code lenses carry plain JSON (a URI string, a position, locations); VS Code's
 * `editor.action.showReferences` wants its own types. This command converts and forwards.
 */
export function registerShowReferences(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      COMMANDS.showReferences,
      (uri: string, position: JsonPosition, locations: JsonLocation[]) =>
        vscode.commands.executeCommand(
          'editor.action.showReferences',
          vscode.Uri.parse(uri),
          toPosition(position),
          (locations ?? []).map(
            (l) =>
              new vscode.Location(
                vscode.Uri.parse(l.uri),
                new vscode.Range(toPosition(l.range.start), toPosition(l.range.end)),
              ),
          ),
        ),
    ),
  );
}
