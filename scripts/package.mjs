// Builds the bundles and packages the extension: node scripts/package.mjs [out.vsix]
// The extension page shows MARKETPLACE.md, written for users; README.md is the repository's own.
// vsce rewrites its relative links against `repository` (images to raw/HEAD, pages to blob/HEAD).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.resolve(process.argv[2] ?? path.join(root, 'stagewright.vsix'));
const require = createRequire(import.meta.url);
const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');

execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
execFileSync(
  process.execPath,
  [vsce, 'package', '--no-dependencies', '--readme-path', 'MARKETPLACE.md', '--out', out],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
