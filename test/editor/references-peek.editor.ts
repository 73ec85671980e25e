/**
 * Real editor: what navigation.editor.ts does not cover. Clicking the code lens on a FROM shows the
 * stage's references in a peek (the server sends JSON arguments; the client's
 * stagewright.showReferences command turns them into VS Code types), and the Outline view lists the
 * stages with the final one marked. Each step saves a screenshot.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension:
 * STAGEWRIGHT_VSIX, or the newest *.vsix in the repository root (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeEditor, dismissOverlays } from './harness/editor';
import { runCommand } from './harness/quick-input';
import { editorSession } from './harness/hooks';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'stage-navigation');

describe('references peek and outline in a real editor (code-server + Chromium)', { timeout: 600_000 }, () => {
  const editorOrFail = editorSession({
    fixture: FIXTURE,
    name: 'references-peek',
    settings: { 'editor.codeLens': true },
  });
  // Sanity of the fixture: `builder` is used by `test` (FROM) and `release` (COPY --from).
  const dockerfile = fs.readFileSync(path.join(FIXTURE, 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^FROM builder AS test$/m);
  assert.match(dockerfile, /^COPY --from=builder /m);

  test('the code lens on FROM says who uses the stage and shows the references when clicked', async () => {
    const ed = editorOrFail();
    await dismissOverlays(ed);
    const lens = activeEditor(ed).locator('.codelens-decoration a', { hasText: 'used by: test, release' });
    await lens.waitFor({ state: 'visible', timeout: TIMEOUTS.diagnostic });
    const titles = await activeEditor(ed).locator('.codelens-decoration').allInnerTexts();
    assert.ok(
      titles.some((t) => t.includes('final image')),
      `lenses: ${JSON.stringify(titles)}`,
    );
    await lens.click();
    const peek = ed.page.locator('.peekview-widget');
    try {
      await peek.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      // VS Code titles the peek "Locations (2)" or "2 references", depending on the version.
      await ed.page
        .locator('.peekview-widget .peekview-title', { hasText: /Locations \(2\)|2 references/ })
        .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      const rows = await ed.page.locator('.peekview-widget .ref-tree .monaco-list-row').allInnerTexts();
      assert.deepEqual(
        rows.map((r) => r.replace(/\s+/g, ' ').trim()),
        ['FROM builder AS test', 'COPY --from=builder /out/app /usr/local/bin/app'],
      );
    } finally {
      await ed.screenshot('references-peek-code-lens');
    }
    await ed.page.locator('.peekview-widget .peekview-actions .codicon-close').first().click();
    await peek.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
  });

  test('the outline lists the stages', async () => {
    const ed = editorOrFail();
    await runCommand(ed, 'Explorer: Focus on Outline View');
    const rows = ed.page.locator('.outline-pane .monaco-list-row');
    try {
      await rows.filter({ hasText: 'builder' }).first().waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      // Collapsed, the three stages fit the pane (its list only renders the rows in view).
      // The pane's header shows its actions only while hovered or focused.
      const header = ed.page.locator('.pane-header', { hasText: 'Outline' }).first();
      await header.hover();
      await header.locator('.codicon-collapse-all').first().click();
      await rows.filter({ hasText: 'release' }).first().waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      for (const stage of ['builder', 'test', 'release']) {
        assert.ok(
          texts.some((t) => t.startsWith(stage)),
          `no outline row for ${stage}: ${JSON.stringify(texts)}`,
        );
      }
      assert.ok(
        texts.some((t) => t.includes('final image')),
        `the final stage is not marked: ${JSON.stringify(texts)}`,
      );
    } finally {
      await ed.screenshot('references-peek-outline-pane');
    }
  });
});
