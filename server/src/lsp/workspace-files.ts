import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files larger than this are not read for a code action (Cargo.toml, package.json, go.mod are small). */
const MAX_BYTES = 1024 * 1024;

/**
 * Reads files beside a Dockerfile for the code actions that need them (the split reads Cargo.toml,
 * go.mod, package.json, pom.xml), only for `file:` documents inside a workspace folder and never
 * outside that folder. The folders come from the settings store, which follows folder changes.
 */
export class WorkspaceFiles {
  constructor(private readonly folders: () => readonly string[]) {}

  /** The document's folder and the workspace folder holding it, or null when it is not in the workspace. */
  private placeOf(documentUri: string): { dir: string; folder: string } | null {
    const file = toPath(documentUri);
    if (!file) return null;
    const resolved = path.resolve(file);
    const folder = this.folders()
      .map((f) => path.resolve(f))
      .find((f) => isInside(f, resolved));
    return folder ? { dir: path.dirname(resolved), folder } : null;
  }

  /** A reader of paths relative to the document's folder, or undefined when the document is not in the workspace. */
  readerFor(documentUri: string): ((relativePath: string) => string | undefined) | undefined {
    const place = this.placeOf(documentUri);
    return place ? readerWithin(place.dir, place.folder) : undefined;
  }

  /** A lister of folders relative to the document's folder, under the same conditions as readerFor. */
  listerFor(documentUri: string): ((relativePath: string) => string[] | undefined) | undefined {
    const place = this.placeOf(documentUri);
    if (!place) return undefined;
    return (relativePath) => {
      const full = path.resolve(place.dir, relativePath);
      return isInside(place.folder, full) ? listFolder(full) : undefined;
    };
  }
}

/**
 * A reader of files relative to `dir` that reads nothing outside the workspace folder `folder` and
 * nothing over MAX_BYTES.
 */
export function readerWithin(dir: string, folder: string): (relativePath: string) => string | undefined {
  return (relativePath) => {
    const full = path.resolve(dir, relativePath);
    if (!isInside(folder, full)) return undefined;
    try {
      if (statSync(full).size > MAX_BYTES) return undefined;
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** At most this many entries of a folder are listed for the split (a build context's top level is small). */
const MAX_ENTRIES = 2000;

/** Lists a folder: entry names, folders with a trailing `/`; undefined when it is not a readable folder. */
export function listFolder(full: string): string[] | undefined {
  try {
    const entries = readdirSync(full, { withFileTypes: true });
    if (entries.length > MAX_ENTRIES) return undefined;
    return entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  } catch {
    return undefined;
  }
}

/** Whether a file lies inside one of the folders (the folder itself does not count). */
export function isInsideFolders(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

function isInside(folder: string, file: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function toPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}
