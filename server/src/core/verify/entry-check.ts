/**
 * Whether an image's entry command can start: the command resolves in the image's file system (PATH
 * and WorkingDir as the engine applies them, symbolic links followed), a script's `#!` interpreter
 * resolves, and every library an ELF program needs is found where the dynamic loader looks (RPATH,
 * LD_LIBRARY_PATH, RUNPATH, the folders of /etc/ld.so.conf and its includes, musl's path file, the
 * default and multiarch folders), libraries of libraries included. It reads the file system through
 * an index of paths (from `docker export`) and a reader of file contents, so it runs on recorded data.
 */
import * as posix from 'node:path/posix';
import type { EntryCheck } from '../../../../shared/verify-data';
import { type ElfFacts, multiarchTriplet, readElf } from './elf';
import { envMap, type ImageConfigJson } from './inspect';
import type { TarEntry } from './tar';

/** The default PATH the engine gives a container whose image sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ImageFileSystem {
  /** The entries of the file system by absolute path (`/usr/bin/env`). */
  entries: ReadonlyMap<string, TarEntry>;
  /** The content of a regular file (the path as in `entries`, links already followed), or undefined. */
  read(path: string): Promise<Uint8Array | undefined>;
}

export function indexEntries(entries: readonly TarEntry[]): Map<string, TarEntry> {
  return new Map(entries.map((e) => [e.path, e]));
}

/** Follows symbolic links in every component of a path; the final path, or undefined when it leads nowhere. */
export function resolvePath(fs: ImageFileSystem, path: string): { path: string; entry: TarEntry } | undefined {
  let pending = splitPath(path);
  let resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = `/${[...resolved, part].join('/')}`;
    const entry = fs.entries.get(candidate);
    if (!entry) return undefined;
    if (entry.type === 'symlink') {
      if (++hops > 40) return undefined;
      const target = entry.linkTarget ?? '';
      if (target.startsWith('/')) resolved = [];
      pending = [...splitPath(target), ...pending];
      continue;
    }
    resolved.push(part);
  }
  const final = `/${resolved.join('/')}`;
  const entry =
    final === '/'
      ? ({ path: '/', type: 'dir', mode: 0o755, size: 0, uid: 0, gid: 0 } as TarEntry)
      : fs.entries.get(final);
  return entry ? { path: final, entry } : undefined;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** A path that resolves to a regular file (a hard link counts), with the file it ends at. */
function resolveFile(fs: ImageFileSystem, path: string): string | undefined {
  const r = resolvePath(fs, path);
  if (!r) return undefined;
  if (r.entry.type === 'hardlink' && r.entry.linkTarget) return r.entry.linkTarget;
  return r.entry.type === 'file' ? r.path : undefined;
}

/** The command the container starts: the first word of Entrypoint, else of Cmd. */
export function entryArgv(config: ImageConfigJson): string[] {
  const entrypoint = config.Entrypoint ?? [];
  return entrypoint.length > 0 ? [...entrypoint, ...(config.Cmd ?? [])] : [...(config.Cmd ?? [])];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** The programs to check: the entry command, and the first word of the script of `sh -c "<script>"`. */
export function commandsToCheck(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first === undefined) return [];
  const out = [first];
  if (SHELLS.has(posix.basename(first)) && argv[1] === '-c' && argv[2] !== undefined) {
    const words = argv[2].trim().split(/\s+/);
    let i = 0;
    while (words[i] === 'exec' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '')) i++;
    const word = words[i];
    // Only a plain word: a builtin, a variable or a compound command cannot be looked up.
    if (word && /^[A-Za-z0-9_./-]+$/.test(word) && !SHELL_WORDS.has(word)) out.push(word);
  }
  return out;
}

const SHELL_WORDS = new Set([
  'cd',
  'echo',
  'set',
  'export',
  'if',
  'for',
  'while',
  'case',
  'test',
  '[',
  'true',
  'false',
  'trap',
  'umask',
  'ulimit',
  'source',
  '.',
  'eval',
  'printf',
  'read',
  'shift',
  'wait',
  'until',
  'exit',
  'unset',
  'command',
]);

/** Finds a command as the engine's exec would: a path relative to WorkingDir, or a name on the image's PATH. */
export function findCommand(fs: ImageFileSystem, command: string, config: ImageConfigJson): string | undefined {
  if (command.includes('/')) {
    const full = command.startsWith('/') ? command : posix.join(config.WorkingDir || '/', command);
    return resolveFile(fs, full) ? full : undefined;
  }
  const path = envMap(config.Env).get('PATH') ?? DEFAULT_PATH;
  for (const dir of path.split(':')) {
    if (dir === '') continue;
    const full = posix.join(dir.startsWith('/') ? dir : posix.join(config.WorkingDir || '/', dir), command);
    if (resolveFile(fs, full)) return full;
  }
  return undefined;
}

/** The folders of /etc/ld.so.conf, its includes (globs with `*`) and musl's /etc/ld-musl-*.path. */
export async function loaderConfigFolders(fs: ImageFileSystem): Promise<string[]> {
  const folders: string[] = [];
  const seen = new Set<string>();
  const readConf = async (path: string, depth: number): Promise<void> => {
    const file = resolveFile(fs, path);
    if (!file || seen.has(file) || depth > 8) return;
    seen.add(file);
    const data = await fs.read(file);
    if (!data) return;
    for (const raw of new TextDecoder().decode(data).split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') continue;
      const include = /^include\s+(.+)$/.exec(line);
      if (include) {
        for (const pattern of include[1]!.split(/\s+/)) {
          for (const match of globFiles(
            fs,
            pattern.startsWith('/') ? pattern : posix.join(posix.dirname(path), pattern),
          )) {
            await readConf(match, depth + 1);
          }
        }
      } else {
        folders.push(...line.split(/[:,\s]+/).filter((f) => f.startsWith('/')));
      }
    }
  };
  await readConf('/etc/ld.so.conf', 0);
  for (const path of fs.entries.keys()) {
    if (/^\/etc\/ld-musl-[^/]+\.path$/.test(path)) {
      const data = await fs.read(resolveFile(fs, path) ?? path);
      if (data)
        folders.push(
          ...new TextDecoder()
            .decode(data)
            .split(/[:\n]/)
            .map((f) => f.trim())
            .filter((f) => f.startsWith('/')),
        );
    }
  }
  return folders;
}

/** Paths matching a pattern whose last component may hold `*` (what ld.so.conf includes use). */
function globFiles(fs: ImageFileSystem, pattern: string): string[] {
  const dir = resolvePath(fs, posix.dirname(pattern));
  if (!dir) return [];
  const base = posix.basename(pattern);
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  const prefix = dir.path === '/' ? '/' : `${dir.path}/`;
  const out: string[] = [];
  for (const path of fs.entries.keys()) {
    if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/') && re.test(path.slice(prefix.length)))
      out.push(path);
  }
  return out.sort();
}

function expandOrigin(folder: string, file: string): string {
  return folder.replace(/\$(ORIGIN|\{ORIGIN\})/g, posix.dirname(file));
}

/** The folders the loader searches for one ELF file's needed libraries, in its order. */
export function searchFolders(
  elf: ElfFacts,
  file: string,
  ldLibraryPath: string | undefined,
  configured: readonly string[],
): string[] {
  const folders: string[] = [];
  if (elf.runpath.length === 0) folders.push(...elf.rpath.map((f) => expandOrigin(f, file)));
  if (ldLibraryPath) folders.push(...ldLibraryPath.split(/[:;]/).filter((f) => f !== ''));
  folders.push(...elf.runpath.map((f) => expandOrigin(f, file)));
  folders.push(...configured);
  const triplet = multiarchTriplet(elf.machine, elf.bits);
  if (triplet) folders.push(`/lib/${triplet}`, `/usr/lib/${triplet}`);
  if (elf.bits === 64) folders.push('/lib64', '/usr/lib64');
  folders.push('/lib', '/usr/lib', '/usr/local/lib');
  return [...new Set(folders)];
}

export interface EntryCheckOptions {
  /** Files read at most (default 300). */
  limit?: number;
  /** Whether to look up the libraries (default true); false when the image's own ldd will answer. */
  libraries?: boolean;
}

/**
 * Checks the entry command of an image in its file system: found, its interpreter found, and every
 * library it needs (and they need) found.
 */
export async function checkEntry(
  fs: ImageFileSystem,
  config: ImageConfigJson,
  options: EntryCheckOptions = {},
): Promise<EntryCheck> {
  const limit = options.limit ?? 300;
  const followLibraries = options.libraries ?? true;
  const argv = entryArgv(config);
  const check: EntryCheck = {
    command: argv[0] ?? null,
    resolved: null,
    method: 'elf',
    missingLibraries: [],
    libraries: [],
    problems: [],
    notes: [],
  };
  if (argv.length === 0) {
    check.method = 'none';
    check.problems.push('the image has neither ENTRYPOINT nor CMD');
    return check;
  }
  const ldLibraryPath = envMap(config.Env).get('LD_LIBRARY_PATH');
  const configured = await loaderConfigFolders(fs);
  const visited = new Set<string>();
  const queue: { file: string; why: string }[] = [];
  const commands = commandsToCheck(argv);
  for (const [i, command] of commands.entries()) {
    const found = findCommand(fs, command, config);
    if (i === 0) check.resolved = found ?? null;
    if (!found) {
      check.problems.push(
        i === 0
          ? `${command} is not in the image${command.includes('/') ? '' : ` (not on PATH: ${envMap(config.Env).get('PATH') ?? DEFAULT_PATH})`}`
          : `${command}, the first command of the shell script, is not in the image`,
      );
      continue;
    }
    queue.push({ file: resolveFile(fs, found)!, why: found });
  }
  let read = 0;
  while (queue.length > 0 && read < limit) {
    const { file, why } = queue.shift()!;
    if (visited.has(file)) continue;
    visited.add(file);
    read++;
    const data = await fs.read(file);
    if (!data) {
      check.notes.push(`${why} could not be read`);
      continue;
    }
    if (data[0] === 0x23 && data[1] === 0x21) {
      const line = new TextDecoder()
        .decode(data.subarray(0, Math.min(data.length, 256)))
        .split('\n')[0]!
        .slice(2)
        .trim();
      const [interpreter, argument] = line.split(/\s+/);
      if (!interpreter) continue;
      if (why === check.resolved) check.interpreter = line;
      const target =
        posix.basename(interpreter) === 'env' && argument && !argument.startsWith('-') ? argument : interpreter;
      const found =
        target === interpreter
          ? resolveFile(fs, interpreter)
            ? interpreter
            : undefined
          : findCommand(fs, target, config);
      if (!found) check.problems.push(`${why} starts with #!${line}, and ${target} is not in the image`);
      else {
        if (target !== interpreter && !resolveFile(fs, interpreter))
          check.problems.push(`${why} starts with #!${line}, and ${interpreter} is not in the image`);
        queue.push({ file: resolveFile(fs, found)!, why: found });
      }
      continue;
    }
    const elf = readElf(data);
    if (!elf) {
      if (why === check.resolved) check.notes.push(`${why} is neither an ELF program nor a script`);
      continue;
    }
    if (elf.interpreter) {
      if (why === check.resolved) check.interpreter = elf.interpreter;
      const loader = resolveFile(fs, elf.interpreter);
      if (!loader) check.problems.push(`${why} needs the loader ${elf.interpreter}, which is not in the image`);
    } else if (why === check.resolved && elf.needed.length === 0) {
      check.notes.push(`${why} is statically linked`);
    }
    if (!followLibraries) {
      check.method = 'none';
      continue;
    }
    const folders = searchFolders(elf, file, ldLibraryPath, configured);
    for (const name of elf.needed) {
      let found: string | undefined;
      for (const folder of name.includes('/') ? [''] : folders) {
        const candidate = name.includes('/') ? name : posix.join(folder, name);
        const file = resolveFile(fs, candidate);
        if (file) {
          found = file;
          if (!check.libraries.some((l) => l.name === name)) check.libraries.push({ name, path: candidate });
          break;
        }
      }
      if (found) queue.push({ file: found, why: name });
      else if (!check.missingLibraries.includes(name)) {
        check.missingLibraries.push(name);
        check.problems.push(`${name}, needed by ${why}, is not found where the loader looks`);
      }
    }
  }
  if (queue.length > 0) check.notes.push(`stopped after reading ${limit} files`);
  return check;
}

/**
 * The libraries in the output of glibc's or musl's ldd: `name => path (address)`, `name => not found`;
 * the vDSO and the loader's own line name no file to find and are left out.
 */
export function parseLdd(output: string): { libraries: { name: string; path: string }[]; missing: string[] } {
  const libraries: { name: string; path: string }[] = [];
  const missing: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    const arrow = /^(\S+)\s+=>\s+(.*)$/.exec(line);
    if (!arrow) continue;
    const [, name, rest] = arrow;
    if (/^not found/.test(rest!)) {
      if (!missing.includes(name!)) missing.push(name!);
    } else {
      const path = rest!.replace(/\s*\(0x[0-9a-f]+\)\s*$/, '').trim();
      if (path.startsWith('/')) libraries.push({ name: name!, path });
    }
  }
  return { libraries, missing };
}
