/**
 * Real editor: the language server is a separate Node process; if it dies, the extension restarts it
 * and diagnostics keep coming. The test kills the server process of this editor session (found by its
 * command line under this session's scratch extensions folder) with SIGKILL, waits for the client to
 * start a new one, edits the file and expects the new diagnostic. Then "Stagewright: Restart Server"
 * from the Command Palette replaces the process again, and diagnostics still follow edits.
 *
 * Needs scripts/setup-editor.sh (once per machine) and a packaged extension (`npm run package`). Linux.
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceAt } from './harness/editor';
import { waitForNoProblem, waitForProblem } from './harness/problems';
import { waitForExit } from './harness/processes';
import { runCommand } from './harness/quick-input';
import { editorSession } from './harness/hooks';
import type { EditorSession } from './harness/session';
import { repoRoot } from './harness/tools';

const FIXTURE = path.join(repoRoot(), 'test', 'editor', 'fixtures', 'misspelled-stage');
/** The bundled server of the installed extension (extensions/<publisher>.stagewright-<version>/dist/server.js). */
const SERVER = /\/extensions\/[^/\s]*stagewright[^/\s]*\/dist\/server\.js/;

function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `fixture lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

describe('language server crash recovery in a real editor', { timeout: 420_000 }, () => {
  const editorOrFail = editorSession({ fixture: FIXTURE, name: 'recovery' });
  const dockerfile = fs.readFileSync(path.join(FIXTURE, 'Dockerfile'), 'utf8');
  const typoAt = positionOf(dockerfile, 'biulder');
  /** The misspelling the document holds now (each step writes a new one of the same length). */
  let typo = 'biulder';

  async function retype(ed: EditorSession, next: string): Promise<void> {
    assert.equal(next.length, typo.length);
    await replaceAt(ed, typoAt.line, typoAt.column, typo.length, next);
    typo = next;
  }

  let serverPid = 0;

  test('a killed server is restarted and the next edit is diagnosed', async () => {
    const ed = editorOrFail();
    await waitForProblem(ed, { source: 'stagewright', message: /\bbiulder\b/ });
    const servers = ed.processes(SERVER);
    assert.equal(servers.length, 1, `expected one Stagewright server, found ${JSON.stringify(servers)}`);
    const first = servers[0]!;
    process.kill(first.pid, 'SIGKILL');
    await waitForExit(first.pid);
    const second = await ed.waitForProcess(SERVER, (p) => p.pid !== first.pid);
    serverPid = second.pid;

    // A misspelling the dead server never saw: only the new server can report it.
    await retype(ed, 'bilderr');
    const problem = await waitForProblem(ed, { source: 'stagewright', message: /\bbilderr\b/ });
    assert.equal(problem.line, typoAt.line);
    await waitForNoProblem(ed, { source: 'stagewright', message: /\bbiulder\b/ });
    await ed.screenshot('recovery-after-kill');
  });

  test('"Stagewright: Restart Server" starts a new server and diagnostics follow edits', async () => {
    const ed = editorOrFail();
    assert.ok(serverPid > 0, 'needs the server of the previous test');
    const before = serverPid;
    await runCommand(ed, 'Stagewright: Restart Server');
    const next = await ed.waitForProcess(SERVER, (p) => p.pid !== before);
    // The old process is stopped, not left beside the new one.
    await waitForExit(before);
    assert.deepEqual(
      ed.processes(SERVER).map((p) => p.pid),
      [next.pid],
    );

    await retype(ed, 'buidler');
    await waitForProblem(ed, { source: 'stagewright', message: /\bbuidler\b/ });
    await waitForNoProblem(ed, { source: 'stagewright', message: /\bbilderr\b/ });
    await ed.screenshot('recovery-after-restart-command');

    // And back to the right name: the diagnostic goes away.
    await retype(ed, 'builder');
    await waitForNoProblem(ed, { source: 'stagewright', message: /\bbuidler\b/ });
  });
});
