/**
 * Real editor: the packaged Stagewright .vsix in code-server, driven in Chromium.
 * A multi-stage Dockerfile whose `COPY --from=biulder` misspells the stage `builder` must be
 * reported in the Problems panel by Stagewright, underlined in the editor, shown on hover,
 * and cleared once the name is corrected in the editor.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension:
 * STAGEWRIGHT_VSIX, or the newest *.vsix in the repository root (`npm run package`).
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyQuickFix } from './harness/code-actions';
import { activeEditor, replaceAt, waitForSquiggle } from './harness/editor';
import { hoverText } from './harness/language-features';
import { type ProblemRow, problems, waitForNoProblem, waitForProblem } from './harness/problems';
import { editorSession } from './harness/hooks';
import { repoRoot } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'misspelled-stage');
const TYPO = 'biulder';
const STAGE = 'builder';

/** 1-based line and column of the first occurrence of `needle` after `after` in `text`. */
function positionOf(text: string, needle: string, after = ''): { line: number; column: number; offset: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(offset >= 0, `fixture lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1, offset };
}

describe('Stagewright in a real editor (code-server + Chromium)', { timeout: 300_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'diagnostics' });
  const dockerfile = fs.readFileSync(path.join(FIXTURE, 'Dockerfile'), 'utf8');
  // Sanity of the fixture itself: a multi-stage file that names the stage and misspells it once.
  const fromLines = dockerfile.split('\n').filter((l) => /^FROM\s/i.test(l));
  assert.ok(fromLines.length >= 2, 'the fixture must be a multi-stage Dockerfile');
  assert.match(dockerfile, new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${STAGE}\\s*$`, 'im'));
  const flag = positionOf(dockerfile, `--from=${TYPO}`);
  const typo = positionOf(dockerfile, TYPO, `--from=${TYPO}`);

  let problem: ProblemRow | undefined;

  test('the Problems panel shows a stagewright diagnostic for the misspelled stage', async () => {
    const ed = editorOrFail();
    problem = await waitForProblem(ed, { source: 'stagewright', message: new RegExp(`\\b${TYPO}\\b`) });
    try {
      assert.ok(
        problem.severity === 'warning' || problem.severity === 'error',
        `unexpected severity ${problem.severity}`,
      );
      assert.equal(problem.line, typo.line, `reported on line ${problem.line}, expected the COPY line ${typo.line}`);
      // The range may cover the stage name or the whole --from flag; it must start inside the flag.
      assert.ok(
        problem.column >= flag.column && problem.column <= typo.column + TYPO.length - 1,
        `reported at column ${problem.column}, outside --from=${TYPO} (columns ${flag.column}-${typo.column + TYPO.length - 1})`,
      );
      // Exactly one such report: no duplicate from a second diagnostics source of the extension.
      const same = (await problems(ed)).filter((p) => p.source === 'stagewright' && p.message.includes(TYPO));
      assert.equal(same.length, 1, `expected one report about ${TYPO}, got ${JSON.stringify(same, null, 2)}`);
    } finally {
      await ed.screenshot('diagnostics-problems-panel');
    }
  });

  test('the editor underlines the misspelled stage and the hover explains it', async () => {
    const ed = editorOrFail();
    assert.ok(problem, 'needs the diagnostic of the previous test');
    await waitForSquiggle(ed, problem.severity === 'error' ? 'error' : 'warning');
    const hover = await hoverText(ed, TYPO);
    await ed.screenshot('diagnostics-hover');
    assert.ok(hover.includes(TYPO), `the hover does not mention ${TYPO}:\n${hover}`);
    assert.ok(hover.includes('stagewright'), `the hover does not name the source stagewright:\n${hover}`);
  });

  test('the quick fix renames the reference to the stage and the diagnostic goes away', async () => {
    const ed = editorOrFail();
    assert.ok(problem, 'needs the diagnostic of the first test (else there is nothing to fix)');
    await applyQuickFix(ed, typo.line, typo.column, `Change to '${STAGE}'`);
    await activeEditor(ed)
      .locator('.view-line', { hasText: `--from=${STAGE} ` })
      .waitFor({ state: 'visible' });
    await waitForNoProblem(ed, { source: 'stagewright', message: new RegExp(`\\b${TYPO}\\b`) });
    await ed.screenshot('diagnostics-quick-fixed');
  });

  test('typing the misspelling again brings the diagnostic back', async () => {
    const ed = editorOrFail();
    assert.ok(problem, 'needs the diagnostic of the first test');
    await replaceAt(ed, typo.line, typo.column, STAGE.length, TYPO);
    const again = await waitForProblem(ed, { source: 'stagewright', message: new RegExp(`\\b${TYPO}\\b`) });
    assert.equal(again.line, typo.line);
  });
});
