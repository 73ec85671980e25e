import * as path from 'node:path/posix';
import type { DockerfileModel, ImageReference, Instruction, Stage } from '../model';
import { copiesFromElsewhere, shortImageName } from '../model';
import { copyArguments } from '../model/queries';
import { BUILD_COMMANDS, positionals, type BuildCommandRow, type BuildOutput } from '../knowledge/build-commands';
import { entryWrapperOf, wrapperWords } from '../knowledge/entry-wrappers';
import {
  BUILD_PACKAGES,
  DEV_PACKAGE_SIZE,
  findToolchainImage,
  LANGUAGE_PACKAGES,
  toolchainOfImage,
  toolchainSize,
  type ToolchainImage,
} from '../knowledge/toolchains';
import { imageDefaults } from './image-defaults';
import { imagePathResolver, resolveWindowsPath, windowsPlatform, WINDOWS_ROOT } from './platform';
import { resolveIn } from '../syntax/paths';
import { splitCommands, type SimpleCommand } from '../syntax/shell';
import { expand } from '../syntax/variables';
import { unquote } from '../syntax/words';

/** Reads a file of the workspace by its path relative to the Dockerfile's folder. */
export type WorkspaceReader = (relativePath: string) => string | undefined;

/**
 * Lists a folder of the workspace by its path relative to the Dockerfile's folder (`.` for the
 * folder itself): entry names, folders with a trailing `/`; undefined when it cannot be read.
 */
export type WorkspaceLister = (relativePath: string) => readonly string[] | undefined;

/** A COPY or ADD from the build context, resolved the way BuildKit resolves it. */
export interface ContextCopy {
  instruction: Instruction;
  /** Context path as written, normalised (`.` for the whole context); may hold a glob. */
  source: string;
  /** Where it lands in the image: the file itself, or the directory that receives a directory's contents. */
  dest: string;
  /** The destination is a directory that receives the source (trailing `/`, several sources, `.`). */
  intoDirectory: boolean;
}

/** Filesystem state that RUN prepared: accounts, directories, owners, modes and links. */
export interface PreparedState {
  /** Users and groups created (useradd, adduser, groupadd, addgroup). */
  users: string[];
  groups: string[];
  /** Directories created or whose owner or mode was set, absolute. */
  paths: {
    path: string;
    how: 'mkdir' | 'chown' | 'chmod' | 'touch';
    instruction: Instruction;
    owner?: string;
    mode?: string;
  }[];
  /** Symbolic links: `ln -s target link`. */
  links: { target: string; link: string; instruction: Instruction }[];
}

export interface BuildStep {
  row: BuildCommandRow;
  instruction: Instruction;
  command: SimpleCommand;
  cwd: string;
  output: BuildOutput;
  /** The build packages the stage had installed when it ran were all removed again later. */
  toolsRemoved: boolean;
  /** How many of the stage's installs came before it (its own RUN's included). */
  installsBefore: number;
}

/** A `mv`, `cp` or `install` of files, in order with the builds, so artifacts can follow. */
export interface FileMove {
  op: 'mv' | 'cp';
  sources: string[];
  dest: string;
  /** The destination is a directory (trailing slash, several sources, or `-t`/`-D`-less install into a dir). */
  destIsDir: boolean;
  /** Index in `builds` of the next build step: moves apply after the builds before it. */
  afterBuilds: number;
}

export interface PackageInstall {
  manager: 'apt' | 'apk' | 'yum';
  instruction: Instruction;
  /** What is still installed when the stage ends: `installed` less what a command removed again. */
  packages: string[];
  /** The packages as the install named them (variables of the RUN and the stage expanded). */
  installed: string[];
  /** The virtual package name they were installed under (`apk add --virtual .build-deps`). */
  virtual?: string;
}

export interface CommandLine {
  /** Words of ENTRYPOINT followed by CMD as the container runs them. */
  words: string[];
  /** Either one was in shell form (needs /bin/sh). */
  shell: boolean;
}

export interface StageFacts {
  stage: Stage;
  image: ImageReference | null;
  shortName: string | null;
  toolchain: ToolchainImage | null;
  /** The image is a JRE or otherwise not a toolchain of its family. */
  toolchainSizeMB: number;
  installs: PackageInstall[];
  /** Build packages still installed when the stage ends. */
  buildPackages: string[];
  /** Build packages the stage installed and removed again (in the same RUN or a later one). */
  removedBuildPackages: string[];
  builds: BuildStep[];
  moves: FileMove[];
  /** Final WORKDIR, absolute, or null when it uses an unknown variable. */
  workdir: string | null;
  env: Map<string, string>;
  /** ENV names set in this stage (not ARG). */
  envNames: Set<string>;
  /** Image directory that holds the build context root (`COPY . /src` → /src), if any. */
  contextDirs: { imagePath: string; contextPath: string; dir: boolean }[];
  /** Stage copies from another stage of this file, or mounts one. */
  usesOtherStage: boolean;
  command: CommandLine;
  /** The working directory each instruction of the stage runs in (null: a variable without a known value). */
  workdirs: (string | null)[];
  /** COPY and ADD from the build context, in order. */
  copies: ContextCopy[];
  prepared: PreparedState;
  /** A Windows image (facts/platform.ts says how that is told): its paths follow Windows' rules. */
  windows: boolean;
  /** Resolves a path written in the stage against an absolute directory of the image, by the platform's rules. */
  resolvePath(dir: string, p: string): string;
  readImageFile(imagePath: string): string | undefined;
  /** Lists an image directory that holds context files, as the workspace has them (undefined: unknown). */
  listImageDir(imagePath: string): readonly string[] | undefined;
  /** Lists a folder of the build context by its context path (undefined: not a folder, or unknown). */
  listContext(contextPath: string): readonly string[] | undefined;
}

/** `KEY=value` pairs of ENV/ARG/LABEL arguments, or the legacy `ENV KEY value` form. */
export function keyValues(instruction: Instruction): [string, string | null][] {
  const args = instruction.args.map((a) => a.value);
  if (instruction.keyword === 'ENV' && args.length >= 2 && !args[0]!.includes('=')) {
    return [[args[0]!, instruction.argsText.trim().slice(args[0]!.length).trim()]];
  }
  return args.map((a) => {
    const eq = a.indexOf('=');
    return eq < 0 ? [a, null] : [a.slice(0, eq), unquote(a.slice(eq + 1))];
  });
}

/**
 * The simple commands of a RUN's script. `shellEscape` is the escape character of the shell that
 * runs it: a backslash for sh, a backtick for PowerShell on Windows (where `C:\\app` is a path).
 */
export function runCommands(instruction: Instruction, shellEscape = '\\'): readonly SimpleCommand[] {
  return splitCommands(runScript(instruction), shellEscape);
}

/**
 * What one RUN says, read once: its simple commands, its package installs (less what the same RUN
 * removes again), and the build command each simple command runs. A function of the instruction
 * alone, so a caller that sees the same instruction object again (the rule runner) may remember it.
 */
export interface RunReading {
  commands: readonly SimpleCommand[];
  installs: readonly PackageInstall[];
  /** The build command of each simple command, in the same order (null: none). */
  buildRows: readonly (BuildCommandRow | null)[];
}

/** Reads a RUN into a RunReading (see there); callers may pass a remembering reader instead. */
export type RunReader = (instruction: Instruction) => RunReading;

/** Reads a RUN afresh (`shellEscape`: see runCommands). */
export function readRun(instruction: Instruction, shellEscape = '\\'): RunReading {
  const commands = runCommands(instruction, shellEscape);
  return {
    commands,
    installs: packageInstalls(instruction, commands),
    buildRows: commands.map(buildRowOf),
  };
}

/** Words that ask a tool for its version or usage: `javac --version` compiles nothing. */
const QUERY_ONLY = new Set(['--version', '-version', '-V', '--help', '-help', '-h', 'version', 'help']);

/** The build command a simple command runs, if any. */
function buildRowOf(command: SimpleCommand): BuildCommandRow | null {
  const args = command.words.slice(1);
  if (args.length > 0 && args.every((w) => QUERY_ONLY.has(w))) return null;
  return BUILD_COMMANDS.find((r) => r.match(command.words)) ?? null;
}

/** The shell script a RUN runs: its arguments, or its heredoc bodies. */
export function runScript(instruction: Instruction): string {
  if (instruction.json) {
    try {
      const words = JSON.parse(instruction.argsText) as unknown;
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) {
        const w = words as string[];
        if ((w[0] === 'sh' || w[0] === '/bin/sh' || w[0] === 'bash' || w[0] === '/bin/bash') && w[1] === '-c')
          return w.slice(2).join(' ');
        return w.map((x) => `'${x.replace(/'/g, `'\\''`)}'`).join(' ');
      }
    } catch {
      return '';
    }
  }
  const heredocs = instruction.heredocs.map((h) => h.content).join('\n');
  // A comment line inside continuation lines is no part of the command: BuildKit drops it. In the
  // folded text it is the only thing that still ends with a line break.
  let text = instruction.argsText.replace(/(^|\s)#[^\n]*\n/g, '$1');
  for (const h of instruction.heredocs) text = text.replace(new RegExp(`<<-?\\s*["']?${h.name}["']?`), '');
  return heredocs ? `${text}\n${heredocs}` : text;
}

function wordsOf(instruction: Instruction): { words: string[]; shell: boolean } {
  if (instruction.json) {
    try {
      const parsed = JSON.parse(instruction.argsText) as unknown;
      if (Array.isArray(parsed)) return { words: parsed.map(String), shell: false };
    } catch {
      // Not valid JSON: Docker runs it in a shell.
    }
  }
  return { words: ['/bin/sh', '-c', instruction.argsText.trim()], shell: true };
}

/** The command line that ENTRYPOINT and CMD among these instructions (in order) give a container. */
export function commandLineOf(instructions: readonly Instruction[]): CommandLine {
  let entrypoint: { words: string[]; shell: boolean } | null = null;
  let cmd: { words: string[]; shell: boolean } | null = null;
  for (const i of instructions) {
    if (i.keyword === 'ENTRYPOINT') {
      entrypoint = wordsOf(i);
      cmd = null; // ENTRYPOINT resets an inherited CMD
    } else if (i.keyword === 'CMD') {
      cmd = wordsOf(i);
    }
  }
  if (entrypoint?.shell) return { words: entrypoint.words, shell: true };
  return {
    words: [...(entrypoint?.words ?? []), ...(cmd?.words ?? [])],
    shell: (cmd?.shell ?? false) || (entrypoint?.shell ?? false),
  };
}

/** Words the container's program runs, with `sh -c "…"` opened up into its first command. */
export function programWords(line: CommandLine): string[] {
  return programCall(line).words;
}

/**
 * The program the container runs and the wrappers it starts through (tini, dumb-init, gosu ...,
 * as written): `sh -c "…"` opened up into its first command, `exec` dropped, and each wrapper's
 * options skipped. Empty words: the container runs whatever command it is given.
 */
export function programCall(line: CommandLine): { words: string[]; wrappers: string[] } {
  let words = line.words;
  const wrappers: string[] = [];
  for (let depth = 0; depth < 6 && words.length > 0; depth++) {
    const p = path.basename(words[0] ?? '');
    if ((p === 'sh' || p === 'bash' || p === 'dash' || p === 'ash') && words[1] === '-c' && words[2] !== undefined) {
      const commands = splitCommands(words[2]);
      const first =
        commands.find((c) => c.words[0] !== 'cd' && c.words[0] !== 'set' && c.words[0] !== 'export') ?? commands[0];
      words = first?.words ?? [];
      continue;
    }
    if (p === 'exec' || p === '--') {
      words = words.slice(1);
      continue;
    }
    const wrapper = entryWrapperOf(words[0]!);
    if (wrapper) {
      wrappers.push(words[0]!);
      words = words.slice(wrapperWords(wrapper, words));
      continue;
    }
    break;
  }
  return { words: [...words], wrappers };
}

const APT = /^(apt-get|apt|aptitude)$/;
const APK = /^apk$/;
const YUM = /^(yum|dnf|microdnf)$/;

/** `$name` and `${name}` words replaced by their value, split into words; others kept. */
function expandWords(words: readonly string[], vars: ReadonlyMap<string, string>): string[] {
  if (vars.size === 0) return [...words];
  const out: string[] = [];
  for (const w of words) {
    const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(w);
    const value = m ? vars.get(m[1]!) : undefined;
    if (value === undefined || value.includes('$(') || value.includes('`')) out.push(w);
    else out.push(...value.split(/\s+/).filter(Boolean));
  }
  return out;
}

/** The package words of an install or removal: no options (and their values), no version pins. */
function packageWords(
  words: readonly string[],
  manager: PackageInstall['manager'],
): {
  packages: string[];
  virtual: string | null;
} {
  const packages: string[] = [];
  let virtual: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--virtual' || (manager === 'apk' && w === '-t')) {
      virtual = words[++i] ?? null;
      continue;
    }
    if (w.startsWith('--virtual=')) {
      virtual = w.slice('--virtual='.length);
      continue;
    }
    if (w.startsWith('-')) {
      if (['-t', '--target-release', '-o', '--repository', '-X'].includes(w)) i++;
      continue;
    }
    packages.push(w.replace(/[=<>~].*$/, ''));
  }
  return { packages, virtual };
}

/**
 * The package installs of a RUN, less what the same RUN removes again: packages named in
 * `apt-get purge/remove`, `apk del` (virtual names included) and `yum remove`, and every package
 * the RUN installed when it marks everything automatic (`apt-mark auto`, also through xargs) and
 * then purges with `--auto-remove` or runs `apt-get autoremove`: the docker-library pattern.
 * Variables the RUN assigns (`buildDeps='gcc make'`) are expanded in the package lists.
 */
function packageInstalls(instruction: Instruction, commands: readonly SimpleCommand[]): PackageInstall[] {
  const out: PackageInstall[] = [];
  const removed = new Set<string>();
  const virtuals = new Map<string, string[]>();
  const local = new Map<string, string>();
  let markedAuto = false;
  let removesAllNew = false;
  for (const c of commands) {
    if (c.words.length === 0) {
      for (const [k, v] of Object.entries(c.assignments)) local.set(k, v);
      continue;
    }
    const words = expandWords(c.words, local);
    const p = path.basename(words[0] ?? '');
    const markAt = words.findIndex((w) => path.basename(w) === 'apt-mark');
    if (markAt >= 0 && words[markAt + 1] === 'auto') {
      markedAuto = true;
      continue;
    }
    const verb = words.slice(1).find((w) => !w.startsWith('-'));
    if (APT.test(p) && (verb === 'purge' || verb === 'remove' || verb === 'autoremove')) {
      if (markedAuto && (verb === 'autoremove' || words.includes('--auto-remove') || words.includes('--autoremove')))
        removesAllNew = true;
      for (const name of packageWords(words.slice(words.indexOf(verb) + 1), 'apt').packages) removed.add(name);
      continue;
    }
    if ((APK.test(p) && verb === 'del') || (YUM.test(p) && (verb === 'remove' || verb === 'erase'))) {
      for (const name of packageWords(words.slice(words.indexOf(verb!) + 1), APK.test(p) ? 'apk' : 'yum').packages)
        removed.add(name);
      continue;
    }
    let manager: PackageInstall['manager'] | null = null;
    if (APT.test(p) && verb === 'install') manager = 'apt';
    else if (APK.test(p) && verb === 'add') manager = 'apk';
    else if (YUM.test(p) && verb === 'install') manager = 'yum';
    if (!manager) continue;
    const { packages, virtual } = packageWords(words.slice(words.indexOf(verb!) + 1), manager);
    if (virtual) virtuals.set(virtual, packages);
    out.push({ manager, instruction, packages, installed: packages, ...(virtual ? { virtual } : {}) });
  }
  for (const [name, packages] of virtuals) if (removed.has(name)) for (const p of packages) removed.add(p);
  return out.map((install) => ({
    ...install,
    packages: removesAllNew ? [] : install.packages.filter((p) => !removed.has(p)),
  }));
}

export function isBuildPackage(name: string): boolean {
  return (
    name in BUILD_PACKAGES ||
    /-dev(el)?$/.test(name) ||
    /^(gcc|g\+\+|clang|llvm)-\d+$/.test(name) ||
    /^openjdk-?\d+(-jdk(-headless)?)?$/.test(name)
  );
}

export function buildPackageSize(name: string): number {
  return BUILD_PACKAGES[name] ?? (/-dev(el)?$/.test(name) ? DEV_PACKAGE_SIZE : 20);
}

const _MOUNT_CACHE_DIRS = /type=(cache|bind)/;

/**
 * False when leftBehind(stageFacts(model, stage)) is surely null, known without reading the facts:
 * the base is no toolchain image, and no RUN installs a build package or runs a compiling build
 * command (what leftBehind looks for). With a remembering `read` (the rule runner's), a keystroke
 * reads only the instructions it touched.
 */
export function mayLeaveBuildTools(stage: Stage, compiling: ReadonlySet<string>, read: RunReader = readRun): boolean {
  const image = stage.base.kind === 'image' ? stage.base.image : null;
  if (image && findToolchainImage(shortImageName(image))) return true;
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    const reading = read(instruction);
    // Packages named by a variable may be build packages once the stage's ENV is known.
    if (reading.installs.some((i) => i.packages.some((p) => isBuildPackage(p) || p.includes('$')))) return true;
    if (reading.buildRows.some((row) => row !== null && compiling.has(row.id))) return true;
  }
  return false;
}

/** Options of stageFacts: how to read the workspace beside the Dockerfile, and its RUNs. */
export interface WorkspaceAccess {
  read?: WorkspaceReader;
  list?: WorkspaceLister;
  /** Reads a RUN (default: afresh); the rule runner passes one that remembers per instruction. */
  readRun?: RunReader;
}

/**
 * A build's output with Windows paths: the build table joins paths the POSIX way, so an absolute
 * Windows path lands after the working directory (`C:\\src/C:\\app`); it is taken from its drive.
 */
function windowsOutput(output: BuildOutput): BuildOutput {
  const fix = (p: string) => {
    const drive = /[A-Za-z]:[\\/]/.exec(p.slice(1));
    return resolveWindowsPath(WINDOWS_ROOT, drive ? p.slice(drive.index + 1) : p);
  };
  return {
    ...output,
    artifacts: output.artifacts.map(fix),
    ...(output.directory ? { directory: fix(output.directory) } : {}),
  };
}

/** An install whose package words name variables of the stage, with their values. */
function expandInstall(install: PackageInstall, env: ReadonlyMap<string, string>): PackageInstall {
  if (!install.installed.some((p) => p.includes('$'))) return install;
  return {
    ...install,
    packages: expandWords(install.packages, env),
    installed: expandWords(install.installed, env),
  };
}

/** Reads what a stage is made of: its base, the packages it installs, the builds it runs. */
export function stageFacts(
  model: DockerfileModel,
  stage: Stage,
  access?: WorkspaceReader | WorkspaceAccess,
): StageFacts {
  const read = typeof access === 'function' ? access : access?.read;
  const list = typeof access === 'function' ? undefined : access?.list;
  const readRunOf = (typeof access === 'function' ? undefined : access?.readRun) ?? readRun;
  const image = stage.base.kind === 'image' ? stage.base.image : null;
  const shortName = image ? shortImageName(image) : null;
  // What the base image sets, then the global ARG defaults (a stage sees them only through ARG, but
  // values such as a version in the FROM line are read through them).
  const defaults = imageDefaults(shortName);
  // A stage built FROM an earlier stage starts where that one ended.
  const parent =
    stage.base.kind === 'stage' && stage.base.stage < stage.index
      ? stageFacts(model, model.stages[stage.base.stage]!, access)
      : null;
  const env = parent ? new Map(parent.env) : new Map<string, string>(Object.entries(defaults.env));
  for (const arg of model.globalArgs) {
    for (const [k, v] of keyValues(arg)) if (v !== null && !env.has(k)) env.set(k, v);
  }
  const envNames = new Set<string>();
  const windows = (parent?.windows ?? false) || windowsPlatform(model, stage) !== null;
  const toolchain = shortName ? toolchainOfImage(shortName, image!.tag, windows) : null;
  // Windows paths (`C:\\app`, `/app` on the system drive) resolve by Windows' rules.
  const resolveAt = imagePathResolver(windows);
  let workdir: string | null = parent
    ? parent.workdir
    : windows
      ? resolveAt(WINDOWS_ROOT, defaults.workdir ?? WINDOWS_ROOT)
      : (defaults.workdir ?? '/');
  const workdirs: (string | null)[] = [];
  const contextDirs: StageFacts['contextDirs'] = [];
  const copies: ContextCopy[] = [];
  const installs: PackageInstall[] = [];
  const builds: BuildStep[] = [];
  const moves: FileMove[] = [];
  const prepared: PreparedState = { users: [], groups: [], paths: [], links: [] };
  let usesOtherStage = false;
  const contextPathOf = (imagePath: string): { rel: string; dir: boolean } | null => {
    for (const m of [...contextDirs].reverse()) {
      if (m.dir && (imagePath === m.imagePath || imagePath.startsWith(m.imagePath === '/' ? '/' : m.imagePath + '/'))) {
        const rel = path.join(m.contextPath, path.relative(m.imagePath, imagePath));
        if (rel.startsWith('..')) continue;
        return { rel, dir: true };
      }
      if (!m.dir && imagePath === m.imagePath) return { rel: m.contextPath, dir: false };
    }
    return null;
  };
  const readImageFile = (imagePath: string): string | undefined => {
    if (!read) return undefined;
    for (const m of [...contextDirs].reverse()) {
      if (m.dir && (imagePath === m.imagePath || imagePath.startsWith(m.imagePath === '/' ? '/' : m.imagePath + '/'))) {
        const rel = path.join(m.contextPath, path.relative(m.imagePath, imagePath));
        if (rel.startsWith('..')) continue;
        const text = read(rel);
        if (text !== undefined) return text;
        continue;
      }
      if (!m.dir && imagePath === m.imagePath) {
        const text = read(m.contextPath);
        if (text !== undefined) return text;
      }
    }
    return undefined;
  };
  const listImageDir = (imagePath: string): readonly string[] | undefined => {
    if (!list) return undefined;
    const found = contextPathOf(imagePath);
    return found?.dir ? list(found.rel) : undefined;
  };
  for (const ref of model.references) {
    if (ref.fromStage === stage.index && ref.target.kind === 'stage') usesOtherStage = true;
  }
  for (const instruction of stage.instructions) {
    workdirs.push(workdir);
    switch (instruction.keyword) {
      case 'ARG':
      case 'ENV':
        for (const [k, v] of keyValues(instruction)) {
          if (instruction.keyword === 'ENV') envNames.add(k);
          if (v === null) continue;
          const value = expand(v, env);
          if (value !== null) env.set(k, value);
          else env.delete(k);
        }
        break;
      case 'WORKDIR': {
        const value = expand(instruction.argsText.trim(), env);
        workdir = value === null || workdir === null ? null : resolveAt(workdir, unquote(value));
        break;
      }
      case 'COPY':
      case 'ADD': {
        if (copiesFromElsewhere(instruction)) break;
        const args = copyArguments(instruction);
        if (!args || workdir === null || instruction.heredocs.length > 0) break;
        const destRaw = expand(args.destination, env);
        if (destRaw === null) break;
        const dest = resolveAt(workdir, destRaw);
        const intoDirectory = destRaw.endsWith('/') || args.sources.length > 1 || destRaw === '.' || destRaw === './';
        for (const src of args.sources) {
          const expanded = expand(src, env) ?? src;
          const s = expanded.replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
          if (/^(https?|git):/.test(s)) continue;
          copies.push({ instruction, source: s, dest, intoDirectory });
          if (s === '.') contextDirs.push({ imagePath: dest, contextPath: '.', dir: true });
          else if (!/[*?[]/.test(s)) {
            // A file lands inside a directory destination; a directory's contents land in the destination.
            if (!expanded.endsWith('/'))
              contextDirs.push({
                imagePath: intoDirectory ? path.join(dest, path.basename(s)) : dest,
                contextPath: s,
                dir: false,
              });
            contextDirs.push({ imagePath: dest, contextPath: s, dir: true });
          }
        }
        break;
      }
      case 'RUN': {
        // A Windows stage's RUN runs in PowerShell or cmd, where a backslash is part of a path.
        const reading = windows ? readRun(instruction, '`') : readRunOf(instruction);
        const commands = reading.commands;
        // Package lists given by a variable of the stage (`apt-get install $BUILD_DEPS`).
        const own = reading.installs.map((install) => expandInstall(install, env));
        // A later RUN that removes packages takes them out of what earlier RUNs installed; a virtual
        // name (`apk del .build-deps`) stands for the packages installed under it.
        const removed = removalsOf(commands);
        if (removed.size > 0) {
          for (let k = 0; k < installs.length; k++) {
            const before = installs[k]!;
            const gone = (p: string) => removed.has(p) || (before.virtual !== undefined && removed.has(before.virtual));
            if (before.packages.some(gone))
              installs[k] = { ...before, packages: before.packages.filter((p) => !gone(p)) };
          }
        }
        installs.push(...own);
        const installsSoFar = installs.length;
        let cwd = workdir;
        let loop: { name: string; values: string[] } | null = null;
        for (let at = 0; at < commands.length; at++) {
          const command = commands[at]!;
          const name = path.basename(command.words[0] ?? '');
          if (name === 'cd' && cwd !== null) {
            const target = command.words[1];
            const value = target ? expand(target, env) : '/root';
            cwd = value === null ? null : resolveAt(cwd, value);
            continue;
          }
          // `for name in a b c; do ln -s conv /usr/local/bin/$name; done`: each value in turn.
          if (name === 'for' && command.words[2] === 'in') {
            loop = { name: command.words[1]!, values: command.words.slice(3) };
            continue;
          }
          if (name === 'done') {
            loop = null;
            continue;
          }
          if (loop && command.words.some((w) => w.includes(`$${loop!.name}`) || w.includes(`\${${loop!.name}}`))) {
            const current = loop;
            let any = false;
            for (const value of current.values) {
              const words = command.words.map((w) =>
                w.split(`\${${current.name}}`).join(value).split(`$${current.name}`).join(value),
              );
              if (recordSetup({ ...command, words }, cwd, env, instruction, prepared)) any = true;
            }
            if (any) continue;
          }
          if (recordSetup(command, cwd, env, instruction, prepared)) continue;
          const moved = fileMove(command, cwd, env, builds.length);
          if (moved) {
            moves.push(moved);
            continue;
          }
          const row = reading.buildRows[at] ?? null;
          if (!row || cwd === null) continue;
          const local = new Map(env);
          for (const [k, v] of Object.entries(command.assignments)) {
            const value = expand(v, env);
            if (value !== null) local.set(k, value);
          }
          const words = command.words.map((w) => expand(w, local) ?? w);
          let output: BuildOutput;
          try {
            output = row.output({ words, env: local, cwd, readFile: readImageFile });
            if (windows) output = windowsOutput(output);
          } catch {
            output = { artifacts: [], unknown: `${row.id}: could not read its output` };
          }
          builds.push({
            row,
            instruction,
            command: { assignments: command.assignments, words, text: command.text },
            cwd,
            output,
            toolsRemoved: false,
            installsBefore: installsSoFar,
          });
        }
        break;
      }
    }
  }
  const buildPackages = [...new Set(installs.flatMap((i) => i.packages.filter(isBuildPackage)))];
  const removedBuildPackages = [
    ...new Set(installs.flatMap((i) => i.installed.filter((p) => isBuildPackage(p) && !i.packages.includes(p)))),
  ];
  // A build ran with tools that the stage installed and removed again when none of the build
  // packages installed up to its RUN is left: the compilers went with them. So did a language the
  // stage installed from the distribution for its build and purged again (`apt-get purge nodejs`
  // after `yarn build`), with no build package left.
  for (const build of builds) {
    const before = installs.slice(0, build.installsBefore);
    const runtime = LANGUAGE_PACKAGES[build.row.language];
    const languageRemoved =
      runtime !== undefined &&
      before.some((i) => i.installed.some((p) => runtime.test(p))) &&
      !before.some((i) => i.packages.some((p) => runtime.test(p)));
    build.toolsRemoved =
      (before.some((i) => i.installed.some(isBuildPackage)) || languageRemoved) &&
      !before.some((i) => i.packages.some(isBuildPackage));
  }
  return {
    stage,
    image,
    shortName,
    toolchain,
    toolchainSizeMB: toolchain && image ? toolchainSize(toolchain, image.tag) : 0,
    installs,
    buildPackages,
    removedBuildPackages,
    builds,
    moves,
    workdir,
    env,
    envNames,
    contextDirs,
    usesOtherStage,
    command: commandLineOf(stage.instructions),
    workdirs,
    copies,
    prepared,
    windows,
    resolvePath: resolveAt,
    readImageFile,
    listImageDir,
    listContext: (contextPath) => list?.(contextPath),
  };
}

const ACCOUNT_COMMANDS = new Set(['useradd', 'adduser', 'groupadd', 'addgroup', 'usermod']);

/** Records what a set-up command prepares; true when the command is one. */
function recordSetup(
  command: SimpleCommand,
  cwd: string | null,
  env: ReadonlyMap<string, string>,
  instruction: Instruction,
  prepared: PreparedState,
): boolean {
  const words = command.words;
  const name = path.basename(words[0] ?? '');
  const positional = (from: number, valued: readonly string[] = []) => positionals(words.slice(from), valued);
  const abs = (p: string) => (cwd === null ? null : resolveIn(cwd, expand(p, env) ?? p));
  if (ACCOUNT_COMMANDS.has(name)) {
    const valued = [
      '-g',
      '-G',
      '-u',
      '-d',
      '-s',
      '-c',
      '-h',
      '-k',
      '-K',
      '-p',
      '-e',
      '-f',
      '--gid',
      '--uid',
      '--home',
      '--shell',
      '--gecos',
      '--ingroup',
      '--home-dir',
      '--groups',
      '--comment',
      '--password',
    ];
    const names = positional(1, valued);
    const isGroup = name === 'groupadd' || name === 'addgroup';
    // `adduser user group` adds an existing user to a group; `addgroup -S g` creates g.
    const created = name === 'adduser' && names.length >= 2 ? [] : names.slice(0, 1);
    if (name !== 'usermod') for (const n of created) (isGroup ? prepared.groups : prepared.users).push(n);
    return true;
  }
  if (name === 'mkdir' || name === 'touch') {
    for (const p of positional(1, ['-m', '--mode'])) {
      const a = abs(p);
      if (a) prepared.paths.push({ path: a, how: name === 'mkdir' ? 'mkdir' : 'touch', instruction });
    }
    return true;
  }
  if (name === 'chown' || name === 'chmod') {
    const [spec, ...targets] = positional(1, ['--reference', '--from']);
    const value = spec === undefined ? undefined : (expand(spec, env) ?? spec);
    for (const p of targets) {
      const a = abs(p);
      if (a)
        prepared.paths.push({
          path: a,
          how: name,
          instruction,
          ...(name === 'chown' ? { owner: value } : { mode: value }),
        });
    }
    return true;
  }
  if (name === 'ln' && words.some((w) => /^-[a-zA-Z]*s/.test(w) || w === '--symbolic')) {
    const args = positional(1, ['-t', '--target-directory', '-S', '--suffix']);
    if (args.length === 2) {
      const link = abs(args[1]!);
      if (link) prepared.links.push({ target: expand(args[0]!, env) ?? args[0]!, link, instruction });
    }
    return true;
  }
  return false;
}

/** Packages a RUN's commands remove (apt-get purge/remove, apk del, yum remove), by name. */
function removalsOf(commands: readonly SimpleCommand[]): Set<string> {
  const removed = new Set<string>();
  const local = new Map<string, string>();
  for (const c of commands) {
    if (c.words.length === 0) {
      for (const [k, v] of Object.entries(c.assignments)) local.set(k, v);
      continue;
    }
    const words = expandWords(c.words, local);
    const p = path.basename(words[0] ?? '');
    const verb = words.slice(1).find((w) => !w.startsWith('-'));
    const manager = APT.test(p) ? 'apt' : APK.test(p) ? 'apk' : YUM.test(p) ? 'yum' : null;
    if (
      manager &&
      ((manager === 'apt' && (verb === 'purge' || verb === 'remove')) ||
        (manager === 'apk' && verb === 'del') ||
        (manager === 'yum' && (verb === 'remove' || verb === 'erase')))
    ) {
      for (const name of packageWords(words.slice(words.indexOf(verb!) + 1), manager).packages) removed.add(name);
    }
  }
  return removed;
}

/** Directories that are directories in every image, so `cp x /usr/local/bin` puts x inside. */
const KNOWN_DIRS = new Set([
  '/usr/local/bin',
  '/usr/bin',
  '/bin',
  '/usr/local/sbin',
  '/usr/sbin',
  '/sbin',
  '/usr/local/lib',
  '/opt',
  '/app',
  '/srv',
  '/tmp',
]);

function fileMove(
  command: SimpleCommand,
  cwd: string | null,
  env: ReadonlyMap<string, string>,
  afterBuilds: number,
): FileMove | null {
  const p = path.basename(command.words[0] ?? '');
  if (cwd === null || (p !== 'mv' && p !== 'cp' && p !== 'install')) return null;
  let target: string | null = null;
  const rest: string[] = [];
  const words = command.words.slice(1);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-t' || w === '--target-directory') {
      target = words[++i] ?? null;
      continue;
    }
    if (w.startsWith('--target-directory=')) {
      target = w.slice('--target-directory='.length);
      continue;
    }
    if (
      p === 'install' &&
      (w === '-m' || w === '--mode' || w === '-o' || w === '-g' || w === '--owner' || w === '--group')
    ) {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    rest.push(w);
  }
  const expanded = rest.map((w) => expand(w, env));
  if (expanded.some((w) => w === null)) return null;
  const all = expanded as string[];
  let dest: string;
  let sources: string[];
  if (target !== null) {
    const t = expand(target, env);
    if (t === null) return null;
    dest = t;
    sources = all;
  } else {
    if (all.length < 2) return null;
    dest = all[all.length - 1]!;
    sources = all.slice(0, -1);
  }
  const resolvedDest = resolveIn(cwd, dest);
  const destIsDir = target !== null || dest.endsWith('/') || sources.length > 1 || KNOWN_DIRS.has(resolvedDest);
  return {
    op: p === 'mv' ? 'mv' : 'cp',
    sources: sources.map((s) => resolveIn(cwd, s)),
    dest: resolvedDest,
    destIsDir,
    afterBuilds,
  };
}
