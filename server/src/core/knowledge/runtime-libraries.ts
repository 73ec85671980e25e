import type { Distro } from './distros';
import { RUNTIME_LIBRARY_RELEASES, RUNTIME_LIBRARY_TABLE } from './runtime-libraries.generated';

/**
 * The runtime library packages that a build's `-dev` packages stand for: what the runtime stage of a
 * split installs in place of `libpq-dev` (libpq5) or `openssl-dev` (libssl3 libcrypto3).
 *
 * Debian: a table generated from the distribution's package index (scripts/generate-runtime-libraries.ts,
 * which also describes the rule). Ubuntu: derived from the Debian releases around it, or null.
 * Alpine: apk's subpackage naming, with the exceptions aports really has.
 */

export interface LibraryDistro {
  family: 'debian' | 'ubuntu' | 'alpine';
  /** Debian or Ubuntu codename (`bookworm`, `noble`), Alpine version (`3.20`), or null when unknown. */
  release: string | null;
}

/**
 * The Debian release assumed when the image does not say: bookworm, still the release of most official
 * images' default tags (see DEFAULT_DISTRO in distros.ts, which answers `bookworm` for them too).
 */
export const DEFAULT_DEBIAN_RELEASE = 'bookworm';

/** The distribution in the form `runtimeLibraries` takes; null for a distribution it does not know. */
export function libraryDistroOf(distro: Distro): LibraryDistro | null {
  if (distro.family === 'debian' || distro.family === 'ubuntu')
    return { family: distro.family, release: distro.codename };
  if (distro.family === 'alpine') return { family: 'alpine', release: distro.version };
  return null;
}

/**
 * The runtime packages for a `-dev` package, in name order; an empty list when it needs none at run
 * time (Alpine's musl-dev). Null when the name is not a `-dev` package this knows for that release:
 * not ending in `-dev`, not in Debian's index, a Debian release outside the table (buster, forky),
 * an Ubuntu release or package whose names cannot be derived from Debian's.
 * A version, architecture or release written with the name (`libpq-dev=15.*`, `libssl-dev:amd64`)
 * is ignored.
 */
export function runtimeLibraries(devPackage: string, distro: LibraryDistro): string[] | null {
  const name = devPackage.trim().split(/[:=/<>~]/)[0]!;
  if (!name.endsWith('-dev')) return null;
  switch (distro.family) {
    case 'debian':
      return debianLibraries(name, distro.release ?? DEFAULT_DEBIAN_RELEASE);
    case 'ubuntu':
      return ubuntuLibraries(name, distro.release);
    case 'alpine':
      return alpineLibraries(name, distro.release);
  }
}

// ---------------------------------------------------------------------------------------------------
// Debian: the generated table.

/**
 * The text form of RUNTIME_LIBRARY_TABLE, written by scripts/generate-runtime-libraries.ts.
 *
 * One line per `-dev` name, sorted: `<shared><rest of the name>` TAB `<values>`.
 * - `<shared>` is one character of SHARED_DIGITS: how many leading characters the name shares with
 *   the previous line's name. The `-dev` suffix is not written.
 * - `<values>` is one value per release of RUNTIME_LIBRARY_RELEASES, separated by `;`, oldest first
 *   (missing trailing values: releases without the name), or a single value when every release has
 *   the same one. An empty value: that release does not have the name; `=`: the same as the
 *   previous release; `=a>b`: the previous release's, with every `a` in its names replaced by `b`
 *   (`=1.74>1.83` when boost moves on).
 * - A value is space-separated tokens: library packages first, then references. Each name is
 *   written like the line's name, as `<shared><rest>`, sharing with the name before it in the value
 *   (the first with the line's name): for libpq-dev, `55` is libpq5.
 *   `+` is the previous release's library at the same position with `t64` appended (the renames of
 *   the 64-bit time_t transition: libssl3 → libssl3t64).
 *   `@<shared><rest>` refers to another `-dev` name of the table (written without `-dev`; sharing
 *   with the reference before it, the first with the line's name): its libraries are added.
 */
export const SHARED_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface RuntimeLibraryEntry {
  libs: string[];
  /** Other `-dev` names of the same release whose libraries are added. */
  refs: string[];
}

/** Each line's name without `-dev` and its values, in table order. */
function tableLines(text: string): { stem: string; field: string }[] {
  const out: { stem: string; field: string }[] = [];
  let previous = '';
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) {
      const stem = previous.slice(0, SHARED_DIGITS.indexOf(text[start]!)) + text.slice(start + 1, tab);
      previous = stem;
      out.push({ stem, field: text.slice(tab + 1, end) });
    }
    start = end + 1;
  }
  return out;
}

/** One line's entries, per release up to `count` releases (undefined: the release lacks the name). */
function decodeLine(stem: string, field: string, count: number): (RuntimeLibraryEntry | undefined)[] {
  const values = field.includes(';') ? field.split(';') : [field];
  const out: (RuntimeLibraryEntry | undefined)[] = [];
  let last: RuntimeLibraryEntry | undefined;
  for (let i = 0; i < count; i++) {
    const value = values.length === 1 && i > 0 ? '=' : (values[i] ?? '');
    let entry: RuntimeLibraryEntry | undefined;
    if (value === '=') entry = last;
    else if (value.startsWith('=') && last) {
      const [from, to] = value.slice(1).split('>') as [string, string];
      const swap = (x: string) => x.split(from).join(to);
      entry = { libs: last.libs.map(swap), refs: last.refs.map(swap) };
    } else if (value !== '') {
      entry = { libs: [], refs: [] };
      let lib = stem;
      let ref = stem;
      for (const token of value.split(' ')) {
        if (token.startsWith('@')) {
          ref = ref.slice(0, SHARED_DIGITS.indexOf(token[1]!)) + token.slice(2);
          entry.refs.push(`${ref}-dev`);
          continue;
        }
        lib =
          token === '+'
            ? `${last?.libs[entry.libs.length] ?? ''}t64`
            : lib.slice(0, SHARED_DIGITS.indexOf(token[0]!)) + token.slice(1);
        entry.libs.push(lib);
      }
    }
    out.push(entry);
    last = entry;
  }
  return out;
}

/** Decodes the whole table into one map per release (in the order of `releases`). */
export function decodeRuntimeLibraryTable(
  text: string,
  releases: readonly string[],
): Map<string, RuntimeLibraryEntry>[] {
  const tables = releases.map(() => new Map<string, RuntimeLibraryEntry>());
  for (const { stem, field } of tableLines(text)) {
    for (const [i, entry] of decodeLine(stem, field, releases.length).entries())
      if (entry) tables[i]!.set(`${stem}-dev`, entry);
  }
  return tables;
}

/** The table's values by name without `-dev`, read once; decoded when a lookup needs them. */
let lines: Map<string, string> | null = null;
/** Per release, the expanded answers given so far. */
const expanded = new Map<string, Map<string, string[]>>();

/** The runtime libraries of `name` in one release of the table, or null when it does not have it. */
function debianLibraries(name: string, release: string): string[] | null {
  const index = (RUNTIME_LIBRARY_RELEASES as readonly string[]).indexOf(release);
  if (index < 0) return null;
  if (!lines) {
    lines = new Map();
    for (const { stem, field } of tableLines(RUNTIME_LIBRARY_TABLE)) lines.set(stem, field);
  }
  const table = lines;
  let memo = expanded.get(release);
  if (!memo) expanded.set(release, (memo = new Map()));
  const expand = (key: string, seen: Set<string>): string[] | null => {
    const known = memo.get(key);
    if (known) return known;
    const stem = key.slice(0, -'-dev'.length);
    const field = table.get(stem);
    const entry = field !== undefined ? decodeLine(stem, field, index + 1)[index] : undefined;
    if (!entry || seen.has(key)) return null;
    seen.add(key);
    const libs = new Set(entry.libs);
    for (const ref of entry.refs) for (const lib of expand(ref, seen) ?? []) libs.add(lib);
    seen.delete(key);
    const list = [...libs].sort();
    memo.set(key, list);
    return list;
  };
  const found = expand(name, new Set());
  return found ? [...found] : null;
}

// ---------------------------------------------------------------------------------------------------
// Ubuntu: no Ubuntu index is at hand, so names are derived from the Debian releases around each
// Ubuntu release, and only where they cannot have been different.
//
// An Ubuntu release starts from Debian unstable at its import freeze, so its library names are those
// of Debian at that date, between two Debian stable releases:
// - jammy (22.04, frozen February 2022) lies between bullseye (August 2021) and bookworm (June 2023);
// - noble (24.04, frozen February 2024) between bookworm and trixie (August 2025), after the 64-bit
//   time_t transition, which renamed libraries in Debian unstable and Ubuntu at the same time
//   (libssl3 → libssl3t64).
// A name both neighbours agree on is taken. For noble, trixie's names are also taken when they differ
// from bookworm's only by those `t64` renames. Anything else (a soname bump in between: libffi7 and
// libffi8 around jammy, boost 1.74 and 1.83 around noble) answers null, as do releases not listed
// (focal: no Debian release before it in the table; releases after noble: trixie is older than them).
//
// Ubuntu also packages a few libraries differently from Debian even when Debian's names stay put:
// libjpeg-dev is libjpeg-turbo8 there (Debian: libjpeg62-turbo), default-libmysqlclient-dev is
// Oracle's libmysqlclient (Debian: MariaDB's libmariadb3). Those answer null.

const UBUNTU_BETWEEN: Readonly<Record<string, { before: string; after: string; t64: boolean }>> = {
  jammy: { before: 'bullseye', after: 'bookworm', t64: false },
  noble: { before: 'bookworm', after: 'trixie', t64: true },
};
const UBUNTU_DIFFERENT_DEV = new Set(['default-libmysqlclient-dev']);
const UBUNTU_DIFFERENT_LIBRARY = new Set(['libjpeg62-turbo']);

function ubuntuLibraries(name: string, release: string | null): string[] | null {
  const between = release ? UBUNTU_BETWEEN[release] : undefined;
  if (!between || UBUNTU_DIFFERENT_DEV.has(name)) return null;
  const before = debianLibraries(name, between.before);
  const after = debianLibraries(name, between.after);
  if (!before || !after || before.length !== after.length) return null;
  if (after.some((lib) => UBUNTU_DIFFERENT_LIBRARY.has(lib))) return null;
  const older = new Set(before);
  const same = after.every((lib) => older.has(lib));
  const renamed =
    between.t64 &&
    after.every((lib) => older.has(lib) || (lib.endsWith('t64') && older.has(lib.slice(0, -'t64'.length))));
  return same || renamed ? after : null;
}

// ---------------------------------------------------------------------------------------------------
// Alpine: an APKBUILD's `foo-dev` subpackage holds the headers of the libraries that stay in the
// package `foo`, unless the APKBUILD splits them into `foo-libs` or names the library subpackage
// differently. Installing `foo` works in both of the first cases (it depends on `foo-libs`), so the
// rule answers `foo` unless the split is known; the exceptions are those of aports' APKBUILDs.

/** APKBUILDs with a `$pkgname-libs` subpackage holding the shared libraries. */
const APK_LIBS_SUBPACKAGE = new Set(['sqlite', 'ncurses', 'icu', 'xz', 'zstd', 'boost']);

/** `-dev` names whose libraries are in subpackages named otherwise. */
const APK_LIBRARY_SUBPACKAGES: Readonly<Record<string, readonly string[]>> = {
  // main/openssl: libcrypto$_abiver and libssl$_abiver (OpenSSL 3 since Alpine 3.17).
  'openssl-dev': ['libcrypto3', 'libssl3'],
  // main/curl: libcurl.
  'curl-dev': ['libcurl'],
  // main/bzip2: libbz2.
  'bzip2-dev': ['libbz2'],
  // main/openldap: libldap (the package openldap is the server).
  'openldap-dev': ['libldap'],
  // main/postgresqlNN: libpq; postgresql-dev is the server's headers, whose clients link libpq.
  'postgresql-dev': ['libpq'],
  // main/mariadb: mariadb-dev (which provides mysql-dev) depends on mariadb-connector-c-dev.
  'mariadb-dev': ['mariadb-connector-c'],
  'mysql-dev': ['mariadb-connector-c'],
  // main/libjpeg-turbo: libjpeg-turbo-dev replaces the old jpeg-dev.
  'jpeg-dev': ['libjpeg-turbo'],
  // musl, the C library, is in every Alpine image.
  'musl-dev': [],
  'libc-dev': [],
};

/** Alpine releases before 3.17 shipped OpenSSL 1.1. */
const APK_OPENSSL_1_1 = ['libcrypto1.1', 'libssl1.1'];

function alpineLibraries(name: string, release: string | null): string[] {
  const base = name.slice(0, -'-dev'.length);
  if (name === 'openssl-dev' && release && olderAlpine(release, 3, 17)) return [...APK_OPENSSL_1_1];
  const known = APK_LIBRARY_SUBPACKAGES[name];
  if (known) return [...known];
  if (/^postgresql\d+$/.test(base)) return ['libpq'];
  // boost1.84-dev → boost1.84-libs; boost-dev → boost-libs (a metapackage boostX.Y provides).
  const origin = /^(boost)\d+\.\d+$/.exec(base)?.[1] ?? base;
  return [APK_LIBS_SUBPACKAGE.has(origin) ? `${base}-libs` : base];
}

function olderAlpine(release: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(release);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a < major || (a === major && b < minor);
}
