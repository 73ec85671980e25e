/**
 * Toolchain images: base images that carry a compiler, an SDK or a build tool. A final stage built
 * on one of them ships that toolchain to production.
 *
 * Sizes are approximate uncompressed sizes of the linux/amd64 image in megabytes, as Docker Hub's and
 * Microsoft's registry tag pages and `docker image ls` reported them around June 2025 (the default
 * Debian-based tag, its `-slim` and its `-alpine` variant where one exists). They drift with every
 * release and differ per tag and platform: messages present them with a `~` and as a rough figure.
 */
export const SIZES_AS_OF = '2025-06';
export const SIZES_SOURCE = 'Docker Hub and mcr.microsoft.com tag pages, uncompressed linux/amd64, approximate';

export type Language = 'go' | 'rust' | 'c' | 'java' | 'dotnet' | 'node' | 'python' | 'shell';

/** Languages whose build leaves a program file or folder (not an interpreted app directory). */
export const COMPILED_LANGUAGES: readonly Language[] = ['go', 'rust', 'c', 'java', 'dotnet'];

/**
 * Distribution packages of a language's own tools, by the language of the builds that run them: a
 * build that installs them from apt and purges them afterwards leaves no toolchain behind.
 */
export const LANGUAGE_PACKAGES: Readonly<Record<string, RegExp>> = {
  node: /^(nodejs|npm|yarnpkg)$/,
  go: /^(golang(-go|-\d[\d.]*(-go)?)?|go)$/,
  rust: /^(rustc|cargo)$/,
  java: /^(default-jdk(-headless)?|openjdk-\d+-jdk(-headless)?|openjdk\d+(-jdk)?|maven|gradle)$/,
  dotnet: /^dotnet-sdk-[\d.]+$/,
};

export interface ToolchainImage {
  /** Repository names (without registry and `library/`) of this family. */
  names: readonly string[];
  /** What a message calls it: "the Go toolchain". */
  label: string;
  language: Language;
  /**
   * `always`: the image is a toolchain whatever the final stage does (golang, rust, gcc, SDKs).
   * `with-build`: the image is also a reasonable runtime (node, python); it is a toolchain only when
   * the stage builds or installs with it.
   */
  toolchain: 'always' | 'with-build';
  /** Approximate uncompressed sizes in MB by variant. */
  size: { full: number; slim?: number; alpine?: number };
  /** Tags of the family whose image holds no toolchain (a JRE, buildpack-deps' `curl` and `scm`). */
  runtimeTags?: RegExp;
  /** The family's Windows images hold the runtime only: no compilers or -dev headers to build with. */
  runtimeOnWindows?: true;
}

export const TOOLCHAIN_IMAGES: readonly ToolchainImage[] = [
  {
    // CircleCI's Go convenience image (`cimg/go`); its others end in the family's own name (`cimg/rust`).
    names: ['golang', 'cimg/go'],
    label: 'the Go toolchain',
    language: 'go',
    toolchain: 'always',
    size: { full: 820, alpine: 240 },
  },
  {
    names: ['rust'],
    label: 'the Rust toolchain',
    language: 'rust',
    toolchain: 'always',
    size: { full: 1500, slim: 750, alpine: 850 },
  },
  { names: ['gcc'], label: 'the GCC toolchain', language: 'c', toolchain: 'always', size: { full: 1400 } },
  {
    names: ['buildpack-deps'],
    label: 'compilers and -dev headers (buildpack-deps)',
    language: 'c',
    toolchain: 'always',
    size: { full: 830 },
    // `bookworm-curl` holds curl, wget, certificates and gnupg; `-scm` adds git and friends. Only the
    // plain suite tag (`bookworm`) adds the compilers.
    runtimeTags: /(^|-)(curl|scm)$/,
  },
  {
    names: ['maven'],
    label: 'Maven and a JDK',
    language: 'java',
    toolchain: 'always',
    size: { full: 520, alpine: 380 },
  },
  {
    names: ['gradle'],
    label: 'Gradle and a JDK',
    language: 'java',
    toolchain: 'always',
    size: { full: 700, alpine: 560 },
  },
  {
    names: ['eclipse-temurin', 'openjdk', 'amazoncorretto', 'sapmachine', 'ibm-semeru-runtimes'],
    label: 'a full JDK',
    language: 'java',
    toolchain: 'always',
    size: { full: 450, alpine: 350 },
    runtimeTags: /(^|-)jre(-|$)/,
  },
  {
    names: ['dotnet/sdk', 'dotnet/core/sdk'],
    label: 'the .NET SDK',
    language: 'dotnet',
    toolchain: 'always',
    size: { full: 860, alpine: 720 },
  },
  {
    names: ['node'],
    label: 'Node.js with npm, build tools and dev dependencies',
    language: 'node',
    toolchain: 'with-build',
    size: { full: 1100, slim: 220, alpine: 140 },
    runtimeOnWindows: true,
  },
  {
    names: ['python'],
    label: 'Python with compilers and -dev headers',
    language: 'python',
    toolchain: 'with-build',
    size: { full: 1020, slim: 150, alpine: 60 },
    runtimeOnWindows: true,
  },
];

/** Images that are runtimes: a final stage on one of them is already minimal unless it builds. */
export const MINIMAL_IMAGE_NAMES: ReadonlySet<string> = new Set([
  'scratch',
  'busybox',
  'alpine',
  'distroless/static',
  'distroless/static-debian11',
  'distroless/static-debian12',
  'distroless/base',
  'distroless/base-debian11',
  'distroless/base-debian12',
  'distroless/cc',
  'distroless/cc-debian12',
  'dotnet/aspnet',
  'dotnet/runtime',
  'dotnet/runtime-deps',
  'nginx',
  'httpd',
  'caddy',
]);

export function findToolchainImage(shortName: string): ToolchainImage | undefined {
  const name = shortName.toLowerCase();
  return TOOLCHAIN_IMAGES.find((t) => t.names.some((n) => name === n || name.endsWith('/' + n)));
}

/**
 * The toolchain a base image carries, or null: its family's entry unless the tag names a variant
 * without one (`17-jre`, `bookworm-curl`) or the image is the Windows build of a family whose
 * Windows images hold only the runtime.
 */
export function toolchainOfImage(shortName: string, tag: string | null, windows: boolean): ToolchainImage | null {
  const family = findToolchainImage(shortName);
  if (!family) return null;
  if (family.runtimeTags && tag !== null && family.runtimeTags.test(tag.toLowerCase())) return null;
  if (windows && family.runtimeOnWindows) return null;
  return family;
}

/** The size of the variant a tag names. */
export function toolchainSize(image: ToolchainImage, tag: string | null): number {
  const t = tag ?? '';
  if (/alpine/.test(t) && image.size.alpine) return image.size.alpine;
  if (/slim/.test(t) && image.size.slim) return image.size.slim;
  return image.size.full;
}

/**
 * Packages that are compilers or build tools: installing them in the final stage leaves them in the
 * image. Sizes are the approximate installed size in MB with their dependencies on Debian bookworm or
 * Alpine 3.20 (`apt-get install --no-install-recommends` / `apk add`), same date as above.
 */
export const BUILD_PACKAGES: Readonly<Record<string, number>> = {
  'build-essential': 250,
  'build-base': 200,
  gcc: 120,
  'g++': 150,
  clang: 400,
  llvm: 300,
  make: 1,
  cmake: 40,
  ninja: 1,
  'ninja-build': 1,
  autoconf: 3,
  automake: 3,
  libtool: 3,
  'pkg-config': 1,
  pkgconf: 1,
  golang: 400,
  'golang-go': 400,
  go: 400,
  rustc: 300,
  cargo: 350,
  rust: 300,
  maven: 10,
  gradle: 130,
  'openjdk-17-jdk': 320,
  'openjdk-17-jdk-headless': 300,
  'openjdk-21-jdk': 330,
  'openjdk-21-jdk-headless': 310,
  'default-jdk': 320,
  'default-jdk-headless': 300,
  openjdk17: 300,
  openjdk21: 310,
  'musl-dev': 3,
  'musl-tools': 3,
  'libc6-dev': 25,
  'linux-headers': 10,
  'dotnet-sdk-8.0': 500,
};

/** `-dev` packages are headers for building; their size is counted roughly per package. */
export const DEV_PACKAGE_SIZE = 5;
