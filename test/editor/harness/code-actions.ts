/**
 * Code actions as VS Code shows them: the light bulb, the Quick Fix menu and the Refactor Preview.
 */
import type { Locator } from 'playwright-core';
import { activeEditor, goToPosition } from './editor';
import { runCommand } from './quick-input';
import type { EditorSession } from './session';
import { escapeRegExp, TIMEOUTS } from './tools';

/** Opens the Quick Fix menu at a 1-based position of the active editor and applies the action
 * with the given title (exact match). */
export async function applyQuickFix(
  ed: EditorSession,
  line: number,
  column: number,
  title: string,
  timeout: number = TIMEOUTS.ui,
): Promise<void> {
  const menu = ed.page.locator('.action-widget:not(.action-list-submenu-panel)');
  // A hover left open by an earlier step, or a command run before the editor had its focus back,
  // can make "Quick Fix..." open nothing: close what is open, place the cursor again and retry.
  for (let attempt = 1; ; attempt++) {
    await ed.page.keyboard.press('Escape');
    await goToPosition(ed, line, column);
    await runCommand(ed, 'Quick Fix...');
    try {
      await menu.waitFor({ state: 'visible', timeout: attempt < 3 ? Math.min(timeout, 10_000) : timeout });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  const item = menu
    .locator('.monaco-list-row')
    .filter({ has: ed.page.locator('.title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  try {
    await item.waitFor({ state: 'visible', timeout });
  } catch (error) {
    const offered = await menu.locator('.monaco-list-row').allInnerTexts();
    throw new Error(`No quick fix titled ${JSON.stringify(title)}; offered: ${JSON.stringify(offered)}`, {
      cause: error,
    });
  }
  await item.click();
  await menu.waitFor({ state: 'hidden', timeout });
}

/** The open code action menu (light bulb or Quick Fix...). */
export function codeActionMenu(ed: EditorSession): Locator {
  return ed.page.locator('.action-widget:not(.action-list-submenu-panel)');
}

/** Opens the code action menu at a 1-based position: by clicking the light bulb the editor shows
 * in the gutter there (`via: 'lightbulb'`, what a new user sees), or by "Quick Fix...". Waits until
 * the menu lists at least one action whose title matches `expect` and returns all titles offered. */
export async function openCodeActions(
  ed: EditorSession,
  line: number,
  column: number,
  expect: RegExp,
  via: 'lightbulb' | 'command' = 'lightbulb',
  timeout: number = TIMEOUTS.ui,
): Promise<string[]> {
  await goToPosition(ed, line, column);
  const menu = codeActionMenu(ed);
  if (via === 'lightbulb') {
    // Beside the text, or in the gutter when the line's text starts at column 1. The editor may
    // redraw the light bulb as diagnostics arrive, and a click on the one it is replacing opens
    // nothing: a user clicks again, and so does this, until the menu opens or the time is up.
    const deadline = Date.now() + timeout;
    for (;;) {
      const bulb = activeEditor(ed)
        .locator('.lightBulbWidget[class*="codicon-"]:visible, [class*="gutter-lightbulb"]:visible')
        .first();
      await bulb.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
      await bulb.click();
      try {
        await menu.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
        break;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
    }
  } else {
    await runCommand(ed, 'Quick Fix...');
  }
  await menu.waitFor({ state: 'visible', timeout });
  const titles = menu.locator('.monaco-list-row .title');
  try {
    await titles.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(
      `No code action matching ${String(expect)}; offered: ${JSON.stringify(await titles.allInnerTexts())}`,
      { cause: error },
    );
  }
  return (await titles.allInnerTexts()).map((t) => t.trim());
}

/** Chooses the action with this exact title in the open code action menu. */
export async function chooseCodeAction(ed: EditorSession, title: string, timeout: number = TIMEOUTS.ui): Promise<void> {
  const menu = codeActionMenu(ed);
  const item = menu
    .locator('.monaco-list-row')
    .filter({ has: ed.page.locator('.title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  await item.waitFor({ state: 'visible', timeout });
  await item.click();
  await menu.waitFor({ state: 'hidden', timeout });
}

/** The Refactor Preview pane VS Code opens for a workspace edit that asks for confirmation. */
export function refactorPreview(ed: EditorSession): Locator {
  return ed.page.locator('.bulk-edit-panel');
}

/** Waits for the Refactor Preview with its changes listed, and returns the rows' texts. */
export async function waitForRefactorPreview(ed: EditorSession, timeout: number = TIMEOUTS.ui): Promise<string[]> {
  const rows = refactorPreview(ed).locator('.monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Ticks every unticked change in the Refactor Preview (VS Code lists the edits marked
 * needsConfirmation unticked: the user opts in to each). Returns how many boxes were clicked. */
export async function tickRefactorPreview(ed: EditorSession, timeout: number = TIMEOUTS.ui): Promise<number> {
  const unticked = refactorPreview(ed).locator('.monaco-list-row .edit-checkbox:not(.checked)');
  let clicks = 0;
  while ((await unticked.count()) > 0) {
    if (++clicks > 50) throw new Error('the Refactor Preview keeps unticked changes');
    await unticked.first().click();
  }
  await refactorPreview(ed)
    .locator('.monaco-list-row .edit-checkbox.checked')
    .first()
    .waitFor({ state: 'visible', timeout });
  return clicks;
}

/** Presses a button of the Refactor Preview ("Apply" or "Discard") and waits for the pane to empty. */
export async function finishRefactorPreview(
  ed: EditorSession,
  button: 'Apply' | 'Discard',
  timeout: number = TIMEOUTS.ui,
): Promise<void> {
  const panel = refactorPreview(ed);
  await panel
    .locator('.buttons .monaco-button', { hasText: new RegExp(`^\\s*${button}\\s*$`) })
    .first()
    .click();
  await panel.locator('.monaco-list-row').first().waitFor({ state: 'hidden', timeout });
}
