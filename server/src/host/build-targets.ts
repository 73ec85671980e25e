/**
 * The stages a workspace builds as targets, found on disk for the shells: the build files under a
 * root folder (compose, bake, CI workflows, Makefiles, shell scripts; see core's build-targets) are
 * listed once, read and handed to the core's readers. The walk is bounded: it skips dependency and
 * hidden folders (but `.github`), symbolic links and large files, and stops after a fixed number of
 * entries, so a huge tree costs a bounded time once, never on a keystroke.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import {
  argsPassedTo,
  imageRoleOf,
  buildFileKind,
  builtImageOf,
  builtImages,
  contextsPassedTo,
  parseDockerfile,
  readBuildFiles,
  targetsFor,
  type BuildTarget,
  type BuiltTarget,
  type WorkspaceImage,
} from '../core';

/** Build files larger than this are not read (no real compose file or Makefile comes near it). */
export const MAX_BUILD_FILE_BYTES = 512 * 1024;
/** The walk looks at no more entries than this, and goes no deeper. */
export const MAX_ENTRIES = 50_000;
export const MAX_DEPTH = 12;

/** Folders never walked: installed dependencies and caches, whose build files are not the project's. */
const SKIPPED = new Set(['node_modules', 'bower_components', 'vendor', '__pycache__', 'venv', 'target']);

/** Hidden folders that hold a project's CI and build scripts (the others are tools' state: .git, .cache, .venv). */
const WALKED_HIDDEN = new Set(['.github', '.devcontainer', '.ci', '.circleci', '.buildkite', '.gitlab', '.docker']);

function skipFolder(name: string): boolean {
  return SKIPPED.has(name) || (name.startsWith('.') && !WALKED_HIDDEN.has(name));
}

/**
 * One step of the walk over a folder's entries: build files are added to `found`; the subfolders to
 * walk next are returned. Both walks (blocking and not) share it, so they find the same files.
 */
function visit(
  list: Dirent[],
  dir: string,
  rel: string,
  depth: number,
  found: string[],
  budget: { entries: number },
): { dir: string; rel: string }[] {
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const next: { dir: string; rel: string }[] = [];
  for (const entry of list) {
    if (++budget.entries > MAX_ENTRIES) break;
    const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (depth < MAX_DEPTH && !skipFolder(entry.name)) next.push({ dir: path.join(dir, entry.name), rel: relPath });
    } else if (entry.isFile() && buildFileKind(relPath) !== null) found.push(relPath);
  }
  return next;
}

/** The build files under `root`, as root-relative paths with `/` separators. */
export function findBuildFiles(root: string): string[] {
  const found: string[] = [];
  const budget = { entries: 0 };
  const walk = (dir: string, rel: string, depth: number): void => {
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const sub of visit(list, dir, rel, depth, found, budget)) walk(sub.dir, sub.rel, depth + 1);
  };
  walk(root, '', 0);
  return found;
}

/** The same walk without blocking: the server's, so a large workspace never holds up a request. */
export async function findBuildFilesAsync(root: string): Promise<string[]> {
  const found: string[] = [];
  const budget = { entries: 0 };
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    let list: Dirent[];
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const sub of visit(list, dir, rel, depth, found, budget)) await walk(sub.dir, sub.rel, depth + 1);
  };
  await walk(root, '', 0);
  return found;
}

/** The full path of a root-relative path when it stays inside `root`, else null. */
function inside(root: string, rel: string): string | null {
  const full = path.resolve(root, ...rel.split('/'));
  const relative = path.relative(root, full);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? null : full;
}

/** Whether a file is one the walk reads: a regular file no larger than the limit. */
function readable(info: { isFile(): boolean; size: number }): boolean {
  return info.isFile() && info.size <= MAX_BUILD_FILE_BYTES;
}

/** A build file's text, or undefined when it holds a NUL byte (a binary file under a build file's name). */
function asText(text: string): string | undefined {
  return text.includes('\u0000') ? undefined : text;
}

async function readInsideAsync(root: string, rel: string): Promise<string | undefined> {
  const full = inside(root, rel);
  if (full === null) return undefined;
  try {
    const info = await stat(full);
    return readable(info) ? asText(await readFile(full, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** readWorkspaceTargets without blocking; files that `extends` names are read at once (they are few). */
export async function readWorkspaceTargetsAsync(root: string): Promise<BuildTarget[]> {
  const files: { path: string; text: string }[] = [];
  for (const rel of await findBuildFilesAsync(root)) {
    const text = await readInsideAsync(root, rel);
    if (text !== undefined) files.push({ path: rel, text });
  }
  return readBuildFiles(files, (rel) => readInside(root, rel));
}

/** A file's text when it is a regular file inside `root` and small enough; undefined otherwise. */
function readInside(root: string, rel: string): string | undefined {
  const full = inside(root, rel);
  if (full === null) return undefined;
  try {
    return readable(statSync(full)) ? asText(readFileSync(full, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** Every target the build files under `root` build (paths root-relative). */
export function readWorkspaceTargets(root: string): BuildTarget[] {
  const files = findBuildFiles(root).flatMap((rel) => {
    const text = readInside(root, rel);
    return text === undefined ? [] : [{ path: rel, text }];
  });
  return readBuildFiles(files, (rel) => readInside(root, rel));
}

/** A Dockerfile's path relative to `root` with `/` separators, or null when it is not inside. */
export function relativeTo(root: string, file: string): string | null {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** What a workspace's build files say of one Dockerfile. */
export interface WorkspaceBuilds {
  /** The stages they build as targets, each with what builds it. */
  targets: BuiltTarget[];
  /** The build arguments every build of the Dockerfile they show passes (empty when they show none). */
  passedArgs: string[];
  /** The named build contexts every build of it they show sets (empty when they show none). */
  namedContexts: string[];
  /** The images the workspace builds itself, with the working directory each one's Dockerfile leaves. */
  images: WorkspaceImage[];
  /** Why the Dockerfile's image is a development environment, when every build of it shown makes one. */
  development: string | null;
  /** Why the image is built where it is used (the workspace publishes no image), when it is. */
  local: string | null;
  /** A build that may ship the Dockerfile's image (`file: what`), when one is shown. */
  shippedBy: string | null;
}

/** What a Dockerfile outside every workspace root, or with no root, is told: no builds at all. */
export const NO_BUILDS: WorkspaceBuilds = {
  targets: [],
  passedArgs: [],
  namedContexts: [],
  images: [],
  development: null,
  local: null,
  shippedBy: null,
};

/** At most this many images' Dockerfiles are read per root (a monorepo's dozens of services fit). */
export const MAX_WORKSPACE_IMAGES = 64;

/** What a Dockerfile leaves for the images built on it, read once per version of the file (its size and time). */
type ImageFileCache = Map<string, { stamp: string; image: Omit<WorkspaceImage, 'name'> | null }>;

function describeBuiltImage(
  root: string,
  dockerfile: string,
  stage: string | null,
  cache: ImageFileCache,
): Omit<WorkspaceImage, 'name'> | null {
  const full = inside(root, dockerfile);
  if (full === null) return null;
  let stamp: string;
  try {
    const info = statSync(full);
    if (!readable(info)) return null;
    stamp = `${info.size}:${info.mtimeMs}`;
  } catch {
    return null;
  }
  const key = `${dockerfile}\u0000${stage ?? ''}`;
  const known = cache.get(key);
  if (known && known.stamp === stamp) return known.image;
  const text = readInside(root, dockerfile);
  let image: Omit<WorkspaceImage, 'name'> | null = null;
  try {
    image = text === undefined ? null : builtImageOf(parseDockerfile(text), stage);
  } catch {
    // A Dockerfile the parser cannot take says nothing of its image.
  }
  cache.set(key, { stamp, image });
  return image;
}

/**
 * The images the builds name, each with the working directory its Dockerfile leaves. A name built
 * from Dockerfiles that disagree, or from one that cannot be read, keeps no working directory.
 */
function workspaceImages(root: string, all: readonly BuildTarget[], cache: ImageFileCache): WorkspaceImage[] {
  const byName = new Map<string, WorkspaceImage>();
  for (const built of builtImages(all).slice(0, MAX_WORKSPACE_IMAGES)) {
    const read = built.dockerfile === null ? null : describeBuiltImage(root, built.dockerfile, built.stage, cache);
    const workdir = read?.workdir;
    const previous = byName.get(built.name);
    if (!previous) {
      byName.set(built.name, workdir === undefined ? { name: built.name } : { name: built.name, workdir });
    } else if (previous.workdir !== undefined) {
      if (workdir === undefined) byName.set(built.name, { name: built.name });
      else if (workdir !== previous.workdir) previous.workdir = null;
    }
  }
  return [...byName.values()];
}

/** What the builds read from a root say of the Dockerfile at `rel`. */
function buildsOf(root: string, all: readonly BuildTarget[], rel: string, cache: ImageFileCache): WorkspaceBuilds {
  return {
    targets: targetsFor(all, rel),
    passedArgs: argsPassedTo(all, rel),
    namedContexts: contextsPassedTo(all, rel),
    images: workspaceImages(root, all, cache),
    ...imageRoleOf(all, rel),
  };
}

/**
 * The targets of each root folder, read once and kept until a build file under it changes. The
 * server asks it per document (`targetsForAsync`); the CLI per Dockerfile (`targetsFor`).
 */
export class BuildTargetsIndex {
  private readonly byRoot = new Map<string, Promise<BuildTarget[]> | BuildTarget[]>();
  private readonly imageFiles: ImageFileCache = new Map();
  /** Walks done so far (for tests: a keystroke never walks). */
  scans = 0;

  /** The targets that build the Dockerfile at `file`, read from the build files under `root`. */
  targetsFor(root: string, file: string): BuiltTarget[] {
    return this.buildsFor(root, file).targets;
  }

  /**
   * What the build files under `root` say of the Dockerfile at `file`: the targets that build it, and
   * the build arguments every build of it they show passes.
   */
  buildsFor(root: string, file: string): WorkspaceBuilds {
    const rel = relativeTo(root, file);
    if (rel === null) return NO_BUILDS;
    let targets = this.byRoot.get(root);
    if (!Array.isArray(targets)) {
      this.scans++;
      targets = readWorkspaceTargets(root);
      this.byRoot.set(root, targets);
    }
    return buildsOf(root, targets, rel, this.imageFiles);
  }

  /** The targets, walking the root without blocking the first time. */
  async targetsForAsync(root: string, file: string): Promise<BuiltTarget[]> {
    return (await this.buildsForAsync(root, file)).targets;
  }

  /** buildsFor, walking the root without blocking the first time. */
  async buildsForAsync(root: string, file: string): Promise<WorkspaceBuilds> {
    const rel = relativeTo(root, file);
    if (rel === null) return NO_BUILDS;
    let targets = this.byRoot.get(root);
    if (!targets) {
      this.scans++;
      targets = readWorkspaceTargetsAsync(root).catch(() => []);
      this.byRoot.set(root, targets);
    }
    return buildsOf(root, await targets, rel, this.imageFiles);
  }

  /** Forgets the roots whose build files changed; returns whether any did. */
  changed(files: readonly string[]): boolean {
    let any = false;
    for (const root of [...this.byRoot.keys()]) {
      for (const file of files) {
        const rel = relativeTo(root, file);
        if (rel !== null && buildFileKind(rel) !== null) {
          this.byRoot.delete(root);
          any = true;
          break;
        }
      }
    }
    return any;
  }

  clear(): void {
    this.byRoot.clear();
    this.imageFiles.clear();
  }
}

/**
 * Where the CLI reads a Dockerfile's build files from: the repository holding it (the nearest folder
 * with `.git`), else the working directory when the Dockerfile is inside it, else its own folder.
 */
export function buildRootOf(dockerfile: string, cwd: string = process.cwd()): string {
  const start = path.dirname(path.resolve(dockerfile));
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      statSync(path.join(dir, '.git'));
      return dir;
    } catch {
      // Not a repository root: go up.
    }
    if (path.dirname(dir) === dir) break;
  }
  // Outside a repository, the working directory when it holds the Dockerfile and is a project's
  // folder rather than the file system's root or the home folder (whose walk would be long and vain).
  const resolvedCwd = path.resolve(cwd);
  const broad = path.dirname(resolvedCwd) === resolvedCwd || resolvedCwd === path.resolve(homedir());
  return !broad && relativeTo(resolvedCwd, path.resolve(dockerfile)) !== null ? resolvedCwd : start;
}
