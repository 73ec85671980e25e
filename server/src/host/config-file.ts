/**
 * The project's config file on disk, for the shells: found from a Dockerfile's folder upwards and read
 * (the CLI at once, the server without blocking); the core reads its text (core/config.ts).
 *
 * The search looks in the Dockerfile's folder, then each folder above, for `.stagewright.yaml` or
 * `.stagewright.yml`, and takes the nearest. It stops at the repository root (a folder holding `.git`)
 * and at the folders the shell names (the CLI's working directory, the editor's workspace folders), so
 * a file outside the project never applies.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, configIgnoresPath, readProjectConfig, type ConfigReading } from '../core';

/** Larger files are refused with a problem: no real config comes near this. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export interface LoadedConfig extends ConfigReading {
  /** The config file's path. */
  file: string;
}

/** The folders to look in for a Dockerfile's config, nearest first. */
export function configSearchFolders(
  dockerfile: string,
  stops: readonly string[],
  isRepositoryRoot: (dir: string) => boolean,
): string[] {
  const folders: string[] = [];
  const stopSet = new Set(stops.map((s) => path.resolve(s)));
  let dir = path.dirname(path.resolve(dockerfile));
  for (;;) {
    folders.push(dir);
    if (stopSet.has(dir) || isRepositoryRoot(dir)) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return folders;
}

function existsSyncSafe(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Reads a config file the user named or the search found; a file that cannot be read is an error. */
export function loadConfigSync(file: string): LoadedConfig {
  const info = statSync(file);
  if (!info.isFile()) throw Object.assign(new Error(`${file}: not a file`), { code: 'EISDIR' });
  if (info.size > MAX_CONFIG_BYTES) return tooLarge(file);
  return { file, ...readProjectConfig(readFileSync(file, 'utf8')) };
}

/** The config file that applies to a Dockerfile, or null when there is none. */
export function findConfigFileSync(dockerfile: string, stops: readonly string[] = []): string | null {
  for (const dir of configSearchFolders(dockerfile, stops, (d) => existsSyncSafe(path.join(d, '.git')))) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here: look further.
      }
    }
  }
  return null;
}

async function existsAsync(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The config file that applies to a Dockerfile, read without blocking; null when there is none. */
export async function loadConfigFor(dockerfile: string, stops: readonly string[]): Promise<LoadedConfig | null> {
  // The repository-root test is synchronous in configSearchFolders; here each folder is looked at in turn.
  const stopSet = new Set(stops.map((s) => path.resolve(s)));
  let dir = path.dirname(path.resolve(dockerfile));
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      try {
        const info = await stat(candidate);
        if (!info.isFile()) continue;
        if (info.size > MAX_CONFIG_BYTES) return tooLarge(candidate);
        return { file: candidate, ...readProjectConfig(await readFile(candidate, 'utf8')) };
      } catch {
        // Not here, or not readable: look further.
      }
    }
    if (stopSet.has(dir) || (await existsAsync(path.join(dir, '.git')))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function tooLarge(file: string): LoadedConfig {
  return {
    file,
    config: { rules: {}, ignorePaths: [] },
    problems: [
      {
        message: `the config file is larger than ${MAX_CONFIG_BYTES / 1024} KiB; it was not read`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  };
}

/** Whether a loaded config skips this Dockerfile (its ignore.paths, relative to the config's folder). */
export function configSkips(loaded: LoadedConfig, dockerfile: string): boolean {
  const relative = path.relative(path.dirname(loaded.file), path.resolve(dockerfile));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  return configIgnoresPath(loaded.config, relative.split(path.sep).join('/'));
}
