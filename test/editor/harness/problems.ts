/**
 * The Problems panel: its rows read inside the page, and waits for a problem to appear or go.
 */
import type { Locator } from 'playwright-core';
import { runCommand } from './quick-input';
import type { EditorSession } from './session';
import { escapeRegExp, TIMEOUTS } from './tools';

export interface ProblemRow {
  /** The row's text as the Problems panel shows it. */
  text: string;
  /** The row's accessible label (VS Code puts message, source and position in it). */
  ariaLabel: string;
  severity: 'error' | 'warning' | 'info' | 'unknown';
  message: string;
  source: string;
  code: string;
  /** 1-based, as shown in the panel ("[Ln 7, Col 14]"); 0 if not shown. */
  line: number;
  column: number;
}

export interface ProblemMatch {
  source?: string;
  severity?: ProblemRow['severity'];
  code?: string;
  message?: RegExp | string;
}

interface SerializedMatch {
  source?: string;
  severity?: ProblemRow['severity'];
  code?: string;
  message?: { source: string; flags: string };
}

function serializeMatch(match: ProblemMatch): SerializedMatch {
  const message =
    match.message === undefined
      ? undefined
      : match.message instanceof RegExp
        ? { source: match.message.source, flags: match.message.flags }
        : { source: escapeRegExp(match.message), flags: '' };
  return { source: match.source, severity: match.severity, code: match.code, message };
}

/* The two functions below run inside the page. They are plain JavaScript in strings on purpose:
 * a TypeScript function handed to Playwright would be serialized after the TS loader's transform,
 * which may insert helpers (e.g. esbuild's __name) that do not exist in the page. */

/** `() => ProblemRow[]`: the marker rows of the Problems panel's tree (file rows left out). */
const READ_MARKER_ROWS = String.raw`() => {
  const panel = document.querySelector('.markers-panel');
  if (!panel) return [];
  const rows = [];
  for (const row of panel.querySelectorAll('.monaco-list-row')) {
    if (!row.querySelector('.marker-message-details-container, .marker-message-details')) continue;
    const icon = row.querySelector('.marker-icon');
    const iconClass = icon ? String(icon.className) : '';
    const severity = /codicon-error|\berror\b/.test(iconClass) ? 'error'
      : /codicon-warning|\bwarning\b/.test(iconClass) ? 'warning'
      : /codicon-info|\binfo\b/.test(iconClass) ? 'info' : 'unknown';
    const textOf = (selector) => {
      const el = row.querySelector(selector);
      return el && el.textContent ? el.textContent.trim() : '';
    };
    const position = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(textOf('.marker-line') || row.textContent || '');
    rows.push({
      text: (row.innerText || row.textContent || '').replace(/\s+/g, ' ').trim(),
      ariaLabel: row.getAttribute('aria-label') || '',
      severity,
      message: textOf('.marker-message'),
      source: textOf('.marker-source'),
      code: textOf('.marker-code').replace(/^\(|\)$/g, ''),
      line: position ? Number(position[1]) : 0,
      column: position ? Number(position[2]) : 0,
    });
  }
  return rows;
}`;

/** `(row: ProblemRow, match: SerializedMatch) => boolean`. */
const MATCHES_ROW = `(row, match) =>
  (match.source === undefined || row.source === match.source) &&
  (match.severity === undefined || row.severity === match.severity) &&
  (match.code === undefined || row.code === match.code) &&
  (match.message === undefined || new RegExp(match.message.source, match.message.flags).test(row.message))`;

export function markersPanel(ed: EditorSession): Locator {
  return ed.page.locator('.markers-panel');
}

/** Opens (and focuses) the Problems panel. */
export async function openProblems(ed: EditorSession, timeout: number = TIMEOUTS.ui): Promise<void> {
  if (!(await markersPanel(ed).isVisible())) {
    await runCommand(ed, 'View: Focus Problems (Errors, Warnings, Infos)', timeout);
  }
  await markersPanel(ed).waitFor({ state: 'visible', timeout });
}

/** Reads the marker rows the Problems panel shows now (file rows are left out). */
export async function problems(ed: EditorSession): Promise<ProblemRow[]> {
  await openProblems(ed);
  return (await ed.page.evaluate(`(${READ_MARKER_ROWS})()`)) as ProblemRow[];
}

/** Waits until the Problems panel shows a row that satisfies `match`, and returns it. */
export async function waitForProblem(
  ed: EditorSession,
  match: ProblemMatch,
  timeout: number = TIMEOUTS.diagnostic,
): Promise<ProblemRow> {
  await openProblems(ed);
  const spec = serializeMatch(match);
  try {
    const handle = await ed.page.waitForFunction(
      `(${READ_MARKER_ROWS})().find((row) => (${MATCHES_ROW})(row, ${JSON.stringify(spec)})) || false`,
      undefined,
      { timeout, polling: 'raf' },
    );
    return (await handle.jsonValue()) as ProblemRow;
  } catch (error) {
    throw new Error(
      `No problem matching ${JSON.stringify(spec)} appeared within ${timeout} ms.\n` +
        `Problems shown: ${JSON.stringify(await problems(ed).catch(() => []), null, 2)}\n` +
        `Extension host log (tail):\n${ed.extensionHostLog().split('\n').slice(-40).join('\n')}`,
      { cause: error },
    );
  }
}

/** Waits until no row of the Problems panel satisfies `match`. */
export async function waitForNoProblem(
  ed: EditorSession,
  match: ProblemMatch,
  timeout: number = TIMEOUTS.diagnostic,
): Promise<void> {
  await openProblems(ed);
  const spec = serializeMatch(match);
  try {
    await ed.page.waitForFunction(
      `!(${READ_MARKER_ROWS})().some((row) => (${MATCHES_ROW})(row, ${JSON.stringify(spec)}))`,
      undefined,
      { timeout, polling: 'raf' },
    );
  } catch (error) {
    throw new Error(
      `A problem matching ${JSON.stringify(spec)} was still shown after ${timeout} ms.\n` +
        `Problems shown: ${JSON.stringify(await problems(ed).catch(() => []), null, 2)}`,
      { cause: error },
    );
  }
}
