// Engine tests (node --test): one test per app under test/engine/apps; each fails when the CLI's
// split of the app's Dockerfile does not build, or does not run like the original (same output and
// exit code, or for servers the same HTTP answers, health and exit on stop), or changes the runtime
// config, or loses a file app.json lists or its owner, or is not smaller. The hand-written
// Dockerfile.hand goes through the same checks. For an app the split must decline, the test fails
// when the CLI splits it or gives a reason that does not match app.json's declineReason.
//
// Not part of the unit tests (the file name does not end in .test.ts): it needs the engine and the
// base images, `bash scripts/setup-engine.sh start` and `bash scripts/engine-images.sh`, then
//   node --import tsx --test test/engine/engine.suite.ts
// STAGEWRIGHT_ENGINE_APPS=go,rust picks apps by name; STAGEWRIGHT_SPLIT_FROM=hand checks the harness.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { discoverApps } from './lib/apps.js';
import { engineProblem } from './lib/docker.js';
import { missingBaseImages, optionsFromEnv, runApp, splitUnavailableReason } from './lib/harness.js';
import { matchedText, ratio } from './lib/report.js';

const filters = (process.env.STAGEWRIGHT_ENGINE_APPS ?? '').split(',').filter((f) => f !== '');
const options = optionsFromEnv((line) => process.stderr.write(`# ${line}\n`));
const apps = discoverApps(filters, options.root);

let engine: string | undefined;
before(async () => {
  engine = await engineProblem();
});

for (const app of apps) {
  test(app.name, { timeout: 20 * 60_000 }, async (t) => {
    assert.equal(engine, undefined, `engine unavailable: ${engine}`);
    const missing = await missingBaseImages(app);
    assert.deepEqual(missing, [], `base images missing, run \`bash scripts/engine-images.sh\`: ${missing.join(', ')}`);
    const unavailable = splitUnavailableReason(options);
    assert.equal(unavailable, undefined, unavailable);

    const r = await runApp(app, options);
    if (app.expect === 'decline') {
      t.diagnostic(
        `original ${r.original.skipped ?? (r.original.size === undefined ? 'n/a' : `${(r.original.size / 1e6).toFixed(1)} MB`)}; ` +
          `split: ${matchedText(r)}${r.decline ? `; reason: ${r.decline.stderr.trim()}` : ''}`,
      );
      assert.deepEqual(r.handProblems, [], `the app's original does not build or run:\n${r.handProblems.join('\n')}`);
      assert.deepEqual(r.splitProblems, [], `the CLI must decline this app:\n${r.splitProblems.join('\n')}`);
      return;
    }
    const sizes = [r.original.size, r.split.size, r.hand.size].map((s) =>
      s === undefined ? 'n/a' : `${(s / 1e6).toFixed(1)} MB`,
    );
    t.diagnostic(
      `original ${sizes[0]}, split ${sizes[1]}, hand ${sizes[2]}; ` +
        `original/split ${ratio(r.original.size, r.split.size)?.toFixed(2) ?? 'n/a'}, ` +
        `original/hand ${ratio(r.original.size, r.hand.size)?.toFixed(2) ?? 'n/a'}; output matched: ${matchedText(r)}`,
    );
    assert.deepEqual(
      r.handProblems,
      [],
      `the hand-written Dockerfile.hand does not match the original:\n${r.handProblems.join('\n')}`,
    );
    assert.deepEqual(
      r.splitProblems,
      [],
      `the split does not match the original:\n${r.splitProblems.join('\n')}\n\nsplit:\n${r.splitText ?? ''}`,
    );
  });
}
