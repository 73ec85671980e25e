/**
 * Runs the extension-host integration suite (suite/*.electron.ts) with @vscode/test-electron:
 * VS Code is started with the repository root as the extension under development and the
 * compiled suite as its tests, on a scratch copy of test/editor/fixtures/misspelled-stage.
 *
 * By default @vscode/test-electron downloads desktop VS Code (needs internet). Set
 * STAGEWRIGHT_VSCODE_EXECUTABLE to another executable taking VS Code's command line, e.g.
 * test/electron/code-server-launcher, which runs the same suite in code-server + Chromium.
 * STAGEWRIGHT_VSCODE_VERSION picks the downloaded version (default: stable).
 *
 * Compiled to out/test/electron/run-tests.js (tsc -p test/electron); needs `npm run build` first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // out/test/electron -> repository root
  const root = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.join(__dirname, 'suite', 'index.js');
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    throw new Error(`${path.join(root, 'dist', 'extension.js')} is missing: run \`npm run build\` first`);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stagewright-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'test', 'editor', 'fixtures', 'misspelled-stage'), workspace, { recursive: true });
  const executable = process.env.STAGEWRIGHT_VSCODE_EXECUTABLE;
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath,
      vscodeExecutablePath: executable ? path.resolve(executable) : undefined,
      version: process.env.STAGEWRIGHT_VSCODE_VERSION,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the one under development stays on
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
      ],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
