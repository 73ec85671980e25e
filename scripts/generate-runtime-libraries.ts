/**
 * Generates server/src/core/knowledge/runtime-libraries.generated.ts: for each Debian `-dev` package,
 * the shared-library packages a program built against it needs at run time, per Debian release.
 *
 *   npm run generate:runtime-libraries                 downloads the indexes and writes the module
 *   npm run generate:runtime-libraries -- --check      exits 1 when the committed module differs
 *   npm run generate:runtime-libraries -- --explain libpq-dev,libssl-dev
 *                                                      prints how those names resolve, writes nothing
 *
 * Input: the `Packages` index of `main` for amd64 of each release in RELEASES, from the Debian mirror
 * this machine's apt uses: the `deb` sources with `main` in /etc/apt/sources.list,
 * sources.list.d/*.list and sources.list.d/*.sources, those serving the release first, then those
 * serving another Debian release, skipping any whose Release file is not Debian's;
 * STAGEWRIGHT_DEBIAN_MIRROR overrides. The index is checked against the SHA-256 its `Release` file
 * lists (the Release file itself is not signature-checked). Packages.xz is read with `xz` when the
 * machine has it, else Packages.gz. Three releases take about 15 s (downloading ~30 MB, parsing
 * ~150 MB of index).
 *
 * The rule, for a `-dev` package D (see `resolveRelease`):
 * - its runtime libraries are the packages it depends on that are shared libraries (Section `libs`,
 *   or named `lib…<digit>` with an optional `t64`), those built from D's own source package when
 *   there are any, else all of them; never libc6 and what it depends on (libgcc-s1), which every
 *   image has;
 * - plus, through the `-dev` packages it depends on that come from its own source package (glib's
 *   libglib2.0-dev → libgio-2.0-dev), theirs;
 * - a `-dev` package with no library of its own (a metapackage such as libboost-program-options-dev
 *   → libboost-program-options1.83-dev, default-libmysqlclient-dev → libmariadb-dev-compat, or a
 *   header-only wrapper such as cppzmq-dev → libzmq3-dev) takes the libraries of every `-dev`
 *   package it depends on, except the C library's, the kernel headers and the compilers' own
 *   (glibc, linux, gcc-N, llvm-toolchain-N), which are the toolchain, not something the program
 *   links by choice.
 * A `-dev` package whose library exists pulls the libraries of the other `-dev` packages it needs
 * through that library's own dependencies (libpq5 depends on libssl3), so those are not listed.
 * Packages that resolve to nothing (header-only, static-only, toolchain) are left out: the lookup
 * answers null for them. Language ecosystems that package sources as `-dev` (Rust crates, Go
 * modules, Haskell and OCaml libraries) are left out too. Virtual `-dev` names with one provider
 * (libz-dev → zlib1g-dev) are kept, because apt installs that provider for them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeRuntimeLibraryTable, SHARED_DIGITS } from '../server/src/core/knowledge/runtime-libraries';

export const ROOT = path.join(__dirname, '..');
export const OUTPUT = path.join(ROOT, 'server', 'src', 'core', 'knowledge', 'runtime-libraries.generated.ts');

/** Oldest first: the table stores each value once and repeats it for the next release with `=`. */
export const RELEASES = ['bullseye', 'bookworm', 'trixie'] as const;
const ARCH = 'amd64';
const COMPONENT = 'main';

// ---------------------------------------------------------------------------------------------------
// The mirror, from the machine's apt configuration.

export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

/** `deb` entries of a one-line-style sources.list text. */
export function parseSourcesList(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const words = line.split(/\s+/);
    if (words[0] !== 'deb') continue;
    let i = 1;
    if (words[i]?.startsWith('[')) {
      while (i < words.length && !words[i]!.endsWith(']')) i++;
      i++;
    }
    const uri = words[i];
    const suite = words[i + 1];
    if (uri && suite) out.push({ uri, suites: [suite], components: words.slice(i + 2) });
  }
  return out;
}

/** `deb` entries of a deb822-style .sources text (stanzas; `Enabled: no` skips one). */
export function parseDeb822(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const stanza of text.split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    let last: string | null = null;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^[ \t]/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const m = /^([A-Za-z0-9-]+):(.*)$/.exec(line);
      if (!m) continue;
      last = m[1]!.toLowerCase();
      fields.set(last, m[2]!.trim());
    }
    const types = (fields.get('types') ?? '').split(/\s+/);
    if (!types.includes('deb') || /^no$/i.test(fields.get('enabled') ?? '')) continue;
    const list = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
    for (const uri of list('uris')) out.push({ uri, suites: list('suites'), components: list('components') });
  }
  return out;
}

function aptSources(): AptSource[] {
  const files: string[] = [];
  if (existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir))
    for (const name of readdirSync(dir).sort()) if (/\.(list|sources)$/.test(name)) files.push(path.join(dir, name));
  return files.flatMap((f) =>
    f.endsWith('.sources') ? parseDeb822(readFileSync(f, 'utf8')) : parseSourcesList(readFileSync(f, 'utf8')),
  );
}

/** Suites of Debian's own archive (not -security, which is another archive, nor vendors' suites). */
const DEBIAN_SUITE =
  /^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|oldstable|oldoldstable|testing|unstable)$/;

/**
 * The mirrors to try for `release`, best first: the override alone, else the apt sources with `main`
 * that serve that very suite, then those serving any other Debian release (one mirror serves them
 * all). A source that turns out not to be Debian's archive (a vendor's repository using a Debian
 * codename as its suite) is skipped when its Release file is read.
 */
export function mirrorCandidates(
  release: string,
  sources: readonly AptSource[],
  override: string | undefined,
): string[] {
  if (override) return [override.replace(/\/+$/, '')];
  const withMain = sources.filter((s) => s.components.includes(COMPONENT));
  const exact = withMain.filter((s) => s.suites.includes(release));
  const other = withMain.filter((s) => s.suites.some((suite) => DEBIAN_SUITE.test(suite)));
  return [...new Set([...exact, ...other].map((s) => s.uri.replace(/\/+$/, '')))];
}

// ---------------------------------------------------------------------------------------------------
// Download.

export interface ReleaseIndex {
  release: string;
  /** `Version:` of the Release file, e.g. 12.12. */
  version: string;
  /** `Date:` of the Release file, as an ISO date (YYYY-MM-DD). */
  date: string;
  packages: string;
}

async function fetchBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

function hasXz(): boolean {
  return spawnSync('xz', ['--version'], { stdio: 'ignore' }).status === 0;
}

function unxz(data: Buffer): Buffer {
  const r = spawnSync('xz', ['-dc'], { input: data, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`xz -dc failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** The SHA-256 the Release file lists for `file` (a path relative to the suite's folder). */
function releaseSha256(release: string, file: string): string | null {
  const section = /^SHA256:\n((?:[ \t].*\n?)*)/m.exec(release)?.[1] ?? '';
  for (const line of section.split('\n')) {
    const [hash, , name] = line.trim().split(/\s+/);
    if (name === file && hash) return hash;
  }
  return null;
}

export async function downloadIndex(mirror: string, release: string): Promise<ReleaseIndex> {
  const base = `${mirror}/dists/${release}`;
  const releaseText = (await fetchBytes(`${base}/Release`)).toString('utf8');
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(releaseText)?.[1]?.trim() ?? '';
  if (field('Origin') !== 'Debian') throw new Error(`${base}/Release: Origin is '${field('Origin')}', not Debian`);
  const date = new Date(field('Date'));
  const useXz = hasXz();
  const file = `${COMPONENT}/binary-${ARCH}/Packages.${useXz ? 'xz' : 'gz'}`;
  const want = releaseSha256(releaseText, file);
  if (!want) throw new Error(`${base}/Release lists no SHA256 for ${file}`);
  const data = await fetchBytes(`${base}/${file}`);
  const got = createHash('sha256').update(data).digest('hex');
  if (got !== want) throw new Error(`${base}/${file}: SHA-256 ${got}, the Release file says ${want}`);
  const packages = (useXz ? unxz(data) : gunzipSync(data)).toString('utf8');
  return {
    release,
    version: field('Version'),
    date: Number.isNaN(date.getTime()) ? field('Date') : date.toISOString().slice(0, 10),
    packages,
  };
}

// ---------------------------------------------------------------------------------------------------
// The index and the rule.

export interface Package {
  name: string;
  source: string;
  section: string;
  /** Each Depends entry as its alternatives, names only. */
  depends: string[][];
  provides: string[];
}

const names = (field: string | undefined): string[][] =>
  (field ?? '')
    .split(',')
    .map((entry) =>
      entry
        .split('|')
        .map((alt) => alt.trim().split(/[\s([:<>=]/)[0]!)
        .filter(Boolean),
    )
    .filter((alts) => alts.length > 0);

/** The stanzas of a Packages index (the first of a name wins). */
export function parsePackages(text: string): Map<string, Package> {
  const out = new Map<string, Package>();
  for (const stanza of text.split(/\n\n+/)) {
    const fields = new Map<string, string>();
    let last: string | null = null;
    for (const line of stanza.split('\n')) {
      if (/^[ \t]/.test(line)) {
        if (last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const i = line.indexOf(':');
      if (i <= 0) continue;
      last = line.slice(0, i);
      fields.set(last, line.slice(i + 1).trim());
    }
    const name = fields.get('Package');
    if (!name || out.has(name)) continue;
    out.set(name, {
      name,
      source: (fields.get('Source') ?? name).split(/\s/)[0]!,
      section: (fields.get('Section') ?? '').replace(/^.*\//, ''),
      depends: names(fields.get('Depends')),
      provides: names(fields.get('Provides')).flat(),
    });
  }
  return out;
}

/** `-dev` names that package another language's sources, not a C library's interface. */
const ECOSYSTEM = /^(librust-.*|golang-.*|libghc-.*|.*-ocaml-dev)$/;
/** Sources whose `-dev` packages are the toolchain (C library, kernel headers, compilers' runtimes). */
const TOOLCHAIN_SOURCE = /^(glibc|linux|gcc-\d+|llvm-toolchain-.*)$/;
/** Named like a shared library package: lib, then a version (libpq5, libssl3t64, libicu72). */
const LIBRARY_NAME = /^lib.*\d(t64)?$/;

/** A development package: what a `-dev` name's Depends follow (libmariadb-dev-compat, krb5-multidev). */
const isDevelopment = (p: Package) =>
  /-(dev|multidev|headers)$/.test(p.name) || (p.section === 'libdevel' && !LIBRARY_NAME.test(p.name));
const isSharedLibrary = (p: Package) =>
  (p.section === 'libs' || LIBRARY_NAME.test(p.name)) && !/^gcc-\d+-base$/.test(p.name);

/**
 * One `-dev` name of the table: the library packages it names itself, and the other `-dev` names of
 * the table whose libraries it takes too (a metapackage's target, a header-only wrapper's library).
 * Its runtime libraries are the union over `refs`, transitively, with `libs`.
 */
export interface Entry {
  libs: string[];
  refs: string[];
}

/**
 * The table of one release: every `-dev` name whose runtime libraries are not empty, sorted. A
 * dependency that is not itself a name of the table (libmariadb-dev-compat, krb5-multidev) is
 * written out in place of the reference.
 */
export function resolveRelease(packages: ReadonlyMap<string, Package>): Map<string, Entry> {
  const providers = new Map<string, string[]>();
  for (const p of packages.values()) {
    for (const v of p.provides) {
      if (packages.has(v)) continue;
      const list = providers.get(v) ?? [];
      if (!list.includes(p.name)) list.push(p.name);
      providers.set(v, list);
    }
  }
  /** A real package for a name: itself, or the only provider of a virtual name. */
  const real = (name: string): Package | undefined => {
    const p = packages.get(name);
    if (p) return p;
    const list = providers.get(name);
    return list && list.length === 1 ? packages.get(list[0]!) : undefined;
  };
  /** libc6 and what it depends on (libgcc-s1, gcc-N-base): in every image, so never listed. */
  const alwaysPresent = new Set<string>();
  const pending = ['libc6'];
  while (pending.length > 0) {
    const p = real(pending.pop()!);
    if (!p || alwaysPresent.has(p.name)) continue;
    alwaysPresent.add(p.name);
    for (const alternatives of p.depends) pending.push(alternatives[0]!);
  }

  /** Per development package: its own libraries and the development packages it follows. */
  const nodes = new Map<string, { libs: string[]; follow: Package[] }>();
  const node = (dev: Package) => {
    const known = nodes.get(dev.name);
    if (known) return known;
    const libs: Package[] = [];
    const sameSource: Package[] = [];
    const otherSource: Package[] = [];
    for (const alternatives of dev.depends) {
      // apt takes the first alternative it can install; the first that exists here stands for it.
      const p = alternatives.map(real).find((x) => x !== undefined);
      if (!p || p.name === dev.name) continue;
      if (isDevelopment(p)) (p.source === dev.source ? sameSource : otherSource).push(p);
      else if (isSharedLibrary(p)) libs.push(p);
    }
    const own = libs.filter((p) => p.source === dev.source);
    const chosen = own.length > 0 ? own : libs;
    const toolchain = TOOLCHAIN_SOURCE.test(dev.source);
    // With a library of its own, the other -dev packages' libraries come with that library's own
    // Depends; without one (a metapackage, a header-only wrapper), they are what the program links.
    const follow = (chosen.length > 0 ? (toolchain ? [] : sameSource) : [...sameSource, ...otherSource]).filter(
      (d) => toolchain || !TOOLCHAIN_SOURCE.test(d.source),
    );
    const made = {
      libs: [...new Set(chosen.filter((p) => !alwaysPresent.has(p.name)).map((p) => p.name))].sort(),
      follow,
    };
    nodes.set(dev.name, made);
    return made;
  };

  /** The runtime libraries of a development package (a dependency cycle contributes nothing more). */
  const closures = new Map<string, string[]>();
  const visiting = new Set<string>();
  const closure = (dev: Package): string[] => {
    const known = closures.get(dev.name);
    if (known) return known;
    if (visiting.has(dev.name)) return [];
    visiting.add(dev.name);
    const n = node(dev);
    const out = new Set(n.libs);
    for (const d of n.follow) for (const lib of closure(d)) out.add(lib);
    visiting.delete(dev.name);
    const list = [...out].sort();
    closures.set(dev.name, list);
    return list;
  };

  const keys = new Set<string>();
  for (const name of packages.keys()) if (name.endsWith('-dev')) keys.add(name);
  for (const [virtual, list] of providers) if (virtual.endsWith('-dev') && list.length === 1) keys.add(virtual);
  const inTable = (name: string) =>
    keys.has(name) && !ECOSYSTEM.test(name) && real(name) !== undefined && closure(real(name)!).length > 0;

  /** An entry: references to names of the table, everything else written out. */
  const entryOf = (dev: Package, seen: Set<string>): Entry => {
    const libs = new Set(node(dev).libs);
    const refs = new Set<string>();
    for (const d of node(dev).follow) {
      if (closure(d).length === 0 || seen.has(d.name)) continue;
      if (inTable(d.name)) refs.add(d.name);
      else {
        const inner = entryOf(d, new Set([...seen, d.name]));
        for (const l of inner.libs) libs.add(l);
        for (const r of inner.refs) refs.add(r);
      }
    }
    return { libs: [...libs].sort(), refs: [...refs].sort() };
  };

  const table = new Map<string, Entry>();
  for (const key of [...keys].sort()) {
    if (!inTable(key)) continue;
    const p = real(key)!;
    // A virtual name (libz-dev) refers to its provider when the provider is a name of the table.
    table.set(key, p.name !== key && inTable(p.name) ? { libs: [], refs: [p.name] } : entryOf(p, new Set([p.name])));
  }
  // The references must expand to what the rule says: the lookup only sees the table.
  for (const [key, libs] of expandRelease(table)) {
    const want = closure(real(key)!);
    if (libs.join(' ') !== want.join(' '))
      throw new Error(`${key}: the table expands to ${libs.join(' ')}, the rule says ${want.join(' ')}`);
  }
  return table;
}

/** The runtime libraries of every name of a release's table, expanded (what the lookup answers). */
export function expandRelease(table: ReadonlyMap<string, Entry>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const expand = (name: string, seen: Set<string>): string[] => {
    const known = out.get(name);
    if (known) return known;
    const entry = table.get(name);
    if (!entry || seen.has(name)) return [];
    seen.add(name);
    const libs = new Set(entry.libs);
    for (const r of entry.refs) for (const l of expand(r, seen)) libs.add(l);
    seen.delete(name);
    const list = [...libs].sort();
    out.set(name, list);
    return list;
  };
  for (const name of table.keys()) expand(name, new Set());
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The compact text form, described above SHARED_DIGITS in server/src/core/knowledge/runtime-libraries.ts,
// which decodes it. Every run checks that the decoder reads back what was encoded.

/** `name` as one character saying how much it shares with `previous`, then the rest. */
export function frontCode(name: string, previous: string): string {
  let shared = 0;
  while (
    shared < name.length &&
    shared < previous.length &&
    shared < SHARED_DIGITS.length - 1 &&
    name[shared] === previous[shared]
  )
    shared++;
  return `${SHARED_DIGITS[shared]}${name.slice(shared)}`;
}

function encodeEntry(stem: string, entry: Entry, previous: Entry | undefined): string {
  let before = stem;
  const libs = entry.libs.map((lib, i) => {
    const old = previous?.libs[i];
    const token = old !== undefined && lib === `${old}t64` ? '+' : frontCode(lib, before);
    before = lib;
    return token;
  });
  before = stem;
  const refs = entry.refs.map((ref) => {
    const name = ref.slice(0, -'-dev'.length);
    const token = `@${frontCode(name, before)}`;
    before = name;
    return token;
  });
  return [...libs, ...refs].join(' ');
}

const shortest = (a: string, b: string | null | undefined) => (b && b.length < a.length ? b : a);

/** The previous release's entry with one text replaced, when that gives this one: `=1.74>1.83`. */
function encodeReplacement(previous: Entry, entry: Entry): string | null {
  const before = [...previous.libs, ...previous.refs];
  const after = [...entry.libs, ...entry.refs];
  const i = after.findIndex((x, n) => x !== before[n]);
  const a0 = before[i];
  const b0 = after[i];
  if (a0 === undefined || b0 === undefined) return null;
  let start = 0;
  while (start < a0.length && start < b0.length && a0[start] === b0[start]) start++;
  let end = 0;
  while (end < a0.length - start && end < b0.length - start && a0[a0.length - 1 - end] === b0[b0.length - 1 - end])
    end++;
  const from = a0.slice(start, a0.length - end);
  const to = b0.slice(start, b0.length - end);
  if (!from) return null;
  const replaced = replaceEntry(previous, from, to);
  return sameEntry(replaced, entry) ? `=${from}>${to}` : null;
}

export function replaceEntry(entry: Entry, from: string, to: string): Entry {
  return { libs: entry.libs.map((x) => x.split(from).join(to)), refs: entry.refs.map((x) => x.split(from).join(to)) };
}

const sameEntry = (a: Entry, b: Entry) =>
  a.libs.join(' ') === b.libs.join(' ') && a.refs.join(' ') === b.refs.join(' ');

/** The tables of the releases, oldest first, as the text RUNTIME_LIBRARY_TABLE holds. */
export function encodeTable(perRelease: readonly ReadonlyMap<string, Entry>[]): string {
  const keys = [...new Set(perRelease.flatMap((t) => [...t.keys()]))].sort();
  const lines: string[] = [];
  let prev = '';
  for (const key of keys) {
    if (!key.endsWith('-dev')) throw new Error(`${key}: the table holds -dev names only`);
    const name = key.slice(0, -'-dev'.length);
    const coded = frontCode(name, prev);
    prev = name;
    const values: string[] = [];
    let last: Entry | undefined;
    for (const table of perRelease) {
      const entry = table.get(key);
      if (!entry) values.push('');
      else if (last && sameEntry(entry, last)) values.push('=');
      else values.push(shortest(encodeEntry(name, entry, last), last && encodeReplacement(last, entry)));
      last = entry;
    }
    const everywhere = values[0] !== '' && values.slice(1).every((v) => v === '=');
    lines.push(`${coded}\t${everywhere ? values[0] : values.join(';').replace(/;+$/, ';')}`);
  }
  return lines.join('\n');
}

/** Throws unless the lookup's decoder reads back exactly the tables that were encoded. */
export function checkRoundTrip(text: string, tables: readonly ReadonlyMap<string, Entry>[]): void {
  const decoded = decodeRuntimeLibraryTable(text, RELEASES);
  for (const [i, table] of tables.entries()) {
    const back = decoded[i]!;
    if (back.size !== table.size) throw new Error(`${RELEASES[i]}: ${table.size} names encoded, ${back.size} decoded`);
    for (const [key, entry] of table) {
      const got = back.get(key);
      if (!got || !sameEntry(got, entry))
        throw new Error(`${RELEASES[i]} ${key}: encoded ${JSON.stringify(entry)}, decoded ${JSON.stringify(got)}`);
    }
  }
}

export function moduleText(
  indexes: readonly Pick<ReleaseIndex, 'release' | 'version' | 'date'>[],
  table: string,
): string {
  const releases = indexes.map((i) => `${i.release} (${i.version}, index of ${i.date})`).join(', ');
  // Backslashes, backticks and `${` never occur in package names; checked so the literal stays exact.
  if (/[\\`]|\$\{/.test(table)) throw new Error('the table holds a character a template literal would change');
  const quoted = (list: readonly string[]) => list.map((x) => `'${x}'`).join(', ');
  return `// Generated by scripts/generate-runtime-libraries.ts from Debian's Packages index of main/${ARCH}:
// ${releases}.
// Do not edit: run \`npm run generate:runtime-libraries\`. runtime-libraries.ts describes the format
// and answers the lookups.

/** The releases of the table, oldest first: the order of the values on each line. */
export const RUNTIME_LIBRARY_RELEASES = [${quoted(indexes.map((i) => i.release))}] as const;

/** When each release's index was published (the Date of its Release file). */
export const RUNTIME_LIBRARY_INDEX_DATES: Readonly<Record<string, string>> = { ${indexes.map((i) => `${i.release}: '${i.date}'`).join(', ')} };

export const RUNTIME_LIBRARY_TABLE = \`${table}\`;
`;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const explainAt = args.indexOf('--explain');
  const explain = explainAt >= 0 ? (args[explainAt + 1] ?? '').split(',').filter(Boolean) : null;
  const started = Date.now();
  const sources = aptSources();
  const override = process.env.STAGEWRIGHT_DEBIAN_MIRROR || undefined;

  const indexes = await Promise.all(
    RELEASES.map(async (release) => {
      const mirrors = mirrorCandidates(release, sources, override);
      if (mirrors.length === 0)
        throw new Error('no Debian mirror with main in the apt sources of this machine: set STAGEWRIGHT_DEBIAN_MIRROR');
      const errors: string[] = [];
      for (const mirror of mirrors) {
        const t0 = Date.now();
        try {
          const index = await downloadIndex(mirror, release);
          console.error(
            `${release}: ${mirror}, ${index.version} of ${index.date}, ${(index.packages.length / 1e6).toFixed(1)} MB in ${Date.now() - t0} ms`,
          );
          return index;
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }
      throw new Error(`${release}: no mirror served it:\n  ${errors.join('\n  ')}`);
    }),
  );
  const tables = indexes.map((i) => resolveRelease(parsePackages(i.packages)));
  if (explain) {
    const expandedTables = tables.map(expandRelease);
    for (const name of explain) {
      console.log(
        `${name}: ${indexes.map((ix, n) => `${ix.release}=${expandedTables[n]!.get(name)?.join(' ') ?? '(none)'}`).join('  ')}`,
      );
    }
    return;
  }
  const table = encodeTable(tables);
  checkRoundTrip(table, tables);
  const text = moduleText(indexes, table);
  for (const [n, t] of tables.entries()) console.error(`${indexes[n]!.release}: ${t.size} -dev names`);
  console.error(
    `module: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (check) {
    const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(ROOT, OUTPUT)} is out of date: run npm run generate:runtime-libraries`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(OUTPUT, text);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
