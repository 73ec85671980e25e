/**
 * Stands in for the VS Code executable of @vscode/test-electron's runTests on machines where
 * desktop VS Code cannot be downloaded: it takes the same command line (see code-server-launcher),
 * runs the extension-host suite in code-server + Chromium through the real-editor harness, and
 * exits with the suite's exit code.
 */
import * as path from 'node:path';
import { runExtensionTests } from '../editor/harness/extension-tests';

function parse(argv: string[]): { developmentPaths: string[]; testsPath: string; workspace?: string } {
  const developmentPaths: string[] = [];
  let testsPath: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => inline ?? (argv[++i] as string);
    if (flag === '--extensionDevelopmentPath') developmentPaths.push(path.resolve(value()));
    else if (flag === '--extensionTestsPath') testsPath = path.resolve(value());
    else if (flag === '--user-data-dir' || flag === '--extensions-dir') {
      if (inline === undefined) i++; // the harness keeps its own scratch profile
    } else if (!arg.startsWith('-')) positional.push(path.resolve(arg));
    // other desktop-only switches (--no-sandbox, --disable-gpu-sandbox, --disable-updates,
    // --skip-welcome, --skip-release-notes, --disable-workspace-trust, --disable-extensions)
    // have no meaning for code-server or are what the harness does anyway.
  }
  if (!testsPath) throw new Error('missing --extensionTestsPath');
  if (developmentPaths.length === 0) throw new Error('missing --extensionDevelopmentPath');
  return { developmentPaths, testsPath, workspace: positional[0] };
}

async function main(): Promise<void> {
  const { developmentPaths, testsPath, workspace } = parse(process.argv.slice(2));
  const code = await runExtensionTests({
    extensionDevelopmentPath: developmentPaths,
    extensionTestsPath: testsPath,
    workspace,
    name: 'electron-suite-in-code-server',
  });
  process.exitCode = code;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
