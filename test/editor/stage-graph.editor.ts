/**
 * Real editor: "Stagewright: Show Stage Graph" on a multi-stage Dockerfile opens a webview that
 * draws every stage with its edges, marks the final and the unused stage, redraws when the file is
 * edited, and moves the cursor to a stage when its node is clicked. Screenshots of each step go to
 * test-results/screenshots/.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { activeEditor, replaceAt } from './harness/editor';
import { runCommand } from './harness/quick-input';
import { editorSession } from './harness/hooks';
import type { EditorSession } from './harness/session';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'stage-graph');

/** 1-based line and column of the first occurrence of needle. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `fixture lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

describe('the stage graph in a real editor (code-server + Chromium)', { timeout: 300_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'stage-graph' });
  const dockerfile = fs.readFileSync(path.join(FIXTURE, 'Dockerfile'), 'utf8');

  /** The page inside the graph's webview (VS Code nests it in two iframes). */
  function graphView(ed: EditorSession): FrameLocator {
    return ed.page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  }

  test('stage names are coloured apart from plain arguments (injected grammar and semantic tokens)', async () => {
    const ed = editorOrFail();
    const lines = activeEditor(ed).locator('.view-lines .view-line');
    const classOf = async (lineText: string, token: string): Promise<string> => {
      const span = lines
        .filter({ hasText: lineText })
        .first()
        .locator('span > span', { hasText: new RegExp(`^\\s*${token}\\s*$`) })
        .first();
      await span.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      return (await span.getAttribute('class')) ?? '';
    };
    const plain = await classOf('WORKDIR /src', '/src');
    // Semantic tokens arrive after the server has started: wait until the reference is coloured.
    const reference = lines
      .filter({ hasText: 'FROM deps AS build' })
      .first()
      .locator('span > span', { hasText: /^deps$/ })
      .first();
    await reference.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await ed.page.waitForFunction(
      ([element, cls]) => element !== null && element.getAttribute('class') !== cls,
      [await reference.elementHandle(), plain] as const,
      { timeout: TIMEOUTS.diagnostic },
    );
    assert.notEqual(await classOf('FROM golang:1.22 AS deps', 'deps'), plain, 'the name after AS');
    assert.notEqual(await classOf('COPY --from=build', 'build'), plain, 'the --from value');
  });

  test('the command opens a graph of every stage, with the final and the unused stage marked', async () => {
    const ed = editorOrFail();
    await runCommand(ed, 'Stagewright: Show Stage Graph');
    const view = graphView(ed);
    try {
      const nodes = view.locator('svg.stage-graph g.node.stage');
      await nodes.nth(3).waitFor({ state: 'visible', timeout: TIMEOUTS.diagnostic });
      assert.equal(await nodes.count(), 4);
      assert.deepEqual(await view.locator('g.node.stage .label').allTextContents(), [
        'deps',
        'build',
        'lint',
        'release',
      ]);
      assert.equal(await view.locator('g.node.final .label').textContent(), 'release');
      assert.equal(await view.locator('g.node.unused .label').textContent(), 'lint');
      // FROM deps, the cache mount from deps, FROM build, COPY --from=build.
      assert.equal(await view.locator('svg.stage-graph > g.edge').count(), 4);
      assert.equal(await view.locator('svg.stage-graph > g.edge.mount-from').count(), 1);
      assert.match((await view.locator('#status').textContent()) ?? '', /4 stages · final: release · unused: lint/);
    } finally {
      await ed.screenshot('stage-graph-opened');
    }
  });

  test('the graph redraws when the file changes', async () => {
    const ed = editorOrFail();
    // Copy from lint instead of build: lint is then used, and release reads from it.
    const copy = positionOf(dockerfile, '--from=build');
    await ed.page.locator('.tabs-container .tab', { hasText: 'Dockerfile' }).first().click();
    await replaceAt(ed, copy.line, copy.column + '--from='.length, 'build'.length, 'lint');
    await ed.page.keyboard.press('Escape'); // close the completion list the typing opened
    const view = graphView(ed);
    try {
      // While the name is retyped the graph passes through states where several stages are unused
      // (an empty or unknown --from): wait until none is, rather than for one particular node.
      await view.locator('g.node.unused').first().waitFor({ state: 'detached', timeout: TIMEOUTS.diagnostic });
      await view
        .locator('g.edge.copy-from[data-from="s2"][data-to="s3"]')
        .waitFor({ state: 'attached', timeout: TIMEOUTS.ui });
      assert.match((await view.locator('#status').textContent()) ?? '', /4 stages · final: release$/);
    } finally {
      await ed.screenshot('stage-graph-updated');
    }
  });

  test('clicking a stage moves the cursor to its FROM line', async () => {
    const ed = editorOrFail();
    const from = positionOf(dockerfile, 'FROM deps AS build');
    const status = ed.page.locator('.statusbar-item', { hasText: `Ln ${from.line}, Col 1` }).first();
    // The graph redraws after the previous test's edit; a click that lands on a node being replaced
    // is lost, so click again until the cursor moves (the assertion is the cursor, not the count).
    for (let attempt = 1; ; attempt++) {
      await graphView(ed).locator('g.node[data-id="s1"]').click();
      try {
        await status.waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : TIMEOUTS.ui });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  });

  test('the graph comes back after the window reloads', async () => {
    const ed = editorOrFail();
    // Reload as a user does, through the command: the workbench then goes through its shutdown and
    // saves which editors are open (a bare page reload may cut that short under load).
    const reloaded = ed.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === ed.page.mainFrame(),
      timeout: TIMEOUTS.diagnostic,
    });
    await runCommand(ed, 'Developer: Reload Window').catch(() => undefined);
    await reloaded;
    await ed.waitForWorkbench();
    const view = graphView(ed);
    try {
      await view
        .locator('svg.stage-graph g.node.stage')
        .nth(3)
        .waitFor({ state: 'visible', timeout: TIMEOUTS.diagnostic });
      assert.equal(await view.locator('g.node.final .label').textContent(), 'release');
    } finally {
      await ed.screenshot('stage-graph-after-reload');
    }
  });
});
