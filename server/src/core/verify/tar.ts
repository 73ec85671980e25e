/**
 * A streaming reader of tar archives as the engine writes them (`docker export`, `docker cp C:PATH -`):
 * ustar headers, pax extended headers (long names, sizes) and GNU long names. Fed chunk by chunk, it
 * keeps every entry's header and, for the entries the caller asks for, the content, so an image's
 * whole file system can be listed without holding it in memory.
 */

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'dir' | 'other';

export interface TarEntry {
  /** The path with a leading `/` and no trailing one: `/usr/bin/env`. */
  path: string;
  type: TarEntryType;
  mode: number;
  size: number;
  uid: number;
  gid: number;
  /** The target of a link, as written. */
  linkTarget?: string;
}

export class TarReader {
  readonly entries: TarEntry[] = [];
  readonly contents = new Map<string, Buffer>();
  private buffer: Buffer = Buffer.alloc(0);
  private current: { entry: TarEntry; remaining: number; padding: number; chunks: Buffer[] | null } | null = null;
  private pax: Record<string, string> = {};
  private special: {
    kind: 'pax' | 'global' | 'longname' | 'longlink';
    remaining: number;
    padding: number;
    chunks: Buffer[];
  } | null = null;
  private longName: string | undefined;
  private longLink: string | undefined;
  private ended = false;

  /** @param keep which entries' content to keep (by path); none by default. */
  constructor(private readonly keep: (path: string, entry: TarEntry) => boolean = () => false) {}

  get done(): boolean {
    return this.ended;
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.ended) return;
      if (this.special) {
        if (!this.readSpecial()) return;
        continue;
      }
      if (this.current) {
        if (!this.readContent()) return;
        continue;
      }
      if (this.buffer.length < 512) return;
      const header = this.buffer.subarray(0, 512);
      this.buffer = this.buffer.subarray(512);
      if (header.every((b) => b === 0)) {
        this.ended = true;
        return;
      }
      this.startEntry(header);
    }
  }

  private startEntry(header: Buffer): void {
    const size = this.pax.size !== undefined ? Number(this.pax.size) : numeric(header.subarray(124, 136));
    const flag = String.fromCharCode(header[156]!);
    const padding = (512 - (size % 512)) % 512;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      const kind = flag === 'x' ? 'pax' : flag === 'g' ? 'global' : flag === 'L' ? 'longname' : 'longlink';
      this.special = { kind, remaining: size, padding, chunks: [] };
      return;
    }
    const magic = text(header.subarray(257, 263));
    const prefix = magic.startsWith('ustar') ? text(header.subarray(345, 500)) : '';
    let name =
      this.pax.path ??
      this.longName ??
      (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
    const link = this.pax.linkpath ?? this.longLink ?? text(header.subarray(157, 257));
    name = `/${name.replace(/^\.?\/+/, '').replace(/\/+$/, '')}`;
    const type: TarEntryType =
      flag === '0' || flag === '\0' || flag === '7'
        ? 'file'
        : flag === '1'
          ? 'hardlink'
          : flag === '2'
            ? 'symlink'
            : flag === '5'
              ? 'dir'
              : 'other';
    const entry: TarEntry = {
      path: name === '/' ? '/' : name,
      type,
      mode: numeric(header.subarray(100, 108)),
      size,
      uid: this.pax.uid !== undefined ? Number(this.pax.uid) : numeric(header.subarray(108, 116)),
      gid: this.pax.gid !== undefined ? Number(this.pax.gid) : numeric(header.subarray(116, 124)),
    };
    if (type === 'symlink' || type === 'hardlink') {
      entry.linkTarget = type === 'hardlink' ? `/${link.replace(/^\.?\/+/, '')}` : link;
    }
    this.pax = {};
    this.longName = undefined;
    this.longLink = undefined;
    this.entries.push(entry);
    const kept = type === 'file' && this.keep(entry.path, entry);
    this.current = { entry, remaining: type === 'file' ? size : size, padding, chunks: kept ? [] : null };
  }

  private readContent(): boolean {
    const c = this.current!;
    if (c.remaining > 0) {
      if (this.buffer.length === 0) return false;
      const take = Math.min(c.remaining, this.buffer.length);
      c.chunks?.push(this.buffer.subarray(0, take));
      this.buffer = this.buffer.subarray(take);
      c.remaining -= take;
      if (c.remaining > 0) return false;
    }
    if (this.buffer.length < c.padding) return false;
    this.buffer = this.buffer.subarray(c.padding);
    if (c.chunks) this.contents.set(c.entry.path, Buffer.concat(c.chunks));
    this.current = null;
    return true;
  }

  private readSpecial(): boolean {
    const s = this.special!;
    if (this.buffer.length < s.remaining + s.padding) return false;
    const body = this.buffer.subarray(0, s.remaining);
    this.buffer = this.buffer.subarray(s.remaining + s.padding);
    this.special = null;
    if (s.kind === 'pax') this.pax = { ...this.pax, ...paxRecords(body) };
    else if (s.kind === 'longname') this.longName = text(body);
    else if (s.kind === 'longlink') this.longLink = text(body);
    return true;
  }
}

/** Reads a whole tar held in memory. */
export function readTar(data: Buffer, keep?: (path: string, entry: TarEntry) => boolean): TarReader {
  const reader = new TarReader(keep);
  reader.push(data);
  return reader;
}

function text(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

/** An octal field, or GNU's base-256 form (high bit set) for large values. */
function numeric(bytes: Buffer): number {
  if (bytes[0]! & 0x80) {
    let value = bytes[0]! & 0x7f;
    for (let i = 1; i < bytes.length; i++) value = value * 256 + bytes[i]!;
    return value;
  }
  const s = text(bytes).trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

/** Pax records: `<length> <key>=<value>\n`, the length counting the whole record. */
function paxRecords(body: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(body.subarray(at, space).toString('ascii'));
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}
