/**
 * Real editor and real engine: the split of a single-stage Go Dockerfile is applied from the light
 * bulb; a notification offers "Verify with Docker" (an engine answers); accepting it builds both
 * images with the docker command on PATH (DOCKER_HOST as the test runs with), shows the progress in a
 * notification, and opens the report: verdict "Same" (the split keeps the program, its WORKDIR, port,
 * user and command; both servers stay up), and both sizes, the split's the smaller.
 *
 * Needs scripts/setup-editor.sh, a packaged extension (`npm run package`), and the engine with its base
 * images (`eval "$(bash scripts/setup-engine.sh start)"`, `bash scripts/engine-images.sh`).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { chooseCodeAction, openCodeActions } from './harness/code-actions';
import { activeEditor } from './harness/editor';
import { editorSession } from './harness/hooks';
import { webview } from './harness/language-features';
import { waitForProblem } from './harness/problems';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'toolchain-go');
const SPLIT = 'Split into builder and runtime stages';

function engineAnswers(): boolean {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 && r.stdout.trim() !== '';
}

describe('Verify Split with Docker in a real editor', { timeout: 600_000 }, () => {
  // The test engine has no bridge network (scripts/setup-engine.sh): the builds run without one.
  const editorOrFail = editorSession({
    fixture: FIXTURE,
    name: 'verify',
    settings: { 'stagewright.verify.buildNetwork': 'none' },
  });

  test('after the split, "Verify with Docker" builds both and the report shows the verdict and both sizes', async (t) => {
    // CI starts the engine before this test (.ci/run); elsewhere, without an engine, it is skipped.
    if (!engineAnswers()) {
      if (process.env.CI) assert.fail('no Docker engine answers: eval "$(bash scripts/setup-engine.sh start)"');
      t.skip('no Docker engine answers');
      return;
    }
    const ed = editorOrFail();
    const problem = await waitForProblem(ed, {
      source: 'stagewright',
      message: /^The final image keeps the Go toolchain/,
    });
    await openCodeActions(ed, problem.line, problem.column, new RegExp(`^${SPLIT} → `), 'lightbulb');
    await chooseCodeAction(ed, `${SPLIT} → distroless, copies /usr/local/bin/hello`);
    await activeEditor(ed)
      .locator('.view-line', { hasText: 'COPY --from=builder /usr/local/bin/hello' })
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });

    const offer = ed.page.locator('.notification-toast', { hasText: 'Split applied' });
    await offer.waitFor({ state: 'visible', timeout: 60_000 });
    await offer.getByRole('button', { name: 'Verify with Docker' }).click();

    // The progress notification names the step and the elapsed seconds.
    const progress = ed.page.locator('.notification-toast', { hasText: 'Verifying Dockerfile with Docker' });
    await progress.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await ed.page
      .locator('.notification-toast', { hasText: /(building|checking|running).*\(\d+ s\)/ })
      .first()
      .waitFor({ state: 'visible', timeout: 120_000 });
    await ed.screenshot('verify-progress');

    const report = webview(ed);
    const verdict = report.locator('#verdict');
    await verdict.waitFor({ state: 'visible', timeout: 480_000 });
    const summary = (await report.locator('#summary').textContent()) ?? '';
    assert.equal((await verdict.textContent())?.trim(), 'Same', summary);
    const sizes = await Promise.all(
      ['#size-original', '#size-candidate'].map(async (id) => (await report.locator(id).textContent())?.trim() ?? ''),
    );
    const bytes = sizes.map((s) => {
      const m = /^([\d.]+) (B|kB|MB|GB)$/.exec(s);
      assert.ok(m, `a size: ${JSON.stringify(s)}`);
      return Number(m[1]) * { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'B'];
    });
    assert.ok(bytes[1]! < bytes[0]!, `the split is smaller: ${sizes.join(' vs ')}`);
    const shot = await ed.screenshot('verify-report');
    const docs = path.join(repoRoot(), 'docs', 'images', 'verify-report.png');
    if (process.env.STAGEWRIGHT_UPDATE_DOCS_IMAGES === '1') fs.copyFileSync(shot, docs);
  });
});
