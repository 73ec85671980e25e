import * as path from 'node:path/posix';
import type { Language } from './toolchains';
import { baseName, resolveIn } from '../syntax/paths';

/**
 * Build commands and the artifacts they leave, one row per tool. A row recognises a simple command
 * (its words, quotes removed) and says where its output lands, resolved against the directory the
 * command runs in. When the output cannot be known from the command alone, a row says so and the
 * planner falls back to the program that CMD/ENTRYPOINT runs.
 */
export interface BuildInput {
  words: readonly string[];
  /** Assignments in front of the command merged over the stage's ENV and ARG defaults. */
  env: ReadonlyMap<string, string>;
  /** Absolute directory the command runs in. */
  cwd: string;
  /** Reads a file of the build context by its path in the image, when the workspace is readable. */
  readFile(imagePath: string): string | undefined;
}

export interface BuildOutput {
  /** Absolute paths in the image (files, directories, or globs like /app/target/*.jar). */
  artifacts: string[];
  /** Linkage of native output: static needs no libc in the runtime. */
  linkage?: 'static' | 'dynamic';
  /** Why the output is not known, when `artifacts` is empty. */
  unknown?: string;
  /** Where the output lands when its file name is not known (absolute, ends with `/`). */
  directory?: string;
  /** `make install`: the prefix it installs under, when the command sets one. */
  installPrefix?: string;
}

export interface BuildCommandRow {
  /** What messages call the command, e.g. `go build`. */
  id: string;
  language: Language;
  /** True when the words (after leading assignments) are this build command. */
  match(words: readonly string[]): boolean;
  output(input: BuildInput): BuildOutput;
}

function option(words: readonly string[], names: readonly string[]): string | null {
  let value: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    for (const name of names) {
      if (w === name && i + 1 < words.length) value = words[i + 1]!;
      else if (w.startsWith(name + '=')) value = w.slice(name.length + 1);
    }
  }
  return value;
}

const program = (w: readonly string[]) => baseName(w[0] ?? '');
const isStaticFlag = (w: string) => w === '-static' || /(^|[\s"'=,])-static($|[\s"',])/.test(w);

// ---------------------------------------------------------------------------------------------- Go

const GO_VALUED = [
  '-o',
  '-ldflags',
  '-gcflags',
  '-tags',
  '-mod',
  '-p',
  '-asmflags',
  '-buildmode',
  '-compiler',
  '-gccgoflags',
  '-installsuffix',
  '-modfile',
  '-overlay',
  '-pkgdir',
  '-toolexec',
  '-pgo',
  '-C',
];

function goLinkage(input: BuildInput): 'static' | 'dynamic' {
  const cgo = input.env.get('CGO_ENABLED');
  if (cgo === '0') return 'static';
  if (input.words.some((w) => /extldflags[= ]+["']?-static/.test(w) || /-extldflags=-static/.test(w))) return 'static';
  return 'dynamic';
}

/** The module path's last element from go.mod, which names the binary of `go build` in the module root. */
function goModuleName(input: BuildInput, dir: string): string | undefined {
  const mod = input.readFile(path.join(dir, 'go.mod'));
  const m = mod ? /^\s*module\s+("?)([^\s"]+)\1/m.exec(mod) : null;
  if (!m) return undefined;
  const parts = m[2]!.split('/');
  let last = parts[parts.length - 1]!;
  // A major version suffix (example.com/tool/v2) is not the binary's name.
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  return last;
}

function goPackageName(input: BuildInput, pkg: string | undefined): { name?: string; reason?: string } {
  if (pkg && pkg !== '.' && !pkg.endsWith('...') && !pkg.endsWith('.go')) {
    const base = path.basename(pkg.replace(/\/+$/, ''));
    if (/^v\d+$/.test(base)) return { reason: `go build ${pkg}: cannot tell the binary name` };
    return { name: base };
  }
  if (pkg?.endsWith('.go')) return { name: path.basename(pkg, '.go') };
  const name = goModuleName(input, input.cwd);
  return name
    ? { name }
    : { reason: 'go build without -o names the binary after the module in go.mod, which could not be read' };
}

const goBuild: BuildCommandRow = {
  id: 'go build',
  language: 'go',
  match: (w) => program(w) === 'go' && w[1] === 'build',
  output(input) {
    const args = input.words.slice(2);
    const linkage = goLinkage(input);
    const cwd = option(args, ['-C']) ? resolveIn(input.cwd, option(args, ['-C'])!) : input.cwd;
    const out = option(args, ['-o']);
    const pkgs = positionals(args, GO_VALUED);
    if (out === '/dev/null') return { artifacts: [], linkage };
    if (out && !out.endsWith('/')) return { artifacts: [resolveIn(cwd, out)], linkage };
    // Several packages without -o: go build only checks that they compile.
    if (!out && (pkgs.length > 1 || pkgs.some((p) => p.includes('...')))) return { artifacts: [], linkage };
    const named = goPackageName({ ...input, cwd }, pkgs[0]);
    if (!named.name) return { artifacts: [], linkage, unknown: named.reason };
    return { artifacts: [resolveIn(cwd, path.join(out ?? '.', named.name))], linkage };
  },
};

const goInstall: BuildCommandRow = {
  id: 'go install',
  language: 'go',
  match: (w) => program(w) === 'go' && w[1] === 'install',
  output(input) {
    const args = input.words.slice(2);
    const pkgs = positionals(args, GO_VALUED);
    if (pkgs.some((p) => p.includes('@'))) return { artifacts: [], unknown: 'go install of a remote tool' };
    const gobin = input.env.get('GOBIN') ?? path.join(input.env.get('GOPATH') ?? '/go', 'bin');
    // A package pattern or several packages: one binary per main package, all in GOBIN.
    if (pkgs.length > 1 || pkgs.some((p) => p.includes('...')))
      return {
        artifacts: [],
        linkage: goLinkage(input),
        directory: `${gobin}/`,
        unknown: 'go install of several packages names a binary per main package',
      };
    const named = goPackageName(input, pkgs[0]);
    if (!named.name) return { artifacts: [], unknown: named.reason };
    return { artifacts: [path.join(gobin, named.name)], linkage: goLinkage(input) };
  },
};

// -------------------------------------------------------------------------------------------- Rust

function tomlValue(toml: string, section: RegExp, key: string): string | undefined {
  const lines = toml.split(/\r?\n/);
  let inSection = false;
  for (const line of lines) {
    const header = /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(line);
    if (header) {
      if (inSection) return undefined;
      inSection = section.test(header[1]!.trim());
      continue;
    }
    if (!inSection) continue;
    const m = new RegExp(`^\\s*${key}\\s*=\\s*["']([^"']+)["']`).exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** The binary name of a crate: its first [[bin]] name, else its package name. */
export function crateBinaryName(cargoToml: string): string | undefined {
  return tomlValue(cargoToml, /^bin$/, 'name') ?? tomlValue(cargoToml, /^package$/, 'name');
}

const _CARGO_VALUED = [
  '--bin',
  '--target',
  '--manifest-path',
  '--target-dir',
  '-p',
  '--package',
  '--features',
  '-F',
  '-j',
  '--jobs',
  '--profile',
  '--config',
  '-Z',
  '--root',
  '--path',
  '--color',
  '--message-format',
];

function crateName(input: BuildInput, args: readonly string[]): { name?: string; reason?: string } {
  const bin = option(args, ['--bin']) ?? option(args, ['-p', '--package']);
  if (bin) return { name: bin };
  const manifest = option(args, ['--manifest-path']);
  const dir = manifest ? path.dirname(resolveIn(input.cwd, manifest)) : input.cwd;
  const toml = input.readFile(path.join(dir, 'Cargo.toml'));
  if (toml === undefined) return { reason: 'the binary name comes from Cargo.toml, which could not be read' };
  const name = crateBinaryName(toml);
  return name ? { name } : { reason: 'Cargo.toml names no package or binary' };
}

const cargoBuild: BuildCommandRow = {
  id: 'cargo build',
  language: 'rust',
  match: (w) => program(w) === 'cargo' && (w[1] === 'build' || (w[1]?.startsWith('+') === true && w[2] === 'build')),
  output(input) {
    const args = input.words.slice(input.words[1]?.startsWith('+') ? 3 : 2);
    const named = crateName(input, args);
    const target = option(args, ['--target']);
    const linkage = target && /musl/.test(target) ? 'static' : target ? 'dynamic' : undefined;
    const manifest = option(args, ['--manifest-path']);
    const projectDir = manifest ? path.dirname(resolveIn(input.cwd, manifest)) : input.cwd;
    const targetDir = option(args, ['--target-dir']) ?? input.env.get('CARGO_TARGET_DIR');
    const base = targetDir ? resolveIn(input.cwd, targetDir) : path.join(projectDir, 'target');
    const profile =
      args.includes('--release') || args.includes('-r') ? 'release' : (option(args, ['--profile']) ?? 'debug');
    const dir = path.join(base, target ?? '', profile === 'dev' ? 'debug' : profile);
    if (!named.name) return { artifacts: [], linkage, unknown: named.reason, directory: `${dir}/` };
    return { artifacts: [path.join(dir, named.name)], linkage };
  },
};

const cargoInstall: BuildCommandRow = {
  id: 'cargo install',
  language: 'rust',
  match: (w) => program(w) === 'cargo' && w[1] === 'install',
  output(input) {
    const args = input.words.slice(2);
    const p = option(args, ['--path']);
    if (!p) return { artifacts: [], unknown: 'cargo install of a published crate' };
    const named = crateName({ ...input, cwd: resolveIn(input.cwd, p) }, args);
    if (!named.name) return { artifacts: [], unknown: named.reason };
    const root =
      option(args, ['--root']) ??
      input.env.get('CARGO_INSTALL_ROOT') ??
      input.env.get('CARGO_HOME') ??
      '/usr/local/cargo';
    const target = option(args, ['--target']);
    return {
      artifacts: [path.join(resolveIn(input.cwd, root), 'bin', named.name)],
      linkage: target && /musl/.test(target) ? 'static' : undefined,
    };
  },
};

// ------------------------------------------------------------------------------------------- C/C++

const COMPILERS = /^(gcc|g\+\+|cc|c\+\+|clang|clang\+\+|musl-gcc)(-\d+)?$|^[\w-]+-linux-(gnu|musl)\w*-(gcc|g\+\+)$/;

const compile: BuildCommandRow = {
  id: 'cc -o',
  language: 'c',
  match: (w) => COMPILERS.test(program(w)) && !w.includes('-c') && !w.includes('-E') && !w.includes('-S'),
  output(input) {
    const out = option(input.words, ['-o']);
    const linkage = input.words.some(isStaticFlag) || program(input.words) === 'musl-gcc' ? 'static' : 'dynamic';
    // Without -o the output is a.out: a compile check more often than the program.
    return out ? { artifacts: [resolveIn(input.cwd, out)], linkage } : { artifacts: [], linkage };
  },
};

function makeLinkage(input: BuildInput): 'static' | 'dynamic' {
  const flags = [...input.words, input.env.get('LDFLAGS') ?? '', input.env.get('CFLAGS') ?? ''];
  return flags.some((w) => isStaticFlag(w) || /LINKER_FLAGS=.*-static/.test(w) || /^LDFLAGS=.*-static/.test(w))
    ? 'static'
    : 'dynamic';
}

const make: BuildCommandRow = {
  id: 'make',
  language: 'c',
  match: (w) =>
    ['make', 'gmake'].includes(program(w)) &&
    !w.slice(1).some((x) => ['clean', 'test', 'check', 'install'].includes(x)),
  output: (input) => ({ artifacts: [], linkage: makeLinkage(input), unknown: 'make does not say what it builds' }),
};

const makeInstall: BuildCommandRow = {
  id: 'make install',
  language: 'c',
  match: (w) => ['make', 'gmake'].includes(program(w)) && w.slice(1).includes('install'),
  output(input) {
    const assigned = input.words.find((w) => /^PREFIX=/.test(w))?.slice('PREFIX='.length) ?? input.env.get('PREFIX');
    return {
      artifacts: [],
      linkage: makeLinkage(input),
      unknown: 'make install does not say what it installs',
      ...(assigned ? { installPrefix: resolveIn(input.cwd, assigned) } : {}),
    };
  },
};

/** Install prefixes shared with the rest of the system: copying them whole would copy far more than the program. */
const SHARED_PREFIXES = new Set(['/', '/usr', '/usr/local', '/opt', '/bin', '/usr/bin']);

const cmake: BuildCommandRow = {
  id: 'cmake --build',
  language: 'c',
  match: (w) => program(w) === 'cmake' && (w.includes('--build') || w.includes('--install')),
  output(input) {
    const prefix = input.words.includes('--install') ? option(input.words, ['--prefix']) : null;
    if (prefix) {
      const dir = resolveIn(input.cwd, prefix);
      if (!SHARED_PREFIXES.has(dir)) return { artifacts: [dir], linkage: makeLinkage(input) };
    }
    return { artifacts: [], linkage: makeLinkage(input), unknown: 'cmake --build does not say what it builds' };
  },
};

const ninja: BuildCommandRow = {
  id: 'ninja',
  language: 'c',
  match: (w) => program(w) === 'ninja',
  output: (input) => ({ artifacts: [], linkage: makeLinkage(input), unknown: 'ninja does not say what it builds' }),
};

// -------------------------------------------------------------------------------------------- Java

const JAVA_BUILD_GOALS = new Set(['package', 'install', 'verify']);

/** Jar of a Maven project: target/<artifactId>-<version>.jar, or <finalName>.jar. */
function mavenJar(input: BuildInput, dir: string): string | undefined {
  const pom = input.readFile(path.join(dir, 'pom.xml'));
  if (!pom) return undefined;
  const withoutParent = pom
    .replace(/<parent>[\s\S]*?<\/parent>/, '')
    .replace(/<dependencies>[\s\S]*<\/dependencies>/, '');
  const finalName = /<finalName>([^<$]+)<\/finalName>/.exec(withoutParent)?.[1];
  const artifactId = /<artifactId>([^<$]+)<\/artifactId>/.exec(withoutParent)?.[1];
  const version = /<version>([^<$]+)<\/version>/.exec(withoutParent)?.[1];
  const packaging = /<packaging>([^<]+)<\/packaging>/.exec(withoutParent)?.[1] ?? 'jar';
  if (packaging !== 'jar' && packaging !== 'war') return undefined;
  const name = finalName ?? (artifactId && version ? `${artifactId}-${version}` : undefined);
  return name ? path.join(dir, 'target', `${name}.${packaging}`) : undefined;
}

const maven: BuildCommandRow = {
  id: 'mvn package',
  language: 'java',
  match: (w) => ['mvn', 'mvnw'].includes(program(w)) && w.slice(1).some((g) => JAVA_BUILD_GOALS.has(g)),
  output(input) {
    const file = option(input.words, ['-f', '--file']);
    const dir = file ? resolveIn(input.cwd, file.endsWith('.xml') ? path.dirname(file) : file) : input.cwd;
    const jar = mavenJar(input, dir);
    if (jar) return { artifacts: [jar] };
    return {
      artifacts: [],
      unknown: 'mvn package names the jar after pom.xml, which could not be read',
      directory: `${path.join(dir, 'target')}/`,
    };
  },
};

const gradle: BuildCommandRow = {
  id: 'gradle build',
  language: 'java',
  match: (w) =>
    ['gradle', 'gradlew'].includes(program(w)) &&
    w
      .slice(1)
      .some((t) =>
        ['build', 'assemble', 'jar', 'bootJar', 'shadowJar', 'installDist', 'distTar'].includes(t.replace(/^:/, '')),
      ),
  output: (input) => ({
    artifacts: [],
    unknown: 'gradle names its jar from build.gradle',
    directory: `${path.join(input.cwd, 'build', 'libs')}/`,
  }),
};

const jar: BuildCommandRow = {
  id: 'jar',
  language: 'java',
  match: (w) => program(w) === 'jar' && w.length > 1,
  output(input) {
    const file = option(input.words, ['--file', '-f']);
    if (file) return { artifacts: [resolveIn(input.cwd, file)] };
    // `jar cf app.jar ...`, `jar cfe app.jar Main ...`: the f in the first word takes the next word.
    const flags = input.words[1] ?? '';
    if (!flags.startsWith('-') && flags.includes('f') && input.words[2])
      return { artifacts: [resolveIn(input.cwd, input.words[2])] };
    if (flags.startsWith('-') && !flags.startsWith('--') && flags.includes('f') && input.words[2])
      return { artifacts: [resolveIn(input.cwd, input.words[2])] };
    return { artifacts: [], unknown: 'jar writes to standard output' };
  },
};

const javac: BuildCommandRow = {
  id: 'javac',
  language: 'java',
  match: (w) => program(w) === 'javac',
  output(input) {
    const d = option(input.words, ['-d']);
    return d
      ? { artifacts: [resolveIn(input.cwd, d)] }
      : { artifacts: [], unknown: 'javac writes classes next to their sources' };
  },
};

// ------------------------------------------------------------------------------------------ .NET

const dotnetPublish: BuildCommandRow = {
  id: 'dotnet publish',
  language: 'dotnet',
  match: (w) => program(w) === 'dotnet' && (w[1] === 'publish' || w[1] === 'build'),
  output(input) {
    const out = option(input.words, ['-o', '--output']);
    if (out) return { artifacts: [resolveIn(input.cwd, out)] };
    return {
      artifacts: [],
      unknown: 'dotnet publish without -o writes under bin/<configuration>/<framework>/publish',
      directory: `${path.join(input.cwd, 'bin')}/`,
    };
  },
};

// ------------------------------------------------------------------------------------------ Node

const NPM_CLIENTS = new Set(['npm', 'yarn', 'pnpm']);

/** Bundlers and site generators run directly or through npx/npm exec/pnpm dlx/yarn (`npx vite build`). */
const NODE_BUILD_TOOLS =
  /^(vite|next|ng|nuxt|nuxi|astro|gatsby|parcel|webpack|webpack-cli|rollup|esbuild|tsup|tsc|react-scripts|vue-cli-service|svelte-kit|remix|eleventy|docusaurus|hexo|vuepress|vitepress|ncc)$/;

/** The words after `npx`, `npm exec`, `pnpm dlx`/`pnpm exec`, `yarn dlx`/`yarn exec`, `bunx`, with their options. */
function npxTool(w: readonly string[]): readonly string[] | null {
  const p = program(w);
  let rest: readonly string[] | null = null;
  if (p === 'npx' || p === 'bunx') rest = w.slice(1);
  else if ((p === 'npm' && w[1] === 'exec') || ((p === 'pnpm' || p === 'yarn') && (w[1] === 'dlx' || w[1] === 'exec')))
    rest = w.slice(2);
  if (!rest) return null;
  let i = 0;
  while (i < rest.length && rest[i]!.startsWith('-')) i += rest[i] === '-p' || rest[i] === '--package' ? 2 : 1;
  if (rest[i] === '--') i++;
  return rest.slice(i);
}

export const nodeBuild: BuildCommandRow = {
  id: 'npm run build',
  language: 'node',
  match: (w) => {
    if (
      NPM_CLIENTS.has(program(w)) &&
      ((w[1] === 'run' && /^build/.test(w[2] ?? '')) ||
        (w[1] !== 'run' && /^build/.test(w[1] ?? '') && program(w) !== 'npm'))
    )
      return true;
    const tool = npxTool(w) ?? (NODE_BUILD_TOOLS.test(program(w)) ? w : null);
    if (!tool || tool.length === 0) return false;
    const name = baseName(tool[0]!).replace(/@[^/]*$/, '');
    // `npx <tool> build`, or a bundler that builds when run (`npx webpack`, `tsc -p .`).
    return (
      tool.slice(1).some((a) => /^(build|generate|export)$/.test(a)) ||
      (NODE_BUILD_TOOLS.test(name) && name !== 'next' && name !== 'nuxt')
    );
  },
  output(input) {
    const explicit = option(input.words, [
      '--outDir',
      '--out-dir',
      '--output-path',
      '--dist-dir',
      '--outdir',
      '-o',
      '--output',
    ]);
    if (explicit && !NPM_CLIENTS.has(program(input.words)))
      return {
        artifacts: [],
        directory: `${resolveIn(input.cwd, explicit)}/`,
        unknown: 'the build writes a directory',
      };
    const line = input.words.join(' ');
    const row = NODE_BUILD_OUTPUTS.find((r) => r.tool.test(line));
    if (row && !NPM_CLIENTS.has(program(input.words)))
      return { artifacts: [], directory: `${resolveIn(input.cwd, row.dir)}/`, unknown: 'the build writes a directory' };
    return { artifacts: [], unknown: 'the build output directory comes from package.json' };
  },
};

export const nodeInstall: BuildCommandRow = {
  id: 'npm install',
  language: 'node',
  match: (w) =>
    NPM_CLIENTS.has(program(w)) &&
    (w.length === 1 ? program(w) === 'yarn' : ['install', 'ci', 'i', 'add'].includes(w[1]!)) &&
    !w.includes('-g') &&
    !w.includes('--global'),
  output: (input) => ({ artifacts: [], directory: `${path.join(input.cwd, 'node_modules')}/` }),
};

// ---------------------------------------------------------------------------------------- Python

export const pipInstall: BuildCommandRow = {
  id: 'pip install',
  language: 'python',
  match: (w) =>
    (/^pip[\d.]*$/.test(program(w)) && w[1] === 'install') ||
    (/^python[\d.]*$/.test(program(w)) && w[1] === '-m' && /^pip[\d.]*$/.test(w[2] ?? '') && w[3] === 'install'),
  output(input) {
    const into = option(input.words, ['--prefix', '--target', '-t', '--root']);
    return into ? { artifacts: [resolveIn(input.cwd, into)] } : { artifacts: [] };
  },
};

const poetry: BuildCommandRow = {
  id: 'poetry install',
  language: 'python',
  match: (w) => ['poetry', 'pipenv', 'uv'].includes(program(w)) && ['install', 'sync'].includes(w[1] ?? ''),
  output: () => ({ artifacts: [] }),
};

const venv: BuildCommandRow = {
  id: 'python -m venv',
  language: 'python',
  match: (w) =>
    (/^python[\d.]*$/.test(program(w)) && w[1] === '-m' && (w[2] === 'venv' || w[2] === 'virtualenv')) ||
    program(w) === 'virtualenv',
  output(input) {
    const dir = positionals(input.words.slice(program(input.words) === 'virtualenv' ? 1 : 3), [
      '-p',
      '--python',
      '--prompt',
    ])[0];
    return dir ? { artifacts: [resolveIn(input.cwd, dir)] } : { artifacts: [] };
  },
};

/** `python tools/build.py ...`: a script of the app run by the build (generators, asset builds). */
const pythonScript: BuildCommandRow = {
  id: 'python script',
  language: 'python',
  match: (w) => /^python[\d.]*$/.test(program(w)) && w.length >= 2 && /\.py$/.test(w[1]!),
  output: () => ({ artifacts: [] }),
};

/** Every build command, most specific first. */
export const BUILD_COMMANDS: readonly BuildCommandRow[] = [
  goBuild,
  goInstall,
  cargoBuild,
  cargoInstall,
  compile,
  makeInstall,
  make,
  cmake,
  ninja,
  maven,
  gradle,
  jar,
  javac,
  dotnetPublish,
  nodeBuild,
  nodeInstall,
  pipInstall,
  venv,
  pythonScript,
  poetry,
];

/** Positional words of a command, skipping options and the values of options that take one. */
export function positionals(words: readonly string[], valued: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (valued.includes(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/**
 * Where a Node build writes, by the tool its `build` script runs (conventions of each tool as of
 * 2025-06). An explicit `--outDir`/`--out-dir`/`-o` in the script wins.
 */
export const NODE_BUILD_OUTPUTS: readonly { tool: RegExp; dir: string }[] = [
  { tool: /\bnext\s+export\b/, dir: 'out' },
  { tool: /\breact-scripts\s+build\b/, dir: 'build' },
  { tool: /\bvite\s+build\b|\bvite\b/, dir: 'dist' },
  { tool: /\bgatsby\s+build\b/, dir: 'public' },
  { tool: /\bastro\s+build\b/, dir: 'dist' },
  { tool: /\bparcel\s+build\b/, dir: 'dist' },
  { tool: /\bwebpack\b/, dir: 'dist' },
  { tool: /\brollup\b/, dir: 'dist' },
  { tool: /\besbuild\b/, dir: 'dist' },
  { tool: /\btsc\b/, dir: 'dist' },
];

/** Static file servers: a CMD running one of these serves a built site. */
export const STATIC_SERVERS: readonly RegExp[] = [
  /^(npx\s+)?serve\b/,
  /^(npx\s+)?http-server\b/,
  /^(npx\s+)?vite\s+preview\b/,
  /^npm\s+run\s+preview\b/,
  /^python3?\s+-m\s+http\.server\b/,
  /^busybox\s+httpd\b/,
];
