import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Names that mark a file as a Dockerfile: `Dockerfile`, `Dockerfile.dev`, `api.Dockerfile`,
 * `Containerfile`, and a name that ends in one (`UIDockerfile`).
 */
const DOCKERFILE_NAME = /(^|[._-])(dockerfile|containerfile)([._-]|$)|(dockerfile|containerfile)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name);
}

export class UsageError extends Error {}

/** Expands the CLI's path arguments: files as given, directories into the Dockerfiles under them. */
export function collectDockerfiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      const before = files.length;
      walk(p, files);
      if (files.length === before)
        throw new UsageError(
          `${p}: no Dockerfile here (looked for Dockerfile, *.Dockerfile, Dockerfile.*, *Dockerfile, Containerfile)`,
        );
    } else files.push(p);
  }
  return files;
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, out);
    } else if (entry.isFile() && isDockerfileName(entry.name)) {
      out.push(full);
    }
  }
}

/** Reads a Dockerfile as text: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function readDockerfile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw ioError(file, error);
  }
  return decodeDockerfile(bytes);
}

/** An I/O error in the words every command uses: `<path>: no such file or directory`. */
export function ioError(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UsageError(`${file}: no such file or directory`);
  if (code === 'EISDIR') return new UsageError(`${file}: is a directory, not a Dockerfile`);
  return error as Error;
}

export function decodeDockerfile(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    return Buffer.from(body).swap16().toString('utf16le');
  }
  // Bytes that are not UTF-8 become U+FFFD, which the core reports as a file it cannot read
  // (binary-content) rather than checking text with characters that are not there.
  const text = isUtf8(bytes) ? bytes.toString('utf8') : LOSSY.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const STRICT = new TextDecoder('utf-8', { fatal: true });
const LOSSY = new TextDecoder('utf-8');

/** Whether the bytes are valid UTF-8 (TextDecoder's strict mode throws on the first invalid sequence). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
