import * as path from 'node:path/posix';
import type { DockerfileModel, Instruction } from '../../model';
import { NODE_BUILD_OUTPUTS, resolveIn, STATIC_SERVERS } from '../../knowledge/build-commands';
import { distroOf } from '../../knowledge/distros';
import {
  RUNTIME_BASES,
  RUNTIME_FAMILIES,
  RUNTIME_LIBRARIES,
  type BuilderImage,
  type RuntimeBase,
  type RuntimeFamily,
  type RuntimeProfile,
} from '../../knowledge/runtimes';
import { HEALTHCHECK_TOOLS, isBuildOnlyEnv, RUNTIME_KEYWORDS, USER_SETUP_COMMANDS } from '../../knowledge/runtime-config';
import type { Language } from '../../knowledge/toolchains';
import { isBuildPackage, keyValues, programWords, runCommands, stageFacts, type StageFacts, type WorkspaceReader } from '../stage-facts';
import { BUSYBOX_APPLETS, SHELL_WORDS } from '../../knowledge/shell-tools';
import { leftBehind } from '../leftover';
import { splitCommands } from '../../syntax/shell';

export interface Artifact {
  /** Absolute path in the builder (may be a glob). */
  source: string;
  /** Absolute path in the runtime image; ends with `/` for a directory destination. */
  dest: string;
}

export interface RuntimeChoice {
  family: RuntimeFamily;
  label: string;
  image: string;
  base: RuntimeBase;
}

export interface SplitPlan {
  stageIndex: number;
  language: Language;
  profile: RuntimeProfile;
  /** Name of the build stage: its own name, or a new one that clashes with no stage. */
  builderName: string;
  /** True when the FROM gets `AS <builderName>`. */
  addName: boolean;
  artifacts: Artifact[];
  choices: RuntimeChoice[];
  /** Runtime packages to install in the runtime stage, for managers that the base has. */
  runtimePackages: { apt: string[]; apk: string[] };
  /** Instructions that move to the runtime stage as written, in order. */
  moved: Instruction[];
  /** Instructions repeated in the runtime stage as written (ENV, the last USER kept in the builder). */
  repeated: Instruction[];
  /** RUN instructions that create the runtime user, repeated where the runtime has a shell. */
  userSetup: Instruction[];
  /** The final USER is a named account that the runtime base does not ship. */
  userName: string | null;
  chown: string | null;
  workdir: string | null;
  /** Python: create a virtualenv before this instruction in the builder. */
  venvBefore: Instruction | null;
  venvPath: string | null;
  /** Node: prune dev dependencies at the end of the builder. */
  pruneDev: 'npm' | 'yarn' | 'pnpm' | null;
  /** Static site: nginx listens on this port instead of 80. */
  listenPort: string | null;
  /** Shown in messages: what the final image keeps today. */
  facts: StageFacts;
}

export type PlanResult = { ok: true; plan: SplitPlan } | { ok: false; reason: string; facts: StageFacts | null };

export interface PlanOptions {
  readWorkspaceFile?: WorkspaceReader;
  preferredRuntime?: string;
}

const SYSTEM_DIRS = ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/lib/jvm/', '/usr/local/go/', '/usr/local/cargo/'];
const TOOLCHAIN_PROGRAMS = new Set(['go', 'cargo', 'rustc', 'gcc', 'g++', 'make', 'cmake', 'mvn', 'gradle', 'javac', 'dotnet', 'npm', 'npx', 'yarn', 'pnpm', 'node', 'python', 'python3', 'java', 'sh', 'bash']);

const COMPILED: readonly Language[] = ['go', 'rust', 'c', 'java', 'dotnet'];

function languageOf(facts: StageFacts): Language | null {
  const compiled = facts.builds.find((b) => COMPILED.includes(b.row.language));
  if (compiled) {
    // A C compile inside a Go/Rust image is cgo/build-script work: the image's language decides.
    if (compiled.row.language === 'c' && facts.toolchain && facts.toolchain.language !== 'c') return facts.toolchain.language;
    return compiled.row.language;
  }
  if (facts.toolchain) return facts.toolchain.language;
  const interpreted = facts.builds[0];
  if (interpreted) return interpreted.row.language;
  if (facts.buildPackages.some((p) => /^(gcc|g\+\+|build-essential|build-base|clang|cmake|make)$/.test(p))) return 'c';
  return null;
}

/** Resolves the program the container runs to a path in the image, if it is a file of the build. */
function programPath(facts: StageFacts): string | null {
  const words = programWords(facts.command);
  const p = words[0];
  if (!p || facts.workdir === null) return null;
  if (!p.includes('/')) return null;
  const resolved = resolveIn(facts.workdir, p);
  if (SYSTEM_DIRS.some((d) => resolved.startsWith(d))) return null;
  // A file copied in from the build context (an entrypoint script) is not a build output.
  if (facts.contextDirs.some((m) => !m.dir && m.imagePath === resolved)) return null;
  if (/\.(sh|bash|py|rb|js|mjs|cjs|pl|php)$/.test(resolved) || /entrypoint/.test(path.basename(resolved))) return null;
  // It must lie where a build ran.
  if (!facts.builds.some((b) => resolved.startsWith(b.cwd === '/' ? '/' : b.cwd + '/'))) return null;
  if (TOOLCHAIN_PROGRAMS.has(path.basename(resolved)) && !p.startsWith('.')) return null;
  return resolved;
}

function nativeArtifacts(facts: StageFacts): { artifacts: string[]; reasons: string[]; linkage: 'static' | 'dynamic' | undefined } {
  let artifacts: string[] = [];
  const reasons: string[] = [];
  let linkage: 'static' | 'dynamic' | undefined;
  const applyMoves = (upTo: number) => {
    for (const m of facts.moves.filter((x) => x.afterBuilds === upTo)) {
      for (const src of m.sources) {
        const hit = artifacts.find((a) => a === src);
        if (!hit) continue;
        const dest = m.destIsDir ? path.join(m.dest, path.basename(src)) : m.dest;
        if (m.op === 'mv') artifacts = artifacts.map((a) => (a === src ? dest : a));
        else artifacts.push(dest);
      }
    }
  };
  facts.builds.forEach((step, i) => {
    applyMoves(i);
    if (!COMPILED.includes(step.row.language)) return;
    artifacts.push(...step.output.artifacts);
    if (step.output.unknown) reasons.push(step.output.unknown);
    if (step.output.linkage === 'static') linkage = linkage ?? 'static';
    if (step.output.linkage === 'dynamic') linkage = 'dynamic';
  });
  applyMoves(facts.builds.length);
  return { artifacts: [...new Set(artifacts)], reasons, linkage };
}

/**
 * `make install` of a program the container runs by name: where it lands, when the Makefile (read
 * from the workspace) installs a file of that name under $(PREFIX)/bin.
 */
function madeInstall(facts: StageFacts, name: string): string | null {
  if (TOOLCHAIN_PROGRAMS.has(name)) return null;
  for (const step of facts.builds) {
    if (step.row.id !== 'make install') continue;
    const makefile = facts.readImageFile(path.join(step.cwd, 'Makefile')) ?? facts.readImageFile(path.join(step.cwd, 'makefile'));
    if (!makefile || !/^install\s*:/m.test(makefile) || !new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(makefile)) continue;
    if (step.command.words.some((w) => w.startsWith('DESTDIR='))) continue;
    const declared = /^\s*PREFIX\s*[?:]?=\s*(\S+)/m.exec(makefile)?.[1];
    const prefix = step.output.installPrefix ?? (declared && declared.startsWith('/') ? declared : '/usr/local');
    const bindir = /\$\(PREFIX\)\/bin|\$\{PREFIX\}\/bin|BINDIR/.test(makefile) ? path.join(prefix, 'bin') : null;
    if (bindir) return path.join(bindir, name);
  }
  return null;
}

/** Libraries glibc-based runtimes (distroless base/cc) have. */
const BASE_LIBS = new Set(['c', 'm', 'pthread', 'dl', 'rt', 'util', 'resolv', 'stdc++', 'gcc_s', 'gcc', 'atomic']);

/** What a dynamically linked C/C++ program needs beyond glibc: libstdc++, other libraries. */
function nativeNeeds(facts: StageFacts): { cxx: boolean; extraLibs: boolean } {
  const texts: string[] = [];
  for (const step of facts.builds) {
    texts.push(step.command.words.join(' '));
    for (const name of ['Makefile', 'makefile', 'CMakeLists.txt']) {
      const content = facts.readImageFile(path.join(step.cwd, name));
      if (content) texts.push(content);
    }
  }
  for (const k of ['LDFLAGS', 'LDLIBS', 'LIBS']) {
    const v = facts.env.get(k);
    if (v) texts.push(v);
  }
  const all = texts.join('\n');
  const libs = [...all.matchAll(/(?:^|[\s"'])-l([\w+.-]+)/g)].map((m) => m[1]!);
  const cmakeLibs = /find_package\s*\(|pkg_check_modules|target_link_libraries\s*\([^)]*\b(?!PRIVATE|PUBLIC|INTERFACE)[A-Za-z]+::/.test(all);
  const devPackages = facts.installs.some((i) => i.packages.some((p) => /-dev(el)?$/.test(p) && !/^(libc6|libc|musl|linux-libc|libstdc\+\+.*)-dev$/.test(p)));
  const extraLibs = libs.some((l) => !BASE_LIBS.has(l)) || cmakeLibs || devPackages;
  const cxx =
    facts.builds.some((b) => /^(g\+\+|c\+\+|clang\+\+)/.test(path.basename(b.command.words[0] ?? '')) || b.row.id === 'cmake --build') ||
    /\bCXX\b|g\+\+|\.cpp\b|\.cc\b|\.cxx\b/.test(all);
  return { cxx, extraLibs };
}

const FULL_DISTROS = new Set(['debian', 'ubuntu', 'buildpack-deps']);

/**
 * A full Debian/Ubuntu image that only runs a POSIX shell script of the app: when the script calls
 * nothing but busybox applets, busybox runs it. Returns the app directory to copy.
 */
function busyboxScript(facts: StageFacts): string | null {
  if (!facts.shortName || !FULL_DISTROS.has(facts.shortName) || facts.installs.length > 0 || facts.workdir === null) return null;
  const app = appDir(facts);
  const words = programWords(facts.command);
  if (!app || !words[0]) return null;
  let file = words[0];
  if (['sh', '/bin/sh'].includes(file) && words[1] && !words[1].startsWith('-')) file = words[1];
  const resolved = resolveIn(facts.workdir, file);
  if (!resolved.startsWith(app + '/')) return null;
  const text = facts.readImageFile(resolved);
  if (!text || !/^#!\s*(\/bin\/sh|\/usr\/bin\/env\s+sh)\s*$/m.test(text.split('\n')[0] ?? '')) return null;
  const functions = new Set([...text.matchAll(/^\s*([A-Za-z_][\w-]*)\s*\(\)/gm)].map((m) => m[1]!));
  const commands = splitCommands(text).map((c) => c.words[0] ?? '');
  for (const m of text.matchAll(/\$\(\s*([A-Za-z_][\w.-]*)|`\s*([A-Za-z_][\w.-]*)/g)) commands.push(m[1] ?? m[2]!);
  for (const c of commands) {
    const name = c.replace(/^\$+/, '');
    if (!name || name.startsWith('$') || /^[A-Za-z_]\w*=/.test(name) || /^[0-9]*[<>]/.test(name) || functions.has(name)) continue;
    if (SHELL_WORDS.has(name) || BUSYBOX_APPLETS.has(path.basename(name))) continue;
    if (name.includes('/') && resolveIn(facts.workdir, name).startsWith(app + '/')) continue;
    return null;
  }
  return app;
}

function appDir(facts: StageFacts): string | null {
  const root = [...facts.contextDirs].reverse().find((m) => m.dir && m.contextPath === '.');
  const dir = root?.imagePath ?? facts.workdir;
  return dir && dir !== '/' ? dir : null;
}

function javaArtifacts(facts: StageFacts, built: string[]): string[] {
  const words = programWords(facts.command);
  const out: string[] = [];
  if (facts.workdir === null) return out;
  const jarIndex = words.indexOf('-jar');
  if (jarIndex >= 0 && words[jarIndex + 1]) out.push(resolveIn(facts.workdir, words[jarIndex + 1]!));
  const cpIndex = words.findIndex((w) => w === '-cp' || w === '-classpath' || w === '--class-path');
  if (cpIndex >= 0 && words[cpIndex + 1]) {
    for (const entry of words[cpIndex + 1]!.split(':')) {
      if (!entry) continue;
      out.push(resolveIn(facts.workdir, entry.endsWith('/*') ? entry.slice(0, -2) : entry));
    }
  }
  return out.length > 0 ? out : built;
}

function dotnetArtifacts(facts: StageFacts, built: string[]): string[] {
  if (built.length > 0) return built;
  const words = programWords(facts.command);
  const dll = words.find((w) => w.endsWith('.dll'));
  if (dll && facts.workdir !== null) return [path.dirname(resolveIn(facts.workdir, dll))];
  return [];
}

function staticSiteDir(facts: StageFacts, app: string): string | null {
  const words = programWords(facts.command);
  const line = words.join(' ');
  const cmdLine = line.replace(/^npx\s+/, '');
  if (/^(serve|http-server)\b/.test(cmdLine)) {
    const args = words.slice(words[0] === 'npx' ? 2 : 1);
    const positional = args.filter((w, i) => !w.startsWith('-') && !/^-(p|l|a|-port|-listen)$/.test(args[i - 1] ?? ''));
    if (positional[0]) return resolveIn(app, positional[0]);
  }
  const directory = /--directory[= ](\S+)/.exec(line)?.[1] ?? /--outDir[= ](\S+)/.exec(line)?.[1];
  if (directory) return resolveIn(app, directory);
  const pkg = facts.readImageFile(path.join(app, 'package.json'));
  if (pkg) {
    try {
      const scripts = (JSON.parse(pkg) as { scripts?: Record<string, string> }).scripts ?? {};
      const build = scripts.build ?? '';
      const explicit = /(?:--outDir|--out-dir|--output-path|--dist-dir|-o)[= ](\S+)/.exec(build)?.[1];
      if (explicit) return resolveIn(app, explicit);
      const row = NODE_BUILD_OUTPUTS.find((r) => r.tool.test(build));
      if (row) return resolveIn(app, row.dir);
    } catch {
      // Not JSON: fall through to the conventions below.
    }
  }
  if (/^vite\s+preview/.test(cmdLine) || /^npm\s+run\s+preview/.test(line)) return resolveIn(app, 'dist');
  return null;
}

function isStaticSite(facts: StageFacts): boolean {
  const line = programWords(facts.command).join(' ');
  return STATIC_SERVERS.some((r) => r.test(line));
}

const NODE_BUILTINS = /^(node:.*|http|https|fs|fs\/promises|path|url|zlib|stream|util|os|events|crypto|mime)$/;

/**
 * A server script of the app itself that only serves built files: it uses nothing but Node's own
 * modules, creates an HTTP server, reads files, and names the build directory. The package must have
 * no runtime dependencies. Returns the directory it serves, relative to the app.
 */
function staticServerScript(facts: StageFacts, app: string): string | null {
  const words = programWords(facts.command);
  if (path.basename(words[0] ?? '') !== 'node' || !words[1] || facts.workdir === null) return null;
  const pkgText = facts.readImageFile(path.join(app, 'package.json'));
  if (!pkgText) return null;
  try {
    const pkg = JSON.parse(pkgText) as { dependencies?: Record<string, string> };
    if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) return null;
  } catch {
    return null;
  }
  const script = facts.readImageFile(resolveIn(facts.workdir, words[1]));
  if (!script || !/\bcreateServer\b/.test(script) || !/\b(readFile|createReadStream)\b/.test(script)) return null;
  const modules = [...script.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  if (modules.some((m) => !NODE_BUILTINS.test(m))) return null;
  const dir = /['"`][./]*\/?(dist|build|out|public|_site|site)\/?['"`]/.exec(script)?.[1];
  return dir ? resolveIn(app, dir) : null;
}

function needsShell(facts: StageFacts, moved: Instruction[]): boolean {
  if (facts.command.shell) return true;
  const p = path.basename(programWords(facts.command)[0] ?? '');
  if (['sh', 'bash', 'dash', 'ash'].includes(path.basename(facts.command.words[0] ?? ''))) return true;
  if (p === 'sh' || p === 'bash') return true;
  return moved.some((i) => i.keyword === 'HEALTHCHECK' && !i.json && !/^\s*NONE\b/i.test(i.argsText) && !/CMD\s*\[/.test(i.argsText));
}

function healthcheckTools(moved: Instruction[]): string[] {
  const tools: string[] = [];
  for (const i of moved) {
    if (i.keyword !== 'HEALTHCHECK') continue;
    for (const [tool, pkg] of Object.entries(HEALTHCHECK_TOOLS)) if (new RegExp(`\\b${tool}\\b`).test(i.argsText)) tools.push(pkg);
  }
  return tools;
}

/** A name for the builder stage that no stage of the file has. */
export function uniqueName(model: DockerfileModel): string {
  const taken = new Set(model.stages.map((s) => s.nameLower).filter((n): n is string => n !== null));
  for (const name of ['builder', 'build', 'build-stage', 'compile']) if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`builder${n}`)) n++;
  return `builder${n}`;
}

function orderChoices(choices: RuntimeChoice[], preferred: string | undefined): RuntimeChoice[] {
  if (!preferred || !(RUNTIME_FAMILIES as readonly string[]).includes(preferred)) return choices;
  return [...choices.filter((c) => c.family === preferred), ...choices.filter((c) => c.family !== preferred)];
}

/**
 * Plans the split of the final stage into a builder and a runtime stage, or says why there is none.
 * `known`: the final stage's facts, when the caller read them with the same `readWorkspaceFile`.
 */
export function planSplit(model: DockerfileModel, options: PlanOptions = {}, known?: StageFacts): PlanResult {
  if (model.skipped || model.finalStage < 0) return { ok: false, reason: 'the file has no stage', facts: null };
  const stage = model.stages[model.finalStage]!;
  if (stage.base.kind !== 'image') {
    return { ok: false, reason: stage.base.kind === 'stage' ? 'the final stage already builds on another stage' : 'the final stage has no image to build with', facts: null };
  }
  // Facts the caller already read of this stage (with the same reader) are not read again.
  const facts = known && known.stage === stage ? known : stageFacts(model, stage, options.readWorkspaceFile);
  if (facts.usesOtherStage) return { ok: false, reason: 'the final stage already copies from another stage', facts };
  if (facts.stage.from.flags.length > 0 && !facts.stage.platform) return { ok: false, reason: 'the FROM has flags the split does not know', facts };
  const lean = !leftBehind(facts);
  const script = lean ? busyboxScript(facts) : null;
  if (lean && !script) return { ok: false, reason: 'the final stage is already lean: no toolchain, build packages or build', facts };
  const language = script ? 'shell' : languageOf(facts);
  if (!language) return { ok: false, reason: 'no build was found in the final stage', facts };
  if (facts.workdir === null) return { ok: false, reason: 'WORKDIR depends on a variable without a known value', facts };

  const native = nativeArtifacts(facts);
  let artifacts: Artifact[] = [];
  let profile: RuntimeProfile;
  let venvBefore: Instruction | null = null;
  let venvPath: string | null = null;
  let pruneDev: SplitPlan['pruneDev'] = null;
  let listenPort: string | null = null;
  const builderDistro = distroOf(facts.shortName ?? '', facts.image?.tag ?? null);
  const builder: BuilderImage = { name: facts.shortName ?? '', registry: facts.image?.registry ?? null, tag: facts.image?.tag ?? null, distro: builderDistro };
  const programFile = programPath(facts);
  const exposes = stage.instructions.filter((i) => i.keyword === 'EXPOSE');

  switch (language) {
    case 'shell': {
      artifacts = [{ source: script!, dest: script! }];
      profile = 'shell-script';
      break;
    }
    case 'go':
    case 'rust':
    case 'c': {
      const files = [...native.artifacts];
      const bare = programWords(facts.command)[0];
      const covered = (p: string) => files.some((f) => f === p || p.startsWith(f + '/') || path.basename(f) === path.basename(p));
      if (programFile && !covered(programFile)) files.push(programFile);
      if (bare && !bare.includes('/') && !files.some((f) => path.basename(f) === bare)) {
        const installed = madeInstall(facts, bare);
        if (installed) files.push(installed);
      }
      if (files.length === 0) {
        const why = native.reasons[0] ?? 'the build commands name no output file';
        return { ok: false, reason: `no artifact found: ${why}${programWords(facts.command).length === 0 ? ', and there is no CMD or ENTRYPOINT naming the program' : ''}`, facts };
      }
      // A binary the container finds through PATH lands where every runtime's PATH looks.
      for (const f of files) {
        const onToolchainPath = /^\/(go|usr\/local\/cargo|root\/\.cargo)\/bin\//.test(f);
        artifacts.push({ source: f, dest: onToolchainPath ? `/usr/local/bin/${path.basename(f)}` : f });
      }
      const musl = builderDistro.family === 'alpine' && language === 'rust';
      const linkage = musl ? 'static' : native.linkage;
      if (linkage === 'static') profile = language === 'c' ? 'static-c' : 'static-binary';
      else if (language === 'go') profile = 'go-dynamic';
      else {
        const needs = nativeNeeds(facts);
        profile = needs.extraLibs ? 'glibc-libs' : language === 'rust' || needs.cxx ? 'glibc-cxx' : 'glibc-c';
      }
      break;
    }
    case 'java': {
      if (/^(mvn|gradle|\.\/gradlew|\.\/mvnw|gradlew|mvnw)$/.test(path.basename(programWords(facts.command)[0] ?? ''))) {
        return { ok: false, reason: 'the container runs the build tool itself', facts };
      }
      const files = javaArtifacts(facts, native.artifacts);
      if (files.length === 0) return { ok: false, reason: `no artifact found: ${native.reasons[0] ?? 'no jar or class directory is named'}`, facts };
      artifacts = files.map((f) => ({ source: f, dest: /[*?]/.test(f) ? path.dirname(f) + '/' : f }));
      profile = 'java';
      break;
    }
    case 'dotnet': {
      const dirs = dotnetArtifacts(facts, native.artifacts);
      if (dirs.length === 0) return { ok: false, reason: `no artifact found: ${native.reasons[0] ?? 'dotnet publish has no -o'}`, facts };
      artifacts = dirs.map((d) => ({ source: d, dest: d }));
      const web = exposes.length > 0 || [...facts.env.keys()].some((k) => k.startsWith('ASPNETCORE_'));
      profile = web ? 'dotnet-web' : 'dotnet-console';
      break;
    }
    case 'node': {
      if (facts.shortName !== 'node') return { ok: false, reason: 'Node.js does not come from a node image, so its runtime version is unknown', facts };
      const app = appDir(facts);
      if (!app) return { ok: false, reason: 'no application directory: the sources are copied to /', facts };
      const served = isStaticSite(facts) ? null : staticServerScript(facts, app);
      if (isStaticSite(facts) || served) {
        const site = served ?? staticSiteDir(facts, app);
        if (!site) return { ok: false, reason: 'no artifact found: the static site\'s build directory is not known (package.json could not be read)', facts };
        artifacts = [{ source: site, dest: '/usr/share/nginx/html' }];
        profile = 'static-site';
        const port = exposes.flatMap((e) => e.args.map((a) => a.value.split('/')[0]!))[0];
        if (port && port !== '80' && /^\d+$/.test(port)) listenPort = port;
      } else {
        if (!facts.builds.some((b) => b.row.language === 'node')) return { ok: false, reason: 'no build or install was found in the final stage', facts };
        const runner = programWords(facts.command)[0];
        if (runner && !runner.includes('/') && !['node', 'npm', 'yarn', 'npx'].includes(runner)) {
          return { ok: false, reason: `the container runs ${runner}, which the node runtime image does not have`, facts };
        }
        artifacts = [{ source: app, dest: app }];
        profile = 'node-server';
        const installs = facts.builds.filter((b) => b.row.id === 'npm install');
        const prodOnly = installs.length > 0 && installs.every((b) => b.command.words.some((w) => /^--(production|omit=dev|only=prod(uction)?|prod)$/.test(w)));
        if (installs.length > 0 && !prodOnly) {
          const client = installs[installs.length - 1]!.command.words[0]!;
          pruneDev = client === 'yarn' ? 'yarn' : client === 'pnpm' ? 'pnpm' : 'npm';
        }
      }
      break;
    }
    case 'python': {
      if (facts.shortName !== 'python') return { ok: false, reason: 'Python does not come from a python image, so its runtime version is unknown', facts };
      const app = appDir(facts);
      if (!app) return { ok: false, reason: 'no application directory: the sources are copied to /', facts };
      const pips = facts.builds.filter((b) => b.row.language === 'python');
      if (pips.length === 0) return { ok: false, reason: 'no pip install was found in the final stage', facts };
      if (pips.some((b) => b.command.words.some((w) => /^--(user|target|prefix|root)\b/.test(w) || w === '-t'))) {
        return { ok: false, reason: 'pip installs outside site-packages (--user/--target/--prefix)', facts };
      }
      if (pips.some((b) => b.row.id !== 'pip install')) return { ok: false, reason: 'poetry/pipenv/uv environments are not split yet', facts };
      const existingVenv = facts.builds.length >= 0 ? findVenv(stage.instructions) : null;
      venvPath = existingVenv ?? '/opt/venv';
      if (!existingVenv) venvBefore = pips[0]!.instruction;
      artifacts = [
        { source: venvPath, dest: venvPath },
        ...(app.startsWith(venvPath + '/') ? [] : [{ source: app, dest: app }]),
      ];
      profile = 'python';
      break;
    }
  }

  // A directory copied whole already holds the files under it.
  artifacts = artifacts.filter((a) => !artifacts.some((b) => b !== a && !/[*?]/.test(b.source) && a.source.startsWith(b.source + '/') && a.dest.startsWith(b.dest.replace(/\/$/, '') + '/')));

  // Runtime configuration: what moves, what is repeated.
  const lastRun = [...stage.instructions].reverse().find((i) => i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD');
  const moved: Instruction[] = [];
  const repeated: Instruction[] = [];
  let lastUser: Instruction | null = null;
  for (const i of stage.instructions.slice(1)) {
    if (RUNTIME_KEYWORDS.has(i.keyword)) moved.push(i);
    else if (i.keyword === 'USER') lastUser = i;
    else if (i.keyword === 'ENV' && keyValues(i).some(([k]) => !isBuildOnlyEnv(k))) repeated.push(i);
    else if (i.keyword === 'SHELL') repeated.push(i);
  }
  if (lastUser) {
    if (!lastRun || lastUser.index > lastRun.index) moved.push(lastUser);
    else repeated.push(lastUser);
  }
  moved.sort((a, b) => a.index - b.index);
  repeated.sort((a, b) => a.index - b.index);

  const userValue = lastUser ? lastUser.argsText.trim() : null;
  const userSetup = stage.instructions.filter((i) => i.keyword === 'RUN' && isUserSetup(i));

  // Packages the program needs at run time.
  const apt = new Set<string>();
  const apk = new Set<string>();
  for (const install of facts.installs) {
    for (const pkg of install.packages) {
      if (isBuildPackage(pkg)) {
        const lib = RUNTIME_LIBRARIES[pkg];
        if (lib?.apt && install.manager === 'apt') apt.add(lib.apt);
        if (lib?.apk && install.manager === 'apk') apk.add(lib.apk);
        continue;
      }
      if (/^(git|curl|wget|unzip|xz-utils|tar|gnupg|openssh-client|python3?|nodejs|npm|upx|upx-ucl)$/.test(pkg) && !healthcheckTools(moved).includes(pkg)) continue;
      if (install.manager === 'apt') apt.add(pkg);
      if (install.manager === 'apk') apk.add(pkg);
    }
  }
  for (const tool of healthcheckTools(moved)) {
    if (builderDistro.family === 'alpine') {
      if (tool !== 'wget') apk.add(tool);
    } else apt.add(tool);
  }
  // ca-certificates alone is served by runtimes that ship certificates.
  const onlyCerts = (set: Set<string>) => set.size === 1 && set.has('ca-certificates');

  const shell = needsShell(facts, moved) || (userValue !== null && userSetup.length > 0 && false);
  const candidates = RUNTIME_BASES[profile];
  let choices: RuntimeChoice[] = [];
  for (const base of candidates) {
    const image = base.image(builder);
    if (!image) continue;
    if (shell && !base.shell) continue;
    const manager = base.packages === null ? null : base.packages;
    const wantsApt = apt.size > 0 && !(onlyCerts(apt) && base.certs);
    const wantsApk = apk.size > 0 && !(onlyCerts(apk) && base.certs);
    if ((wantsApt && manager !== 'apt') || (wantsApk && manager !== 'apk')) continue;
    if (choices.some((c) => c.image === image)) continue;
    choices.push({ family: base.family, label: base.label, image: keepVariables(image, stage.baseToken?.value ?? '', facts), base });
  }
  if (choices.length === 0) {
    return { ok: false, reason: 'no runtime image fits: the final stage needs a shell or packages that the fitting runtimes lack', facts };
  }
  choices = orderChoices(choices, options.preferredRuntime);

  let userName: string | null = null;
  if (userValue && !/^(root|0)(:.*)?$/.test(userValue)) userName = userValue;
  // COPY --from keeps the owners the files have in the builder, so the original ownership carries over as it is.
  const chown: string | null = null;

  const builderName = stage.name ?? uniqueName(model);
  return {
    ok: true,
    plan: {
      stageIndex: stage.index,
      language,
      profile,
      builderName,
      addName: stage.name === null,
      artifacts,
      choices,
      runtimePackages: { apt: [...apt], apk: [...apk] },
      moved,
      repeated,
      userSetup,
      userName,
      chown,
      workdir: facts.workdir,
      venvBefore,
      venvPath,
      pruneDev,
      listenPort,
      facts,
    },
  };
}

function findVenv(instructions: readonly Instruction[]): string | null {
  for (const i of instructions) {
    if (i.keyword !== 'RUN') continue;
    for (const c of runCommands(i)) {
      const w = c.words;
      if (/^python[\d.]*$/.test(path.basename(w[0] ?? '')) && w[1] === '-m' && (w[2] === 'venv' || w[2] === 'virtualenv')) {
        const dir = w.slice(3).find((x) => !x.startsWith('-'));
        if (dir && dir.startsWith('/')) return dir.replace(/\/$/, '');
      }
    }
  }
  return null;
}

function isUserSetup(i: Instruction): boolean {
  const commands = runCommands(i);
  return (
    commands.length > 0 &&
    commands.some((c) => ['useradd', 'adduser', 'groupadd', 'addgroup'].includes(path.basename(c.words[0] ?? ''))) &&
    commands.every((c) => USER_SETUP_COMMANDS.has(path.basename(c.words[0] ?? '')))
  );
}

/** node:20-slim written as node:${NODE_VERSION}-slim when the builder's FROM used that variable. */
function keepVariables(image: string, fromToken: string, facts: StageFacts): string {
  const vars = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
  let out = image;
  for (const m of fromToken.matchAll(vars)) {
    const value = facts.env.get(m[1]!);
    if (!value) continue;
    const at = out.indexOf(value, out.indexOf(':') + 1);
    if (at > 0) out = out.slice(0, at) + `\${${m[1]}}` + out.slice(at + value.length);
  }
  return out;
}

/** Plans per model version, by whether the workspace could be read and the preferred runtime. */
const PLANS = new WeakMap<DockerfileModel, Map<string, PlanResult>>();

/**
 * planSplit, once per document version: the code action's list, its resolve and later requests for
 * the same version share one plan. Files read through `readWorkspaceFile` are read once per version.
 */
export function planSplitOnce(model: DockerfileModel, options: PlanOptions = {}): PlanResult {
  const key = `${options.readWorkspaceFile ? 'workspace' : 'text'}:${options.preferredRuntime ?? ''}`;
  let plans = PLANS.get(model);
  if (!plans) {
    plans = new Map();
    PLANS.set(model, plans);
  }
  let result = plans.get(key);
  if (!result) {
    result = planSplit(model, options);
    plans.set(key, result);
  }
  return result;
}
