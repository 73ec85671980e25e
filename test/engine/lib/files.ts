// What an image holds at given paths, read without running it: a container is created (not
// started) and `docker cp CONTAINER:PATH -` streams the path as a tar archive, whose first header
// says whether the path exists, what it is and who owns it (numeric uid and gid). Only that header
// is read; the stream is cut after it, so large directories cost nothing.
import { spawn } from 'node:child_process';
import { DOCKER, docker, dockerEnv, dockerOk } from './docker.js';

export interface PathInfo {
  readonly exists: boolean;
  /** tar's type: file, dir, symlink, other. */
  readonly type?: 'file' | 'dir' | 'symlink' | 'other';
  readonly uid?: number;
  readonly gid?: number;
  /** Why the path could not be read, when it does not exist. */
  readonly error?: string;
}

const TAR_BLOCK = 512;

function octal(block: Buffer, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length);
  // GNU base-256 for large numbers: high bit set in the first byte.
  if ((field[0]! & 0x80) !== 0) {
    let n = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function tarType(flag: number): PathInfo['type'] {
  switch (String.fromCharCode(flag)) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    default:
      return 'other';
  }
}

/** The first header of `docker cp [-L] CONTAINER:PATH -` that is not an extended (pax/GNU) header. */
function firstHeader(container: string, path: string, follow: boolean, timeoutMs = 60_000): Promise<PathInfo> {
  return new Promise((resolve, reject) => {
    const args = ['cp', ...(follow ? ['-L'] : []), `${container}:${path}`, '-'];
    const child = spawn(DOCKER, args, { env: dockerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = Buffer.alloc(0);
    let stderr = '';
    let settled = false;
    const finish = (info: PathInfo): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(info);
    };
    const timer = setTimeout(() => finish({ exists: false, error: `docker ${args.join(' ')} timed out` }), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      buffered = Buffer.concat([buffered, chunk]);
      // Skip extended headers (pax 'x'/'g', GNU long names 'L'/'K') and their data blocks.
      for (;;) {
        if (buffered.length < TAR_BLOCK) return;
        const block = buffered.subarray(0, TAR_BLOCK);
        const flag = String.fromCharCode(block[156]!);
        if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
          const size = octal(block, 124, 12);
          const skip = TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
          if (buffered.length < skip) return;
          buffered = buffered.subarray(skip);
          continue;
        }
        finish({ exists: true, type: tarType(block[156]!), uid: octal(block, 108, 8), gid: octal(block, 116, 8) });
        return;
      }
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
    });
    child.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => finish({ exists: false, error: stderr.trim() || `docker cp exited ${code}` }));
  });
}

/** The whole content of a small file in the container (via its tar stream), or undefined. */
async function smallFile(container: string, path: string): Promise<string | undefined> {
  const r = await docker(['cp', '-L', `${container}:${path}`, '-'], 60_000);
  if (r.code !== 0) return undefined;
  // One regular file: a header block, then the content; stdout was decoded as UTF-8, which keeps
  // the ASCII header fields (and /etc/passwd) intact.
  const size = parseInt(r.stdout.slice(124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
  return r.stdout.slice(TAR_BLOCK, TAR_BLOCK + size);
}

export interface ImageFiles {
  /** `files` of app.json: each path, followed through symbolic links. */
  readonly files: Readonly<Record<string, PathInfo>>;
  /** `owned` of app.json: each path itself (not followed). */
  readonly owned: Readonly<Record<string, PathInfo>>;
  /** Names from the image's /etc/passwd and /etc/group, for the owners app.json writes by name. */
  readonly users: Readonly<Record<string, number>>;
  readonly groups: Readonly<Record<string, number>>;
}

function idsByName(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of (text ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && f[0] !== '' && /^\d+$/.test(f[2]!)) out[f[0]!] = Number(f[2]);
  }
  return out;
}

let counter = 0;

/** Reads the given paths of an image from a created (never started) container. */
export async function inspectFiles(
  image: string,
  files: readonly string[],
  owned: readonly string[],
): Promise<ImageFiles> {
  counter += 1;
  const name = `stagewright-engine-files-${process.pid}-${counter}`;
  // An image without CMD or ENTRYPOINT cannot be created without a command; it never runs.
  await dockerOk(['create', '--network=none', '--name', name, '--entrypoint', '/nonexistent', image]);
  try {
    const fileInfo: Record<string, PathInfo> = {};
    for (const p of files) fileInfo[p] = await firstHeader(name, p, true);
    const ownedInfo: Record<string, PathInfo> = {};
    for (const p of owned) ownedInfo[p] = await firstHeader(name, p, false);
    const users = owned.length > 0 ? idsByName(await smallFile(name, '/etc/passwd')) : {};
    const groups = owned.length > 0 ? idsByName(await smallFile(name, '/etc/group')) : {};
    return { files: fileInfo, owned: ownedInfo, users, groups };
  } finally {
    await docker(['rm', '--force', name], 60_000);
  }
}

/** "user:group" with names looked up in the image's databases; undefined parts when a name is unknown. */
export function resolveOwner(owner: string, image: ImageFiles): { uid?: number; gid?: number } {
  const [user = '', group = ''] = owner.split(':');
  const uid = /^\d+$/.test(user) ? Number(user) : image.users[user];
  const gid = /^\d+$/.test(group) ? Number(group) : image.groups[group];
  return { uid, gid };
}
