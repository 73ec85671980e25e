/**
 * Real editor: a workspace whose compose.yaml builds the `dev` stage with `build.target`. The code
 * lens over `FROM base AS dev` says what builds it, and the stage is not greyed out, while the `docs`
 * stage, which nothing builds, is (unreachable-stage tags it unnecessary, which VS Code draws faded).
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { activeEditor } from './harness/editor';
import { editorSession } from './harness/hooks';
import { waitForCodeLens } from './harness/language-features';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'build-targets');

describe('stages built as targets in a real editor (code-server + Chromium)', { timeout: 300_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'build-targets' });

  test('the code lens says compose.yaml builds dev, and dev is not greyed out while docs is', async () => {
    const ed = editorOrFail();
    const lenses = await waitForCodeLens(ed, /built by compose\.yaml: service api, target dev/, TIMEOUTS.diagnostic);
    assert.ok(
      lenses.includes('unused — not built for the default target'),
      `the docs stage keeps its lens: ${JSON.stringify(lenses)}`,
    );
    // VS Code draws a diagnostic tagged unnecessary by fading its text (`squiggly-inline-unnecessary`).
    const faded = activeEditor(ed).locator('.view-line .squiggly-inline-unnecessary');
    await faded.first().waitFor({ state: 'attached', timeout: TIMEOUTS.diagnostic });
    await ed.screenshot('build-targets-code-lens');
    // The editor lays out spaces as non-breaking ones; compare with single plain spaces.
    const fadedText = (await faded.allTextContents()).join(' ').replace(/\s+/g, ' ');
    assert.match(fadedText, /AS docs/, `the docs stage is faded: ${JSON.stringify(fadedText)}`);
    assert.match(fadedText, /typedoc/);
    assert.doesNotMatch(fadedText, /AS dev|run", "dev/, `the dev stage is not faded: ${JSON.stringify(fadedText)}`);
  });
});
