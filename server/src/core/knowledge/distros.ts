/**
 * Which Linux distribution an image tag stands on, so a runtime image can keep the builder's
 * distribution and release (Debian codename kept, alpine stays alpine).
 */
export interface Distro {
  family: 'debian' | 'ubuntu' | 'alpine' | 'other';
  /** Debian or Ubuntu codename (`bookworm`, `jammy`), when known. */
  codename: string | null;
  /** Alpine release (`3.20`), when the tag names it. */
  version: string | null;
  /** True when the tag names the distribution explicitly (so the runtime tag names it too). */
  explicit: boolean;
}

export const DEBIAN_CODENAMES: Readonly<Record<string, number>> = {
  buster: 10,
  bullseye: 11,
  bookworm: 12,
  trixie: 13,
};
export const UBUNTU_CODENAMES: ReadonlySet<string> = new Set(['focal', 'jammy', 'noble']);

/**
 * Default distribution of the official images when the tag does not say, as of 2025-06 (from the
 * images' tag listings): most Debian-based families moved from bookworm to trixie for their newest
 * versions only. `minVersion` rows are checked first.
 */
export const DEFAULT_DISTRO: readonly {
  names: readonly string[];
  family: Distro['family'];
  codename: string;
  minVersion?: number;
}[] = [
  { names: ['golang'], family: 'debian', codename: 'trixie', minVersion: 1.25 },
  { names: ['node'], family: 'debian', codename: 'trixie', minVersion: 25 },
  { names: ['python'], family: 'debian', codename: 'trixie', minVersion: 3.14 },
  {
    names: [
      'golang',
      'rust',
      'gcc',
      'node',
      'python',
      'buildpack-deps',
      'debian',
      'dotnet/sdk',
      'dotnet/aspnet',
      'dotnet/runtime',
    ],
    family: 'debian',
    codename: 'bookworm',
  },
  { names: ['maven', 'gradle', 'eclipse-temurin'], family: 'ubuntu', codename: 'noble' },
  { names: ['ubuntu'], family: 'ubuntu', codename: 'noble' },
  { names: ['openjdk', 'amazoncorretto'], family: 'other', codename: '' },
];

const UBUNTU_VERSIONS: Readonly<Record<string, string>> = { '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble' };

/** The distribution of `name:tag`. */
export function distroOf(name: string, tag: string | null): Distro {
  const t = (tag ?? '').toLowerCase();
  const alpine = /alpine(\d+\.\d+)?/.exec(t);
  if (name === 'alpine')
    return { family: 'alpine', codename: null, version: /^\d+\.\d+/.exec(t)?.[0] ?? null, explicit: true };
  if (alpine) return { family: 'alpine', codename: null, version: alpine[1] ?? null, explicit: true };
  for (const part of t.split(/[-.]/)) {
    if (part in DEBIAN_CODENAMES) return { family: 'debian', codename: part, version: null, explicit: true };
    if (UBUNTU_CODENAMES.has(part)) return { family: 'ubuntu', codename: part, version: null, explicit: true };
  }
  if (name === 'debian') {
    const numeric = /^(\d+)/.exec(t)?.[1];
    const codename = Object.entries(DEBIAN_CODENAMES).find(([, v]) => String(v) === numeric)?.[0] ?? 'bookworm';
    return { family: 'debian', codename, version: null, explicit: true };
  }
  if (name === 'ubuntu' && UBUNTU_VERSIONS[t])
    return { family: 'ubuntu', codename: UBUNTU_VERSIONS[t]!, version: null, explicit: true };
  const version = Number.parseFloat(/^\d+(\.\d+)?/.exec(t)?.[0] ?? '');
  for (const row of DEFAULT_DISTRO) {
    if (!row.names.includes(name)) continue;
    if (row.minVersion !== undefined && !(version >= row.minVersion)) continue;
    return { family: row.family, codename: row.codename || null, version: null, explicit: false };
  }
  return { family: 'other', codename: null, version: null, explicit: false };
}

/** `debian12` for bookworm: the suffix distroless images use. */
export function distrolessSuffix(distro: Distro): string {
  const n = distro.family === 'debian' && distro.codename ? DEBIAN_CODENAMES[distro.codename] : undefined;
  return `debian${n !== undefined && n >= 11 ? n : 12}`;
}
