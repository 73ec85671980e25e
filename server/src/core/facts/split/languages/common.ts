import * as path from 'node:path/posix';
import { resolveIn } from '../../../syntax/paths';
import { programWords, type StageFacts } from '../../stage-facts';

/** System directories: a program there is not an artifact of the build. */
export const SYSTEM_DIRS = [
  '/bin/',
  '/usr/bin/',
  '/sbin/',
  '/usr/sbin/',
  '/usr/lib/jvm/',
  '/usr/local/go/',
  '/usr/local/cargo/',
];
export const TOOLCHAIN_PROGRAMS = new Set([
  'go',
  'cargo',
  'rustc',
  'gcc',
  'g++',
  'make',
  'cmake',
  'mvn',
  'gradle',
  'javac',
  'dotnet',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'node',
  'python',
  'python3',
  'java',
  'sh',
  'bash',
]);

/** The directory the app's sources were copied to (`COPY . /src`), else the WORKDIR; null for `/`. */
export function appDir(facts: StageFacts): string | null {
  const root = [...facts.contextDirs].reverse().find((m) => m.dir && m.contextPath === '.');
  let dir = root?.imagePath ?? facts.workdir;
  // A working directory inside an installed package (`WORKDIR /usr/src/app/node_modules/screwdriver-api`)
  // runs that package; the app is the folder whose node_modules holds it and its dependencies.
  const modules = dir ? /\/node_modules(\/|$)/.exec(dir) : null;
  if (dir && modules) dir = dir.slice(0, modules.index) || '/';
  return dir && dir !== '/' ? dir : null;
}

/**
 * Why `appDir` found no application directory, in words that are true of the stage: a prebuilt
 * program copied to `/opt/app` is not the sources copied to `/`.
 */
export function noAppDirReason(facts: StageFacts): string {
  const root = [...facts.contextDirs].reverse().find((m) => m.dir && m.contextPath === '.');
  if (root) return 'no application directory: the sources are copied to /';
  return 'no application directory: the build context is not copied into a directory of its own, and the working directory is /';
}

/** Resolves the program the container runs to a path in the image, if it is a file of the build. */
export function programPath(facts: StageFacts): string | null {
  const words = programWords(facts.command);
  const p = words[0];
  if (!p || facts.workdir === null) return null;
  if (!p.includes('/')) return null;
  const resolved = resolveIn(facts.workdir, p);
  if (SYSTEM_DIRS.some((d) => resolved.startsWith(d))) return null;
  // A file copied in from the build context (an entrypoint script) is not a build output.
  if (facts.contextDirs.some((m) => !m.dir && m.imagePath === resolved)) return null;
  if (/\.(sh|bash|py|rb|js|mjs|cjs|pl|php)$/.test(resolved) || /entrypoint/.test(path.basename(resolved))) return null;
  // It must lie where a build ran.
  if (!facts.builds.some((b) => resolved.startsWith(b.cwd === '/' ? '/' : b.cwd + '/'))) return null;
  if (TOOLCHAIN_PROGRAMS.has(path.basename(resolved)) && !p.startsWith('.')) return null;
  return resolved;
}
