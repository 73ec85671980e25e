import type { Range } from '../model';
import { buildPackageSize, type StageFacts } from './stage-facts';

/** Build steps that compile or bundle (not merely install dependencies). */
export const COMPILING: ReadonlySet<string> = new Set([
  'go build',
  'go install',
  'cargo build',
  'cargo install',
  'cc -o',
  'make',
  'make install',
  'cmake --build',
  'ninja',
  'mvn package',
  'gradle build',
  'jar',
  'javac',
  'dotnet publish',
  'npm run build',
]);

/** A package of headers and link-time files only (`libpq-dev`, `openssl-devel`, `linux-headers`). */
function isHeaderPackage(name: string): boolean {
  return /-dev(el)?$/.test(name) || name === 'linux-headers';
}

/**
 * Build drivers: tools that run a build but compile nothing themselves (`make`, `ninja`, `cmake`,
 * `pkg-config`, the autotools). Kept alone, with no compiler, no headers and no compiling build,
 * they are a task runner of a megabyte or two (`make lock` writing a requirements file), not a
 * toolchain.
 */
const BUILD_DRIVERS = /^(make|ninja|ninja-build|cmake|pkg-config|pkgconf|autoconf|automake|libtool)$/;

/**
 * Official images whose default (full) variants are built on buildpack-deps and so already hold its
 * compilers, build tools and -dev headers: `ruby:3.3`, `python:3.12`, `node:22`, ... Their slim,
 * alpine and Windows variants do not, nor do buildpack-deps' own `curl` and `scm` tags.
 */
const ON_BUILDPACK_DEPS = /^(buildpack-deps|ruby|python|node|rust|perl|erlang|haskell|pypy|gcc)$/;

/**
 * Build packages of buildpack-deps' full variant (Debian names), as its Dockerfile installs them,
 * and `build-essential`, the metapackage of gcc, g++, make, dpkg-dev and libc6-dev, all of which it
 * installs.
 */
const BUILDPACK_DEPS_PACKAGES: ReadonlySet<string> = new Set([
  'autoconf',
  'automake',
  'build-essential',
  'bzip2',
  'default-libmysqlclient-dev',
  'dpkg-dev',
  'file',
  'g++',
  'gcc',
  'imagemagick',
  'libbz2-dev',
  'libc6-dev',
  'libcurl4-openssl-dev',
  'libdb-dev',
  'libevent-dev',
  'libffi-dev',
  'libgdbm-dev',
  'libglib2.0-dev',
  'libgmp-dev',
  'libjpeg-dev',
  'libkrb5-dev',
  'liblzma-dev',
  'libmagickcore-dev',
  'libmagickwand-dev',
  'libmaxminddb-dev',
  'libncurses-dev',
  'libncurses5-dev',
  'libncursesw5-dev',
  'libpng-dev',
  'libpq-dev',
  'libreadline-dev',
  'libsqlite3-dev',
  'libssl-dev',
  'libtool',
  'libwebp-dev',
  'libxml2-dev',
  'libxslt-dev',
  // What `libxslt-dev` resolves to on Debian (a virtual package there): the same headers.
  'libxslt1-dev',
  'libyaml-dev',
  'make',
  'patch',
  'unzip',
  'xz-utils',
  'zlib1g-dev',
]);

/**
 * The packages of PHPIZE_DEPS, which the official php images' Debian variants install and keep so
 * that `docker-php-ext-install` and `pecl` can build extensions (the Alpine variants remove them).
 */
const PHPIZE_DEPS: ReadonlySet<string> = new Set([
  'autoconf',
  'dpkg-dev',
  'file',
  'g++',
  'gcc',
  'libc-dev',
  'libc6-dev',
  'make',
  'pkg-config',
  're2c',
]);

/**
 * Whether the stage is built on a Debian variant of the php image (cli, fpm, apache, zts): every one
 * of them keeps PHPIZE_DEPS, so a build run with those compilers leaves nothing a smaller variant of
 * the same image would not have.
 */
function onPhpDebian(facts: StageFacts): boolean {
  const tag = (facts.image?.tag ?? 'latest').toLowerCase();
  return facts.shortName === 'php' && !/\$|alpine|windows|nanoserver|servercore/.test(tag);
}

/**
 * Whether the stage's base image already ships a build package: installing it again adds nothing,
 * and leaving it out of the install would not shrink the image.
 */
function shippedByBase(facts: StageFacts, pkg: string): boolean {
  if (onPhpDebian(facts)) return PHPIZE_DEPS.has(pkg);
  if (!facts.image || !facts.shortName || !ON_BUILDPACK_DEPS.test(facts.shortName)) return false;
  const tag = (facts.image.tag ?? 'latest').toLowerCase();
  if (tag.includes('$') || /slim|alpine|windows|nanoserver|servercore|(^|-)(curl|scm)$/.test(tag)) return false;
  return BUILDPACK_DEPS_PACKAGES.has(pkg);
}

export function approx(mb: number): string {
  return mb >= 1000 ? `~${(mb / 1000).toFixed(1)} GB` : `~${Math.round(mb / 10) * 10 || mb} MB`;
}

export interface Leftover {
  what: string;
  sizeMB: number;
  range: Range;
}

/**
 * Whether an npm, yarn or pnpm install of the stage installs the project's dev dependencies: one of
 * the project's own package.json (no package named) without `--production`, `--omit=dev` or
 * `--only=prod`. `npm install -g npm@11` or `npm install screwdriver-api` installs the named
 * packages with their own dependencies, never dev ones.
 */
export function installsDevDependencies(facts: StageFacts): boolean {
  return facts.builds.some((b) => {
    if (b.row.id !== 'npm install') return false;
    const words = b.command.words;
    if (words.some((w) => /^--(production|omit=dev|only=prod(uction)?|prod)$/.test(w))) return false;
    const at = words.findIndex((w) => /^(install|i|add|ci)$/.test(w));
    return at < 0 || words.slice(at + 1).every((w) => w.startsWith('-'));
  });
}

/** What the final stage keeps that only building needed, or null when it is lean. */
export function leftBehind(facts: StageFacts): Leftover | null {
  const parts: string[] = [];
  let size = 0;
  let range: Range | null = null;
  // A build whose tools the stage installed and removed again leaves nothing of them behind.
  const compiles = facts.builds.filter((b) => COMPILING.has(b.row.id) && !b.toolsRemoved);
  const tool = facts.toolchain;
  if (tool && facts.image) {
    const tag = facts.image.tag ?? '';
    const variantIsSmall = /slim|alpine/.test(tag);
    const flagged =
      tool.toolchain === 'always' ||
      compiles.some((b) => b.row.language === tool.language) ||
      (!variantIsSmall && facts.builds.some((b) => b.row.language === tool.language));
    if (flagged) {
      const label =
        tool.language === 'node' && !installsDevDependencies(facts) ? 'Node.js with npm and build tools' : tool.label;
      parts.push(`${label} (${facts.image.raw}, ${approx(facts.toolchainSizeMB)})`);
      size += facts.toolchainSizeMB;
      range = facts.stage.baseToken?.range ?? facts.stage.from.range;
    }
  }
  // Headers and static libraries (`-dev` packages) build nothing without a compiler. When the
  // stage never had one (no compiler package, not even one removed again, no toolchain base, no
  // compiling build), they are kept for what they also hold at run time, such as the unversioned
  // `libfoo.so` that a program dlopens or LD_PRELOADs. Beside a compiler, or left after it was
  // removed, they are what the build needed.
  // Build drivers alone (`make` and no compiler, even with a `make` build, on a base image that is
  // no toolchain here) compile nothing.
  const driversAlone =
    facts.buildPackages.length > 0 &&
    facts.buildPackages.every((p) => BUILD_DRIVERS.test(p)) &&
    facts.removedBuildPackages.every((p) => BUILD_DRIVERS.test(p)) &&
    parts.length === 0;
  const builtWithThem =
    !driversAlone &&
    (!facts.buildPackages.every(isHeaderPackage) ||
      facts.removedBuildPackages.some((p) => !isHeaderPackage(p)) ||
      facts.toolchain !== null ||
      compiles.length > 0);
  // What the base image already ships (`make` on the full `ruby` image) is not kept by this stage.
  const kept = facts.buildPackages.filter((p) => !shippedByBase(facts, p));
  if (kept.length > 0 && builtWithThem) {
    const pkgSize = kept.reduce((n, p) => n + buildPackageSize(p), 0);
    const shown = kept.slice(0, 4).join(', ') + (kept.length > 4 ? ', …' : '');
    parts.push(`build packages ${shown} (${approx(pkgSize)})`);
    size += pkgSize;
    range ??= facts.installs.find((i) => i.packages.some((p) => kept.includes(p)))!.instruction.keywordRange;
  }
  // A build with the compilers the base keeps in every variant (the php Debian images) adds none.
  // Nor one whose only tools are the build drivers this stage installed (`make lock` with make).
  if (parts.length === 0 && compiles.length > 0 && !onPhpDebian(facts) && !driversAlone) {
    parts.push(`the tools that ran ${compiles[0]!.row.id}`);
    range = compiles[0]!.instruction.keywordRange;
  }
  if (parts.length === 0 || !range) return null;
  return { what: parts.join(' and '), sizeMB: size, range };
}
