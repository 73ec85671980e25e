/**
 * One editor per test file, through node:test's before and after hooks.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { openFile } from './editor';
import { EditorSession } from './session';
import { findEditorTools, findVsix } from './tools';

export interface EditorSessionOptions {
  /** A folder copied into a fresh scratch workspace. */
  fixture: string;
  /** Names the session's logs and scratch folders. */
  name: string;
  /** The workspace file opened once the editor is up. */
  open?: string;
  settings?: Record<string, unknown>;
}

/**
 * One editor per test file: registers hooks that copy the fixture into a scratch workspace, install
 * the packaged extension, launch code-server and Chromium, open a file, and tear it all down after.
 * The returned function gives the editor, failing clearly when the launch itself failed.
 */
export function editorSession(options: EditorSessionOptions): () => EditorSession {
  let editor: EditorSession | undefined;
  let workspace = '';
  before(async () => {
    findEditorTools(); // fails first, with the setup hint, when the tools are missing
    const vsix = findVsix();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), `stagewright-${options.name}-ws-`));
    fs.cpSync(options.fixture, workspace, { recursive: true });
    editor = await EditorSession.launch({
      vsix,
      workspace,
      name: options.name,
      ...(options.settings ? { settings: options.settings } : {}),
    });
    await openFile(editor, options.open ?? 'Dockerfile');
  });
  after(async () => {
    await editor?.dispose();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });
  return () => {
    if (!editor) throw new Error('the editor did not start (see the before hook failure)');
    return editor;
  };
}
