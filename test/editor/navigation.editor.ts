/**
 * Real editor: the stage navigation of Stagewright on a three-stage Dockerfile (builder, an unused
 * test stage, the runtime), as a user meets it in VS Code: code lenses over each FROM, the stages in
 * Go to Symbol, the hover over `--from=builder`, F12 to the stage, completion of stage names after
 * `--from=` (earlier stages only), and F2 renaming the stage with every reference, saved to disk.
 * One code-server session; the steps run in order on the same document.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeEditor, dismissOverlays, goToPosition, save, waitForCursor } from './harness/editor';
import { editorSymbols, hoverAt, waitForCodeLens, waitForSuggestions } from './harness/language-features';
import { editorSession } from './harness/hooks';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'stages');

/** 1-based line and column of the first occurrence of `needle` at or after the line holding `after`. */
function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const start = after ? text.indexOf(after) : 0;
  assert.ok(start >= 0, `text lacks ${JSON.stringify(after)}`);
  const offset = text.indexOf(needle, start);
  assert.ok(offset >= 0, `text lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

describe('stage navigation in a real editor (code-server + Chromium)', { timeout: 480_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'navigation' });
  /** The document as the editor holds it after each step. */
  let text = fs.readFileSync(path.join(FIXTURE, 'Dockerfile'), 'utf8');
  assert.match(text, /^FROM golang:1\.22 AS builder$/m);
  assert.match(text, /^FROM builder AS test$/m);
  assert.match(text, /^COPY --from=builder /m);

  test('code lenses over each FROM say which stage is the final image, used by whom, or unused', async () => {
    const ed = editorOrFail();
    const lenses = await waitForCodeLens(ed, /final image/, TIMEOUTS.diagnostic);
    await waitForCodeLens(ed, /used by: test, runtime/);
    await ed.screenshot('navigation-code-lens');
    const all = (await waitForCodeLens(ed, /unused — not built for the default target/)).join('\n');
    assert.ok(lenses.length >= 1);
    for (const expected of ['final image', 'used by: test, runtime', 'unused — not built for the default target']) {
      assert.ok(all.includes(expected), `no lens ${JSON.stringify(expected)} in ${JSON.stringify(all)}`);
    }
    // The lenses stand over the FROM lines they describe, in order.
    const order = ['used by: test, runtime', 'unused — not built for the default target', 'final image'];
    const positions = order.map((t) => all.indexOf(t));
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      `lenses out of order: ${JSON.stringify(all)}`,
    );
  });

  test('Go to Symbol in Editor lists the stages', async () => {
    const ed = editorOrFail();
    const symbols = await editorSymbols(ed, /^runtime$/);
    await ed.screenshot('navigation-outline');
    await dismissOverlays(ed);
    // Stages are module symbols, in file order; their instructions are listed under them.
    const stages = symbols.filter((s) => s.kind === 'module').map((s) => s.name);
    assert.deepEqual(stages, ['builder', 'test', 'runtime'], JSON.stringify(symbols));
    assert.ok(
      symbols.some((s) => s.name === 'ENTRYPOINT'),
      JSON.stringify(symbols),
    );
  });

  test('hovering --from=builder explains what the copy takes and that the rest stays behind', async () => {
    const ed = editorOrFail();
    const at = positionOf(text, 'builder', 'COPY --from=builder');
    const hover = await hoverAt(ed, at.line, at.column + 2);
    await ed.screenshot('navigation-hover');
    await dismissOverlays(ed);
    const flat = hover.replace(/\s+/g, ' ');
    for (const expected of [
      'builder — stage 0 (line 1), based on golang:1.22',
      'Produces: /out/app',
      'This COPY takes from builder:',
      'Only these paths enter runtime; the rest of builder (compilers, caches, sources) stays behind.',
      'builder is not in the final image: only what is copied out of it is.',
    ]) {
      assert.ok(flat.includes(expected), `the hover lacks ${JSON.stringify(expected)}:\n${hover}`);
    }
  });

  test('F12 on --from=builder jumps to FROM ... AS builder', async () => {
    const ed = editorOrFail();
    const at = positionOf(text, 'builder', 'COPY --from=builder');
    const declaration = positionOf(text, 'builder', 'FROM golang:1.22 AS builder');
    await goToPosition(ed, at.line, at.column + 2);
    await ed.page.keyboard.press('F12');
    await waitForCursor(ed, declaration.line, declaration.column);
    await ed.screenshot('navigation-definition');
  });

  test('completion after --from= lists the earlier stage, not later ones', async () => {
    const ed = editorOrFail();
    // A new line at the end of the test stage: only builder is defined before it.
    const anchor = positionOf(text, 'RUN go test ./...');
    await goToPosition(ed, anchor.line, anchor.column);
    await ed.page.keyboard.press('End');
    await ed.page.keyboard.press('Enter');
    await ed.page.keyboard.type('COPY --from=');
    await ed.page.keyboard.press('Control+Space');
    const labels = await waitForSuggestions(ed, /^builder$/);
    await ed.screenshot('navigation-completion');
    assert.ok(labels.includes('builder'), JSON.stringify(labels));
    assert.ok(!labels.includes('runtime'), `a later stage is offered: ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('test'), `the current stage is offered: ${JSON.stringify(labels)}`);
    await ed.page
      .locator('.suggest-widget.visible .monaco-list-row', {
        has: ed.page.locator('.label-name', { hasText: /^builder$/ }),
      })
      .first()
      .click();
    await ed.page.locator('.suggest-widget.visible').waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    await ed.page.keyboard.type(' /out/app /tmp/app');
    await activeEditor(ed)
      .locator('.view-line', { hasText: 'COPY --from=builder /out/app /tmp/app' })
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    text = text.replace('RUN go test ./...\n', 'RUN go test ./...\nCOPY --from=builder /out/app /tmp/app\n');
  });

  test('F2 renames the stage and every reference to it', async () => {
    const ed = editorOrFail();
    const at = positionOf(text, 'builder', 'COPY --from=builder /out/app /usr/local/bin/app');
    await goToPosition(ed, at.line, at.column + 2);
    await ed.page.keyboard.press('F2');
    const input = ed.page.locator('.rename-box .rename-input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill('compiler');
    await ed.screenshot('navigation-rename-input');
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    await activeEditor(ed)
      .locator('.view-line', { hasText: 'FROM golang:1.22 AS compiler' })
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await save(ed);
    await ed.screenshot('navigation-renamed');
    const expected = text.replace(/\bbuilder\b/g, 'compiler');
    assert.equal((text.match(/\bbuilder\b/g) ?? []).length, 4, 'declaration, FROM builder and two COPY --from');
    assert.equal(ed.readWorkspaceFile('Dockerfile'), expected);
  });
});
