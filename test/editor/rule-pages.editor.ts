/**
 * Real editor, first things a user clicks: the rule link of a diagnostic (its code in the Problems
 * panel and in the hover) opens the rule's page rendered, not its Markdown source; the stage graph's
 * tab names the Dockerfile with its folder, since a repository holds one Dockerfile per service; and
 * the project's .stagewright.yaml is watched: saving it changes the diagnostics.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { activeEditor, dismissOverlays } from './harness/editor';
import { editorSession } from './harness/hooks';
import { hoverText } from './harness/language-features';
import { markersPanel, waitForNoProblem, waitForProblem } from './harness/problems';
import { runCommand } from './harness/quick-input';
import type { EditorSession } from './harness/session';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'rule-links');
const RULE = 'copy-from-undefined-stage';

/** The tabs of the editor area whose label matches. */
function tabs(ed: EditorSession, label: RegExp): Locator {
  return ed.page.locator('.tabs-container .tab', { has: ed.page.locator('.label-name', { hasText: label }) });
}

/** The rendered page inside the Markdown preview's webview (VS Code nests it in two iframes). */
function preview(ed: EditorSession): FrameLocator {
  return ed.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/**
 * Waits for the rule's page, rendered: the heading is an <h1>, the metadata table a <table> and the
 * example a code block, none of them Markdown source. And no text editor shows the .md file.
 */
async function expectRenderedPage(ed: EditorSession, name: string): Promise<void> {
  try {
    const page = preview(ed);
    await page.locator('h1', { hasText: RULE }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    assert.ok(await page.locator('table td', { hasText: 'Default severity' }).isVisible());
    assert.match(await page.locator('pre code').first().innerText(), /COPY --from=biulder/);
    const body = await page.locator('body').innerText();
    assert.doesNotMatch(body, /^# copy-from-undefined-stage/m, 'the heading is shown as Markdown source');
    assert.doesNotMatch(body, /\| --- \|/, 'the table is shown as Markdown source');
    // No text editor holds the page: its tab would show the raw text in .view-lines.
    const source = activeEditor(ed).locator('.view-line', { hasText: '| Default severity |' });
    assert.equal(await source.count(), 0, 'the page was opened as text');
  } finally {
    await ed.screenshot(name);
  }
}

async function closeRulePage(ed: EditorSession): Promise<void> {
  await runCommand(ed, 'View: Close Editor');
  await tabs(ed, new RegExp(`${RULE}\\.md`)).waitFor({ state: 'detached', timeout: TIMEOUTS.ui });
}

describe('first clicks in a real editor (code-server + Chromium)', { timeout: 300_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'rule-pages', open: 'api/Dockerfile' });

  test("the rule link in the Problems panel opens the rule's page rendered", async () => {
    const ed = editorOrFail();
    await waitForProblem(ed, { source: 'stagewright', message: /\bbiulder\b/ });
    const link = markersPanel(ed).locator('.monaco-list-row a.monaco-link', { hasText: RULE }).first();
    await link.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await link.click();
    await expectRenderedPage(ed, 'rule-page-from-problems');
    await closeRulePage(ed);
  });

  test("the rule link in the hover opens the rule's page rendered", async () => {
    const ed = editorOrFail();
    await tabs(ed, /^Dockerfile$/)
      .first()
      .click();
    await hoverText(ed, 'biulder');
    const link = ed.page.locator('.monaco-hover:visible a.code-link', { hasText: RULE }).first();
    await link.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await link.click();
    await expectRenderedPage(ed, 'rule-page-from-hover');
    await closeRulePage(ed);
  });

  test('saving a .stagewright.yaml changes the diagnostics, and a problem in it shows on the file', async () => {
    const ed = editorOrFail();
    const config = path.join(ed.workspace, '.stagewright.yaml');
    // The server registered a watcher for config files: writing one is seen without reopening anything.
    fs.writeFileSync(config, 'rules:\n  copy-from-undefined-stage: error\n');
    try {
      await waitForProblem(ed, { source: 'stagewright', severity: 'error', message: /\bbiulder\b/ });
      fs.writeFileSync(config, 'rules:\n  copy-from-undefined-stage: off\n  no-such-rule: warning\n');
      await waitForNoProblem(ed, { source: 'stagewright', message: /\bbiulder\b/ });
      await waitForProblem(ed, { source: 'stagewright', severity: 'error', message: /^no rule 'no-such-rule'/ });
    } finally {
      await ed.screenshot('config-file-problems');
      fs.rmSync(config, { force: true });
    }
    await waitForProblem(ed, { source: 'stagewright', severity: 'warning', message: /\bbiulder\b/ });
  });

  test("the stage graph's tab names the Dockerfile with its folder", async () => {
    const ed = editorOrFail();
    await dismissOverlays(ed);
    await tabs(ed, /^Dockerfile$/)
      .first()
      .click();
    await runCommand(ed, 'Stagewright: Show Stage Graph');
    try {
      await tabs(ed, /^Stage Graph: api\/Dockerfile$/).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    } finally {
      await ed.screenshot('stage-graph-tab-title');
    }
  });
});
