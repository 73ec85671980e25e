/**
 * Real editor: a single-stage Go Dockerfile whose final image is the Go toolchain. Stagewright
 * reports it in the Problems panel with the size that stays in the image; the light bulb offers the
 * multi-stage split, each choice titled with its runtime and what it copies; choosing one applies
 * the edit at once (choosing is the confirmation); saving leaves exactly the split file on disk, and
 * the warning goes away. The test counts the user's steps from the light bulb to the file on disk.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseCodeAction, openCodeActions } from './harness/code-actions';
import { activeEditor, save, waitForSquiggle } from './harness/editor';
import { type ProblemRow, waitForNoProblem, waitForProblem } from './harness/problems';
import { editorSession } from './harness/hooks';
import { repoRoot, TIMEOUTS } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'toolchain-go');
const SPLIT = 'Split into builder and runtime stages';
/** What the recommended split of the fixture must leave on disk: a golang builder, a distroless
 * static runtime with only the binary, and the runtime configuration (WORKDIR, EXPOSE, USER, CMD) kept. */
const EXPECTED = [
  'FROM golang:1.22 AS builder',
  'WORKDIR /src',
  'COPY go.mod ./',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /usr/local/bin/hello .',
  '',
  'FROM gcr.io/distroless/static-debian12',
  'WORKDIR /src',
  'COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello',
  'EXPOSE 8080',
  'USER 65532',
  'CMD ["hello"]',
  '',
].join('\n');

describe('the toolchain warning and the multi-stage split in a real editor', { timeout: 420_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'toolchain' });
  const original = fs.readFileSync(path.join(FIXTURE, 'Dockerfile'), 'utf8');
  assert.equal(original.split('\n').filter((l) => /^FROM\s/i.test(l)).length, 1, 'the fixture must be single-stage');

  let problem: ProblemRow | undefined;

  test('the Problems panel shows the toolchain warning with the size left in the image', async () => {
    const ed = editorOrFail();
    try {
      problem = await waitForProblem(ed, { source: 'stagewright', message: /^The final image keeps the Go toolchain/ });
      assert.equal(problem.severity, 'warning');
      assert.match(problem.code, /toolchain-in-final-image/);
      assert.match(problem.message, /\(golang:1\.22, ~\d+ MB\)/, `no size in ${JSON.stringify(problem.message)}`);
      assert.match(
        problem.message,
        /split into a builder stage and a runtime stage that copies \/usr\/local\/bin\/hello/,
      );
      assert.equal(problem.line, 1, 'reported on the FROM line');
      await waitForSquiggle(ed, 'warning');
    } finally {
      await ed.screenshot('toolchain-problems-panel');
    }
  });

  test('from the light bulb to the split on disk in three steps: light bulb, choice, save', async () => {
    const ed = editorOrFail();
    assert.ok(problem, 'needs the warning of the previous test');
    let steps = 0;
    const titles = await openCodeActions(ed, problem.line, problem.column, new RegExp(`^${SPLIT} → `), 'lightbulb');
    steps++;
    await ed.screenshot('toolchain-light-bulb-menu');
    const splits = titles.filter((t) => t.startsWith(`${SPLIT} → `));
    const choice = `${SPLIT} → distroless, copies /usr/local/bin/hello`;
    assert.ok(splits.includes(choice), `the distroless split is not offered: ${JSON.stringify(titles)}`);
    assert.equal(new Set(splits).size, splits.length, `each choice is listed once: ${JSON.stringify(splits)}`);
    await chooseCodeAction(ed, choice);
    steps++;
    // Choosing the action applies it: no preview to tick, no Apply button.
    await activeEditor(ed)
      .locator('.view-line', { hasText: 'COPY --from=builder /usr/local/bin/hello' })
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await save(ed);
    steps++;
    assert.equal(ed.readWorkspaceFile('Dockerfile'), EXPECTED);
    assert.equal(steps, 3);
    await waitForNoProblem(ed, { source: 'stagewright', message: /^The final image keeps/ });
    await ed.screenshot('toolchain-split-applied');
  });
});
