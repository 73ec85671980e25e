/**
 * The text editor: opening a file, the active editor, the cursor, typing, saving and what it
 * underlines.
 */
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { openQuickInput, pickQuickInputRow, runCommand } from './quick-input';
import type { EditorSession } from './session';
import { TIMEOUTS } from './tools';

/** The editor widget of the active editor group. */
export function activeEditor(ed: EditorSession): Locator {
  return ed.page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Closes whatever transient widget is open (quick input, hover, action menu, suggestions). */
export async function dismissOverlays(ed: EditorSession): Promise<void> {
  const overlays = ed.page.locator(
    '.quick-input-widget:visible, .monaco-hover:not(.hidden):visible, .action-widget:visible, .suggest-widget.visible',
  );
  for (let i = 0; i < 5 && (await overlays.count()) > 0; i++) await ed.page.keyboard.press('Escape');
}

/** Moves the cursor of the active editor to a 1-based line and column (Quick Open's ":line:column"). */
export async function goToPosition(
  ed: EditorSession,
  line: number,
  column: number,
  timeout: number = TIMEOUTS.ui,
): Promise<void> {
  await dismissOverlays(ed);
  const widget = await openQuickInput(ed, `:${line}:${column}`);
  // The quick input offers the target once it has parsed it; Enter then moves the cursor.
  await widget
    .locator(`.quick-input-list .monaco-list-row[aria-label*="line ${line}, column ${column}"]`)
    .waitFor({ state: 'visible', timeout });
  await widget.locator('.quick-input-box input').press('Enter');
  await widget.waitFor({ state: 'hidden', timeout });
  const status = ed.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` });
  await status.first().waitFor({ state: 'visible', timeout });
}

/** Replaces `length` characters at a 1-based line and column of the active editor with `text`,
 * by selecting them with the keyboard and typing, as a user would. */
export async function replaceAt(
  ed: EditorSession,
  line: number,
  column: number,
  length: number,
  text: string,
): Promise<void> {
  await goToPosition(ed, line, column);
  for (let i = 0; i < length; i++) await ed.page.keyboard.press('Shift+ArrowRight');
  await ed.page.keyboard.type(text);
  await activeEditor(ed).locator('.view-lines', { hasText: text }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
}

/** Waits until the active editor underlines something with the given severity. */
export async function waitForSquiggle(
  ed: EditorSession,
  severity: 'error' | 'warning' | 'info' = 'warning',
  timeout: number = TIMEOUTS.diagnostic,
): Promise<Locator> {
  const squiggle = activeEditor(ed).locator(`.squiggly-${severity}`).first();
  await squiggle.waitFor({ state: 'attached', timeout });
  return squiggle;
}

/** The active editor's cursor as the status bar shows it ("Ln 7, Col 14"), 1-based. */
export async function cursor(ed: EditorSession): Promise<{ line: number; column: number }> {
  const text = await ed.page
    .locator('.statusbar-item', { hasText: /^\s*Ln \d+, Col \d+/ })
    .first()
    .innerText();
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  if (!match) throw new Error(`the status bar shows no cursor position (${JSON.stringify(text)})`);
  return { line: Number(match[1]), column: Number(match[2]) };
}

/** Waits until the status bar shows the cursor on a 1-based line (and column, if given). */
export async function waitForCursor(
  ed: EditorSession,
  line: number,
  column?: number,
  timeout: number = TIMEOUTS.ui,
): Promise<void> {
  const text =
    column === undefined ? new RegExp(`^\\s*Ln ${line}, Col \\d+`) : new RegExp(`^\\s*Ln ${line}, Col ${column}\\b`);
  try {
    await ed.page.locator('.statusbar-item', { hasText: text }).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    const now = await cursor(ed).catch(() => undefined);
    throw new Error(
      `the cursor did not reach line ${line}${column === undefined ? '' : `, column ${column}`}; it is at ${JSON.stringify(now)}`,
      { cause: error },
    );
  }
}

/** Saves the active editor ("File: Save", wherever the focus is) and waits until its tab is no longer marked dirty. */
export async function save(ed: EditorSession, timeout: number = TIMEOUTS.ui): Promise<void> {
  await dismissOverlays(ed);
  await runCommand(ed, 'File: Save');
  await ed.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
}

/** Opens a workspace file through Quick Open by its file name (or a workspace-relative path),
 * and waits until its editor is the active one. */
export async function openFile(ed: EditorSession, relativePath: string, timeout: number = TIMEOUTS.ui): Promise<void> {
  const base = path.basename(relativePath);
  const widget = await openQuickInput(ed, relativePath);
  await pickQuickInputRow(ed, widget, base, timeout);
  await ed.page
    .locator('.tabs-container .tab.active', { has: ed.page.locator('.label-name', { hasText: base }) })
    .waitFor({ state: 'visible', timeout });
  await activeEditor(ed).locator('.view-lines').waitFor({ state: 'visible', timeout });
}
