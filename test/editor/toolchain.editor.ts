/**
 * Real editor: a single-stage Go Dockerfile whose final image is the Go toolchain. Stagewright
 * reports it in the Problems panel with the size that stays in the image; the light bulb offers the
 * multi-stage split; choosing it opens VS Code's Refactor Preview (the edit asks for confirmation);
 * applying it and saving leaves exactly the split file on disk, and the warning goes away.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseCodeAction, finishRefactorPreview, openCodeActions, refactorPreview, tickRefactorPreview, waitForRefactorPreview } from './harness/code-actions';
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
      assert.match(problem.message, /split into a builder stage and a gcr\.io\/distroless\/static-debian12 runtime that copies only \/usr\/local\/bin\/hello/);
      assert.equal(problem.line, 1, 'reported on the FROM line');
      await waitForSquiggle(ed, 'warning');
    } finally {
      await ed.screenshot('toolchain-problems-panel');
    }
  });

  test('the light bulb offers the split, which opens the Refactor Preview', async () => {
    const ed = editorOrFail();
    assert.ok(problem, 'needs the warning of the previous test');
    const titles = await openCodeActions(ed, problem.line, problem.column, new RegExp(`^${SPLIT} → `), 'lightbulb');
    await ed.screenshot('toolchain-light-bulb-menu');
    const splits = titles.filter((t) => t.startsWith(`${SPLIT} → `));
    assert.ok(splits.includes(`${SPLIT} → distroless`), `the distroless split is not offered: ${JSON.stringify(titles)}`);
    await chooseCodeAction(ed, `${SPLIT} → distroless`);
    const rows = await waitForRefactorPreview(ed, TIMEOUTS.diagnostic);
    await ed.screenshot('toolchain-refactor-preview');
    assert.ok(rows.some((r) => r.includes('Dockerfile')), `the preview does not list the Dockerfile: ${JSON.stringify(rows)}`);
    // Nothing is applied before the user confirms: VS Code lists an edit that asks for confirmation
    // unticked, and the file is unchanged.
    assert.equal(await refactorPreview(ed).locator('.edit-checkbox.checked').count(), 0, 'the preview ticked the change by itself');
    assert.equal(await activeEditor(ed).locator('.view-line', { hasText: 'AS builder' }).count(), 0);
    assert.equal(ed.readWorkspaceFile('Dockerfile'), original);
  });

  test('ticking the change, Apply and saving give the expected multi-stage file, and the warning goes', async () => {
    const ed = editorOrFail();
    assert.ok((await tickRefactorPreview(ed)) > 0);
    await ed.screenshot('toolchain-refactor-preview-ticked');
    await finishRefactorPreview(ed, 'Apply');
    await activeEditor(ed).locator('.view-line', { hasText: 'COPY --from=builder /usr/local/bin/hello' }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await save(ed);
    assert.equal(ed.readWorkspaceFile('Dockerfile'), EXPECTED);
    await waitForNoProblem(ed, { source: 'stagewright', message: /^The final image keeps/ });
    await ed.screenshot('toolchain-split-applied');
  });
});
