/**
 * What the language features show besides diagnostics: hovers, the suggest widget, code lenses, the
 * symbol list of Go to Symbol in Editor, and webviews.
 */
import type { FrameLocator } from 'playwright-core';
import { activeEditor, dismissOverlays, goToPosition } from './editor';
import { openQuickInput, runCommand } from './quick-input';
import type { EditorSession } from './session';
import { TIMEOUTS } from './tools';

/** `() => Array<{ name, kind }>`: the rows of Quick Open's symbol list, kind from the icon. */
const READ_SYMBOL_ROWS = String.raw`() => Array.from(document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row .label-name')).map((el) => {
  const icon = el.querySelector('.codicon');
  const kind = /codicon-symbol-([\w-]+)/.exec(icon ? String(icon.className) : '');
  return { name: (el.textContent || '').trim(), kind: kind ? kind[1] : '' };
})`;

/** Hovers the first occurrence of `text` in the active editor and returns the hover's text. */
export async function hoverText(ed: EditorSession, text: string, timeout: number = TIMEOUTS.ui): Promise<string> {
  const token = activeEditor(ed).locator('.view-lines span', { hasText: text }).last();
  const hover = ed.page.locator('.monaco-hover:not(.hidden):visible').first();
  // The editor shows a hover after the pointer rests on the text; a pointer event lost while the
  // window was busy (a panel opening, a layout pass) leaves no hover. Point again, measuring the
  // text afresh each time, within the one timeout, before calling the hover missing.
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    await token.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
    const box = await token.boundingBox();
    if (!box) throw new Error(`"${text}" is not laid out in the editor`);
    // Point at the text itself inside the span (a line's span may hold more than the token).
    const content = (await token.textContent()) ?? '';
    const ratio = Math.max(0, content.indexOf(text)) / Math.max(1, content.length);
    const x = box.x + box.width * ratio + Math.min(8, (box.width * text.length) / Math.max(1, content.length) / 2);
    await ed.page.mouse.move(box.x - 20 - attempt, box.y - 20);
    await ed.page.mouse.move(x, box.y + box.height / 2, { steps: 2 });
    try {
      await hover.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(8000, deadline - Date.now())) });
      return (await hover.innerText()).trim();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new Error(`no hover over "${text}" within ${timeout} ms`);
}

/** Shows the hover at a 1-based position through "Show or Focus Hover" and returns its text. */
export async function hoverAt(
  ed: EditorSession,
  line: number,
  column: number,
  timeout: number = TIMEOUTS.ui,
): Promise<string> {
  await goToPosition(ed, line, column);
  await runCommand(ed, 'Show or Focus Hover');
  const hover = ed.page.locator('.monaco-hover:not(.hidden):visible').first();
  await hover.waitFor({ state: 'visible', timeout });
  return (await hover.innerText()).trim();
}

/** Waits until the suggest widget lists a row whose label matches `expect`; returns every label. */
export async function waitForSuggestions(
  ed: EditorSession,
  expect: RegExp,
  timeout: number = TIMEOUTS.ui,
): Promise<string[]> {
  const widget = ed.page.locator('.suggest-widget.visible');
  const labels = widget.locator('.monaco-list-row .label-name');
  try {
    await labels.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(
      `No suggestion matching ${String(expect)}; shown: ${JSON.stringify(await labels.allInnerTexts().catch(() => []))}`,
      { cause: error },
    );
  }
  return (await labels.allInnerTexts()).map((t) => t.trim());
}

/** Waits until the active editor shows a code lens matching `expect`; returns every lens text. */
export async function waitForCodeLens(
  ed: EditorSession,
  expect: RegExp,
  timeout: number = TIMEOUTS.diagnostic,
): Promise<string[]> {
  const lenses = activeEditor(ed).locator('.codelens-decoration');
  await lenses.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout });
  return (await lenses.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Opens "Go to Symbol in Editor" (`@` in Quick Open) and, once a symbol's name matches `expect`,
 * returns every symbol listed with its icon's symbol kind ("module", "variable", ...). Leaves the
 * list open (dismissOverlays() closes it). */
export async function editorSymbols(
  ed: EditorSession,
  expect: RegExp,
  timeout: number = TIMEOUTS.ui,
): Promise<Array<{ name: string; kind: string }>> {
  await dismissOverlays(ed);
  await openQuickInput(ed, '@');
  const spec = JSON.stringify({ source: expect.source, flags: expect.flags });
  const read = async (): Promise<Array<{ name: string; kind: string }>> =>
    (await ed.page.evaluate(`(${READ_SYMBOL_ROWS})()`)) as Array<{ name: string; kind: string }>;
  try {
    await ed.page.waitForFunction(
      `(() => { const m = ${spec}; return (${READ_SYMBOL_ROWS})().some((s) => new RegExp(m.source, m.flags).test(s.name)); })()`,
      undefined,
      { timeout, polling: 'raf' },
    );
  } catch (error) {
    throw new Error(`No symbol matching ${String(expect)}; listed: ${JSON.stringify(await read().catch(() => []))}`, {
      cause: error,
    });
  }
  return read();
}

/** The document inside the n-th webview panel (VS Code nests it in two iframes). */
export function webview(ed: EditorSession, index = 0): FrameLocator {
  return ed.page.frameLocator('iframe.webview.ready').nth(index).frameLocator('#active-frame');
}
