/**
 * The .dockerignore of a Dockerfile, found and read for the shells (the CLI reads it at once, the
 * server without blocking); the core never reads files and gets the text in its settings. BuildKit
 * first looks for `<Dockerfile name>.dockerignore` beside the Dockerfile, then for `.dockerignore` at the
 * root of the build context; we do not know the context, so we take the Dockerfile's directory, which is
 * the context in the common `docker build .` layout.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** Larger files are not read: no real .dockerignore comes near this. */
export const MAX_DOCKERIGNORE_BYTES = 1024 * 1024;

export function dockerignoreCandidates(dockerfile: string): string[] {
  const dir = path.dirname(dockerfile);
  return [path.join(dir, `${path.basename(dockerfile)}.dockerignore`), path.join(dir, '.dockerignore')];
}

/** The text of the .dockerignore that applies to a Dockerfile, or null when there is none. */
export function readDockerignoreSync(dockerfile: string): string | null {
  for (const candidate of dockerignoreCandidates(dockerfile)) {
    try {
      const info = statSync(candidate);
      if (!info.isFile() || info.size > MAX_DOCKERIGNORE_BYTES) continue;
      return readFileSync(candidate, 'utf8');
    } catch {
      // Not there or not readable: try the next one.
    }
  }
  return null;
}

export async function readDockerignore(dockerfile: string): Promise<string | null> {
  for (const candidate of dockerignoreCandidates(dockerfile)) {
    try {
      const info = await stat(candidate);
      if (!info.isFile() || info.size > MAX_DOCKERIGNORE_BYTES) continue;
      return await readFile(candidate, 'utf8');
    } catch {
      // Not there or not readable: try the next one.
    }
  }
  return null;
}
