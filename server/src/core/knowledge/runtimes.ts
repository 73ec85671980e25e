import { distrolessSuffix, type Distro } from './distros';
import { DEFAULT_BUSYBOX } from './shell-tools';

/**
 * Runtime bases per kind of program. Each row derives the runtime image from the builder's image so
 * that versions follow the builder: node:20 → node:20-slim, the Debian codename is kept, alpine stays
 * alpine. Rows are listed recommended first; `stagewright.split.preferredRuntime` reorders them.
 */
export type RuntimeProfile =
  | 'static-binary'
  | 'static-c'
  | 'go-dynamic'
  | 'glibc-c'
  | 'glibc-cxx'
  | 'glibc-libs'
  | 'java'
  | 'dotnet-web'
  | 'dotnet-console'
  | 'dotnet-self-contained'
  | 'node-server'
  | 'static-site'
  | 'python'
  | 'shell-script';

/** Families a user can prefer: the setting's values. */
export const RUNTIME_FAMILIES = ['distroless', 'scratch', 'alpine', 'slim', 'busybox'] as const;
export type RuntimeFamily = (typeof RUNTIME_FAMILIES)[number];

export interface BuilderImage {
  /** Short repository name, e.g. `golang`, `dotnet/sdk`. */
  name: string;
  /** Registry as written, e.g. `mcr.microsoft.com`, or null. */
  registry: string | null;
  tag: string | null;
  distro: Distro;
}

export interface RuntimeBase {
  family: RuntimeFamily;
  /** Shown after the arrow in the action title. */
  label: string;
  /** The runtime image for this builder, or null when the row does not fit it. */
  image(builder: BuilderImage): string | null;
  /** Has /bin/sh (shell-form CMD, RUN in the runtime stage). */
  shell: boolean;
  /** Package manager for runtime packages, if any; `distro`: apk on Alpine tags, apt otherwise. */
  packages: 'apt' | 'apk' | 'distro' | null;
  /** Ships CA certificates. */
  certs: boolean;
}

/** Kept in step with the images' current stable tags as of 2025-06. */
export const DEFAULT_ALPINE = '3.20';
export const DEFAULT_NGINX = 'stable';

function alpineImage(b: BuilderImage): string {
  return `alpine:${b.distro.version ?? DEFAULT_ALPINE}`;
}

/** The builder's own distribution in its smallest form (also the split's app-directory runtime). */
export function distroSlim(b: BuilderImage): string | null {
  if (b.distro.family === 'alpine') return alpineImage(b);
  if (b.distro.family === 'debian') return `debian:${b.distro.codename ?? 'bookworm'}-slim`;
  if (b.distro.family === 'ubuntu') return `ubuntu:${b.distro.codename ?? 'noble'}`;
  return null;
}

const onlyGlibc = (f: (b: BuilderImage) => string | null) => (b: BuilderImage) =>
  b.distro.family === 'alpine' ? null : f(b);
const onlyAlpine = (f: (b: BuilderImage) => string | null) => (b: BuilderImage) =>
  b.distro.family === 'alpine' ? f(b) : null;

/** Splits a tag into its version part and the rest: `20.11-bookworm-slim` → `20.11`, `bookworm-slim`. */
export function splitTag(tag: string | null): { version: string; rest: string } {
  const t = tag ?? '';
  const m = /^(\d[\w.]*?)(?:-(.*))?$/.exec(t);
  if (!m) return { version: '', rest: t };
  return { version: m[1]!, rest: m[2] ?? '' };
}

/** node:20 → node:20-slim; node:20-bookworm → node:20-bookworm-slim; alpine tags stay as they are. */
function slimOfLanguageImage(b: BuilderImage, repo: string, style: 'codename-slim' | 'slim-codename'): string {
  const { version } = splitTag(b.tag);
  if (b.distro.family === 'alpine') return `${repo}:${b.tag}`;
  const v = version || (b.tag && !/^\d/.test(b.tag) ? '' : version);
  const codename = b.distro.explicit ? b.distro.codename : null;
  const prefix = v ? `${v}-` : '';
  if (!codename) return `${repo}:${prefix}slim`;
  return style === 'codename-slim' ? `${repo}:${prefix}${codename}-slim` : `${repo}:${prefix}slim-${codename}`;
}

/** Java major version from the builder's tag: maven:3.9-eclipse-temurin-21 → 21, gradle:8-jdk17 → 17. */
export function javaMajor(b: BuilderImage): string | null {
  const t = b.tag ?? '';
  const patterns = [/(?:temurin|openjdk|corretto|jdk|java|sapmachine|semeru)-?(\d{1,2})(?!\d)/, /^(\d{1,2})(?:[.-]|$)/];
  if (['eclipse-temurin', 'openjdk', 'amazoncorretto', 'sapmachine', 'ibm-semeru-runtimes'].includes(b.name)) {
    const m = /^(\d{1,2})(?:[.\-u]|$)/.exec(t);
    if (m) return m[1]!;
  }
  for (const p of patterns.slice(0, 1)) {
    const m = p.exec(t);
    if (m) return m[1]!;
  }
  return null;
}

/** Default Java release of maven/gradle images whose tag names none (their `latest` JDK as of 2025-06). */
export const DEFAULT_JAVA_MAJOR = '21';

function temurinJre(b: BuilderImage): string {
  const major = javaMajor(b) ?? DEFAULT_JAVA_MAJOR;
  if (b.distro.family === 'alpine') return `eclipse-temurin:${major}-jre-alpine`;
  if (b.distro.explicit && b.distro.family === 'ubuntu' && b.distro.codename)
    return `eclipse-temurin:${major}-jre-${b.distro.codename}`;
  return `eclipse-temurin:${major}-jre`;
}

function dotnetImage(kind: 'aspnet' | 'runtime' | 'runtime-deps') {
  return (b: BuilderImage): string => {
    const registry = b.registry ?? 'mcr.microsoft.com';
    const repo = b.name.replace(/sdk$/, kind);
    return `${registry}/${repo}${b.tag ? `:${b.tag}` : ''}`;
  };
}

const SCRATCH: RuntimeBase = {
  family: 'scratch',
  label: 'scratch',
  image: () => 'scratch',
  shell: false,
  packages: null,
  certs: false,
};
const DISTROLESS_STATIC: RuntimeBase = {
  family: 'distroless',
  label: 'distroless',
  image: (b) => `gcr.io/distroless/static-${distrolessSuffix(b.distro)}`,
  shell: false,
  packages: null,
  certs: true,
};
const ALPINE: RuntimeBase = {
  family: 'alpine',
  label: 'alpine',
  image: alpineImage,
  shell: true,
  packages: 'apk',
  certs: false,
};
const DISTRO_SLIM: RuntimeBase = {
  family: 'slim',
  label: 'slim',
  image: distroSlim,
  shell: true,
  packages: 'apt',
  certs: false,
};
const DISTROLESS_BASE: RuntimeBase = {
  family: 'distroless',
  label: 'distroless',
  image: (b) =>
    b.distro.family === 'debian' || !b.distro.explicit ? `gcr.io/distroless/base-${distrolessSuffix(b.distro)}` : null,
  shell: false,
  packages: null,
  certs: true,
};
const DISTROLESS_CC: RuntimeBase = {
  ...DISTROLESS_BASE,
  image: (b) =>
    b.distro.family === 'debian' || !b.distro.explicit ? `gcr.io/distroless/cc-${distrolessSuffix(b.distro)}` : null,
};
const ALPINE_SAME: RuntimeBase = { ...ALPINE, image: onlyAlpine(alpineImage) };
const DEBIAN_SLIM: RuntimeBase = { ...DISTRO_SLIM, image: onlyGlibc(distroSlim) };

export const RUNTIME_BASES: Readonly<Record<RuntimeProfile, readonly RuntimeBase[]>> = {
  /** Go with CGO_ENABLED=0, Rust for musl: no libc needed; distroless adds CA certificates and tzdata. */
  'static-binary': [DISTROLESS_STATIC, SCRATCH, ALPINE, DEBIAN_SLIM],
  /** C/C++ linked with -static: nothing else is needed. */
  'static-c': [SCRATCH, DISTROLESS_STATIC, ALPINE, DEBIAN_SLIM],
  /** Go that may link libc through cgo: glibc (and libm, libpthread) is all it needs. */
  'go-dynamic': [ALPINE_SAME, DISTROLESS_BASE, DEBIAN_SLIM],
  /** C linked against glibc and libm only. */
  'glibc-c': [ALPINE_SAME, DISTROLESS_BASE, DISTROLESS_CC, DEBIAN_SLIM],
  /** C++ and Rust: glibc plus libstdc++ and libgcc_s. */
  'glibc-cxx': [ALPINE_SAME, DISTROLESS_CC, DEBIAN_SLIM],
  /** Native code linked against more libraries (zlib, OpenSSL, ...): the builder's distribution has them. */
  'glibc-libs': [ALPINE_SAME, DEBIAN_SLIM],
  java: [{ family: 'slim', label: 'JRE', image: temurinJre, shell: true, packages: null, certs: true }],
  'dotnet-web': [
    {
      family: 'slim',
      label: 'ASP.NET runtime',
      image: dotnetImage('aspnet'),
      shell: true,
      packages: null,
      certs: true,
    },
    { family: 'slim', label: '.NET runtime', image: dotnetImage('runtime'), shell: true, packages: null, certs: true },
  ],
  'dotnet-console': [
    { family: 'slim', label: '.NET runtime', image: dotnetImage('runtime'), shell: true, packages: null, certs: true },
    {
      family: 'slim',
      label: 'ASP.NET runtime',
      image: dotnetImage('aspnet'),
      shell: true,
      packages: null,
      certs: true,
    },
  ],
  'dotnet-self-contained': [
    {
      family: 'slim',
      label: '.NET runtime-deps',
      image: dotnetImage('runtime-deps'),
      shell: true,
      packages: null,
      certs: true,
    },
  ],
  'node-server': [
    {
      family: 'slim',
      label: 'node slim',
      image: (b) => slimOfLanguageImage(b, 'node', 'codename-slim'),
      shell: true,
      packages: 'distro',
      certs: true,
    },
  ],
  'static-site': [
    {
      family: 'slim',
      label: 'nginx',
      image: () => `nginx:${DEFAULT_NGINX}`,
      shell: true,
      packages: 'apt',
      certs: true,
    },
    {
      family: 'alpine',
      label: 'nginx (alpine)',
      image: () => `nginx:${DEFAULT_NGINX}-alpine`,
      shell: true,
      packages: 'apk',
      certs: true,
    },
  ],
  /** POSIX shell scripts that call only busybox applets. */
  'shell-script': [
    {
      family: 'busybox',
      label: 'busybox',
      image: () => `busybox:${DEFAULT_BUSYBOX}`,
      shell: true,
      packages: null,
      certs: false,
    },
  ],
  python: [
    {
      family: 'slim',
      label: 'python slim',
      image: (b) => slimOfLanguageImage(b, 'python', 'slim-codename'),
      shell: true,
      packages: 'distro',
      certs: true,
    },
  ],
};
