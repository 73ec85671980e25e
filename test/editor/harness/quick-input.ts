/**
 * The quick input: the Command Palette (F1), Quick Open and its `:line:column` and `@` modes.
 */
import type { Locator } from 'playwright-core';
import type { EditorSession } from './session';
import { escapeRegExp, TIMEOUTS } from './tools';

export function quickInput(ed: EditorSession): Locator {
  return ed.page.locator('.quick-input-widget');
}

export async function openQuickInput(ed: EditorSession, value: string): Promise<Locator> {
  const widget = quickInput(ed);
  const input = widget.locator('.quick-input-box input');
  // A quick input that is still closing (after Enter or Escape) looks visible but turns inert and
  // hidden under the next fill: close it for good, open a fresh one, and try again if it slipped away.
  for (let attempt = 1; ; attempt++) {
    if (await widget.isVisible()) {
      await ed.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui }).catch(() => undefined);
    }
    await ed.page.locator('.monaco-workbench').focus();
    await ed.page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      await input.fill(value, { timeout: 10_000 });
      return widget;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function pickQuickInputRow(
  ed: EditorSession,
  widget: Locator,
  label: string,
  timeout: number,
): Promise<void> {
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: ed.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
  await widget.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
}

/** Runs a command from the Command Palette by its exact label, e.g. "View: Focus Problems (Errors, Warnings, Infos)". */
export async function runCommand(ed: EditorSession, label: string, timeout: number = TIMEOUTS.ui): Promise<void> {
  const widget = await openQuickInput(ed, `>${label}`);
  await pickQuickInputRow(ed, widget, label, timeout);
}
