import * as path from 'node:path/posix';
import { PACKAGE_CACHES, type PackageCacheFact } from '../knowledge/package-caches';
import type { Instruction } from '../model';
import { programName, splitCommands, type SimpleCommand } from '../syntax/shell';
import { buildFile, developmentEnvironment } from '../facts/toolchain-product';
import { finalImageStages } from '../model/queries';
import { parseKeyValues, unquote } from '../syntax/words';
import { imageFileReader } from './helpers/image-files';
import { fileRule, type Rule } from './types';

/** Targets of `--mount=type=cache` on a RUN. */
function cacheMountTargets(instruction: Instruction): string[] {
  const targets: string[] = [];
  for (const flag of instruction.flags) {
    if (flag.name.toLowerCase() !== 'mount') continue;
    const type = flag.options.find((o) => o.name.toLowerCase() === 'type')?.value;
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = flag.options.find((o) => ['target', 'dst', 'destination'].includes(o.name.toLowerCase()))?.value;
    if (target) targets.push(target);
  }
  return targets;
}

/**
 * The caches a RUN leaves, before ENV that disables or moves them is taken into account (a cache
 * mount on the default folder keeps it out only while no variable moved it elsewhere).
 */
function cachesLeftBy(command: string, commands: readonly string[][]): readonly PackageCacheFact[] {
  return PACKAGE_CACHES.filter(
    (fact) => commands.some((words) => fact.install(words)) && !fact.cleaned.some((c) => c.test(command)),
  );
}

/**
 * The variables a RUN's commands set: assignments before a command (`PIP_CACHE_DIR=/cache/pip pip
 * install .`, which the command sees) and `export NAME=value` (which the commands after it see).
 */
function commandAssignments(split: readonly SimpleCommand[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const command of split) {
    for (const [name, value] of Object.entries(command.assignments)) out.push({ name, value });
    if (command.words[0] === 'export') {
      for (const word of command.words.slice(1)) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
        if (m) out.push({ name: m[1]!, value: m[2]! });
      }
    }
  }
  return out;
}

/** What one instruction says about package caches: the caches a RUN leaves and the paths it removes or mounts; the variables an ENV or ARG sets. */
interface CacheReading {
  leaves: readonly PackageCacheFact[];
  /** The folders the installs' own options move each manager's cache to (`npm install --cache DIR`), as written. */
  optionDirs: ReadonlyMap<string, string>;
  /** Paths given to `rm` and cache-mount targets: a cache moved there is not left. */
  cleared: readonly string[];
  /** The RUN's cache-mount targets, as written. */
  mounts: readonly string[];
  sets: readonly { name: string; value: string }[];
  /**
   * Variables the RUN's own commands set for themselves (`PIP_CACHE_DIR=/cache/pip pip install`,
   * `export npm_config_cache=/tmp/npm`): in force for this RUN only.
   */
  localSets: readonly { name: string; value: string }[];
  /** The RUN downloads the apt package lists (`apt-get update`), writing them into its layer. */
  updatesLists: boolean;
  /** The RUN may write the apt lists: it updates them, or runs a downloaded script that may. */
  mayWriteLists: boolean;
  /** The RUN removes the apt package lists (`rm -rf /var/lib/apt/lists/*`, `apt-get distclean`). */
  removesLists: boolean;
  /** The RUN installs with apt (`apt-get install`) before updating the lists: it reads the lists present. */
  installsApt: boolean;
  /** The RPM installer the RUN uses, when it is not dnf or yum (`microdnf`, `tdnf`): its own clean is the advice. */
  rpmInstaller?: string;
  /** The scripts the RUN runs (`clean-layer.sh`, `bash /build-scripts/apt-cleanup.sh`), as written. */
  scripts: readonly string[];
}

const NONE: readonly never[] = [];
const NO_DIRS: ReadonlyMap<string, string> = new Map();
const NOTHING: CacheReading = {
  leaves: NONE,
  optionDirs: NO_DIRS,
  cleared: NONE,
  mounts: NONE,
  sets: NONE,
  localSets: NONE,
  updatesLists: false,
  mayWriteLists: false,
  removesLists: false,
  installsApt: false,
  scripts: NONE,
};

/** The folder an install command's own option moves the cache to (`--cache DIR`, `--cache=DIR`), or undefined. */
function optionValue(words: readonly string[], option: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === option) return words[i + 1];
    if (w.startsWith(`${option}=`)) return w.slice(option.length + 1);
  }
  return undefined;
}

/** The folders the RUN's installs move each manager's cache to with an option of their own. */
function cacheOptionDirs(
  commands: readonly string[][],
  leaves: readonly PackageCacheFact[],
): ReadonlyMap<string, string> {
  const dirs = new Map<string, string>();
  for (const words of commands) {
    for (const fact of leaves) {
      if (!fact.cacheOption || !fact.install(words)) continue;
      const dir = optionValue(words, fact.cacheOption);
      if (dir) dirs.set(fact.manager, unquote(dir));
    }
  }
  return dirs.size === 0 ? NO_DIRS : dirs;
}

/** The apt lists' fact. */
const APT: PackageCacheFact = PACKAGE_CACHES.find((f) => f.manager === 'apt-get')!;

/** What removes the apt lists in a RUN: the apt fact's own cleanups. */
const APT_LISTS_REMOVED: readonly RegExp[] = APT.cleaned;

/**
 * A script downloaded and piped into a shell (`curl … /script.deb.sh | bash`): repository setup
 * scripts run `apt-get update` themselves.
 */
const SCRIPT_INTO_SHELL = /\b(curl|wget)\b[^|;&]*\|\s*(sudo\s+(-\S+\s+)*)?(-?E\s+)?(ba|da|z)?sh\b/;

/** Whether a RUN runs `apt-get update` (or `apt update`). */
function updatesAptLists(commands: readonly string[][]): boolean {
  return commands.some((words) => (words[0] === 'apt-get' || words[0] === 'apt') && words.includes('update'));
}

/**
 * Whether the RUN installs with apt (`apt-get install`, `apt install`) from the lists already there:
 * before any `apt-get update` of its own (`apt-get install -y gnupg && … && apt-get update`).
 */
function installsWithApt(commands: readonly string[][]): boolean {
  for (const words of commands) {
    if (words[0] !== 'apt-get' && words[0] !== 'apt') continue;
    if (words.includes('update')) return false;
    if (words.includes('install')) return true;
  }
  return false;
}

/** The paths a RUN removes with `rm`, and its cache mounts' targets. */
function clearedPaths(instruction: Instruction, commands: readonly string[][]): string[] {
  const out = cacheMountTargets(instruction);
  for (const words of commands) {
    if (words[0] !== 'rm') continue;
    for (const w of words.slice(1)) if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

/** Whether removing `removed` (a path, or `dir/*`) takes the folder `dir` away. */
function covers(removed: string, dir: string): boolean {
  const clean = (p: string) => p.replace(/\/+$/, '');
  const target = clean(dir);
  if (removed.endsWith('/*')) return target.startsWith(`${clean(removed.slice(0, -2))}/`);
  const r = clean(removed);
  return r !== '' && (target === r || target.startsWith(`${r}/`));
}

/** A path with `$NAME` and `${NAME}` replaced by the variables in force (unknown ones left as written). */
function expandWith(p: string, vars: ReadonlyMap<string, string>): string {
  if (!p.includes('$')) return p;
  return p.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced, bare) => {
    const value = vars.get(braced ?? bare);
    return value === undefined ? all : value;
  });
}

/** Shells that run the script named after their options (`bash /build-scripts/apt-cleanup.sh`). */
const SCRIPT_RUNNERS = /^(sh|bash|ash|dash|zsh|\.|source)$/;

/**
 * The scripts a RUN runs: a command that is a shell script (`clean-layer.sh`,
 * `/usr/local/bin/cleanup.sh`), or a script given to a shell (`bash /build-scripts/apt-cleanup.sh`).
 */
function scriptsRun(commands: readonly string[][]): string[] {
  const out: string[] = [];
  for (const words of commands) {
    let program = words[0] ?? '';
    if (SCRIPT_RUNNERS.test(path.basename(program))) program = words.slice(1).find((w) => !w.startsWith('-')) ?? '';
    if (/\.(sh|bash)$/.test(program)) out.push(unquote(program));
  }
  return out;
}

/** The folders a script named without a folder is looked for in, as a root shell's PATH has them. */
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Package managers a cleanup script may be named for (`apt-cleanup.sh`, `clean-pip.sh`). */
const MANAGER_WORDS: Readonly<Record<string, RegExp>> = {
  'apt-get': /apt/i,
  apk: /apk/i,
  pip: /pip/i,
  npm: /npm/i,
  yarn: /yarn/i,
  'dnf/yum': /dnf|yum|rpm/i,
};

/**
 * How a script the RUN runs is known to remove the cache, or null: by its body (`'body'`), read from
 * the build context where it can be (a script the Dockerfile copied in), doing what the cache's own
 * cleanups do; or by its name (`'name'`), when the body cannot be read and the name says it cleans
 * up (`clean-layer.sh`, `apt-cleanup.sh`), for every manager or for the one it names.
 */
function scriptCleans(
  scripts: readonly string[],
  fact: PackageCacheFact,
  readImageFile: ((imagePath: string) => string | undefined) | undefined,
): 'body' | 'name' | null {
  let byName = false;
  for (const script of scripts) {
    // A script named with a relative folder depends on the RUN's working directory: only its name is read.
    const candidates = script.startsWith('/')
      ? [script]
      : script.includes('/')
        ? []
        : PATH_DIRS.map((dir) => `${dir}/${script}`);
    const body = readImageFile ? candidates.map((c) => readImageFile(c)).find((b) => b !== undefined) : undefined;
    if (body !== undefined) {
      if (fact.cleaned.some((re) => re.test(body))) return 'body';
      continue;
    }
    const name = path.basename(script);
    if (!/clean/i.test(name)) continue;
    const named = Object.entries(MANAGER_WORDS).filter(([, re]) => re.test(name));
    if (named.length === 0 || named.some(([manager]) => manager === fact.manager)) byName = true;
  }
  return byName ? 'name' : null;
}

export const packageCacheInFinalImage: Rule = fileRule({
  meta: {
    id: 'package-cache-in-final-image',
    severity: 'warning',
    title: 'A package manager cache is left in the final image',
    peers: { hadolint: ['DL3009', 'DL3019', 'DL3042', 'DL3060', 'DL3040'] },
    docs: {
      what: "Flags a RUN in the final stage (or a stage it is built on) that installs packages and leaves the package manager's cache behind: apt-get install without removing /var/lib/apt/lists, apk add without --no-cache, pip install without --no-cache-dir, npm or yarn installs without cleaning their cache, dnf/yum without clean all (microdnf and tdnf, which images that lack dnf and yum install with, are told to run their own `clean all`; or a helper of the image named for that cleanup, such as `yum_clean_all` or `miq_clean_dnf_rpm`, whose body the Dockerfile cannot show). Builder stages and RUNs with a cache mount are not flagged, nor a file named for building (`Dockerfile.build`, `builder.Dockerfile`: the builder pattern's image, run to compile and never shipped), nor pip installs after an ENV or ARG `PIP_NO_CACHE_DIR` (pip reads any boolean there, `off` and `0` included, as --no-cache-dir), nor `pip install --no-index` (it installs local files and downloads nothing), nor `pip install --no-cache` (pip reads an unambiguous start of a long option as the option), nor apt installs whose RUN ends with `apt-get distclean` (apt 2.7 and later: it removes the lists too), nor pip installs whose RUN removes the folder that holds the cache (`rm -rf /root/.cache`), nor installs whose RUN runs a script that cleans up after them (`&& clean-layer.sh`, `bash /build-scripts/apt-cleanup.sh`): the script's body is read where the editor or the command line can read the build context (a script the Dockerfile copied in) and decides, and a script that cannot be read is taken at its name when that says it cleans (for every cache, or only the manager it names: `apt-cleanup.sh`), nor pip, npm or yarn installs whose cache `PIP_CACHE_DIR`, `npm_config_cache`, `YARN_CACHE_FOLDER` (set by ENV or ARG, before the command in the RUN itself as in `PIP_CACHE_DIR=/cache/pip pip install .`, or by an `export` earlier in the RUN) or the install's own option (`pip install --cache-dir`, `npm install --cache`, `yarn install --cache-folder`) moved to a folder the same RUN removes (`rm -rf /tmp/*`) or mounts as a cache (`--mount=type=cache,target=${PIP_CACHE_DIR}`: variables in the target are read as BuildKit expands them). A cache moved elsewhere and left there is still reported, with its folder. The apt lists are reported once, at the first install that leaves them (when an earlier RUN downloaded them with a lone `apt-get update`, the message names that RUN: removing the lists in the install's RUN would not shrink the image); a later install that does not run `apt-get update` again writes none, and is reported only if it does; when such a later install reads the lists an install left (with no `apt-get update` of its own before it), the message at that install says to move the later packages into it before removing the lists, since removing them there alone would break the later RUN; when the lists came from an earlier lone update and a later RUN reads them too, the message names both RUNs; every later RUN that reads the same lists is named. An install while there are no lists (`apt-get install -y /tmp/app.deb` in an image whose stages never run `apt-get update` or a downloaded setup script piped into a shell, which may run it, on a base that ships without lists as the official images do, or after an earlier RUN removed them) writes none and is not reported. In a development image the cache is reported as information, not a warning: a file in a `.devcontainer` folder; one that every build the workspace shows makes a development environment (a dev container configuration, or a Compose service that mounts the sources over what the image copied, `.:/app`, and the other services of that Compose file built from the same Dockerfile, or a build image that a Makefile, script or workflow tags and then runs on the working tree, `docker run -v $(pwd):/src`, in a file that pushes no image and logs in to no registry); or one that the workspace builds while publishing no image at all (no build file of the workspace pushes an image, logs in to a registry or names an image for one, and no CI or deployment configuration that the reading does not follow builds images; Fly.io, Heroku, Render, Railway and Docker Hub's build hooks count as shipping). Such an image is built where it runs and never pulled. Only builds of the file's default target count (a Compose service that builds its `dev` stage says nothing of the image it ships), and one build that may ship the image keeps the warning, also for a file in `.devcontainer`: a workflow, script or Makefile build that is not run on the working tree, any build in a file that pushes or logs in to a registry, a Compose service without the mount in another file, a Compose service that names its image for a registry (`org/app`, `ghcr.io/org/app`: `docker compose push` publishes it; `local/app` does not count), or a CI configuration that the workspace reading does not follow (GitLab CI, CircleCI, Jenkins, Azure Pipelines, Bitbucket, Travis, Drone, Woodpecker, Cloud Build, CodeBuild) when it builds images.",
      why: 'The cache is written into the layer of that RUN, so removing it in a later RUN does not shrink the image; it only makes every pull slower. In a builder stage it does not matter: only the artifacts are copied out.',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\nCOPY app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
    },
  },
  // What each RUN, ENV and ARG says; the runner remembers it per instruction.
  readInstruction(instruction, escapeChar): CacheReading {
    if (instruction.keyword === 'RUN') {
      // The RUN's simple commands, read once for everything below.
      const split = splitCommands(instruction.argsText, escapeChar);
      const commands = split.filter((c) => c.words.length > 0).map((c) => [programName(c), ...c.words.slice(1)]);
      const leaves = cachesLeftBy(instruction.argsText, commands);
      const updatesLists = updatesAptLists(commands);
      const mayWriteLists = updatesLists || SCRIPT_INTO_SHELL.test(instruction.argsText);
      const removesLists = APT_LISTS_REMOVED.some((re) => re.test(instruction.argsText));
      const installsApt = installsWithApt(commands);
      const found = scriptsRun(commands);
      const scripts = found.length === 0 ? NONE : found;
      if (leaves.length === 0)
        return mayWriteLists || removesLists || installsApt || scripts.length > 0
          ? { ...NOTHING, updatesLists, mayWriteLists, removesLists, installsApt, scripts }
          : NOTHING;
      // microdnf (UBI minimal) and tdnf (Azure Linux, Photon) clean their own caches; an image that
      // has them often lacks dnf and yum. Where the RUN installs dnf or yum too, those clean all.
      const rpmInstalls = commands.filter((w) => w.includes('install')).map((w) => w[0]);
      const rpmInstaller = rpmInstalls.some((w) => w === 'dnf' || w === 'yum')
        ? undefined
        : rpmInstalls.find((w) => w === 'microdnf' || w === 'tdnf');
      return {
        ...(rpmInstaller ? { rpmInstaller } : {}),
        leaves,
        optionDirs: cacheOptionDirs(commands, leaves),
        cleared: clearedPaths(instruction, commands),
        mounts: cacheMountTargets(instruction),
        sets: NONE,
        localSets: commandAssignments(split),
        updatesLists,
        mayWriteLists,
        removesLists,
        installsApt,
        scripts,
      };
    }
    if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
      const sets = parseKeyValues(instruction.argsText, escapeChar).pairs.flatMap((p) =>
        p.value === null ? [] : [{ name: p.key, value: unquote(p.value) }],
      );
      return sets.length === 0 ? NOTHING : { ...NOTHING, sets };
    }
    return NOTHING;
  },
  check({ model, settings, report, read, remember }) {
    // A build image of the builder pattern (`Dockerfile.build`) is run to compile, never shipped:
    // like a builder stage, its caches cost nothing.
    if (buildFile(settings.documentPath)) return;
    // A development environment (a dev container, a Compose service on the mounted sources) is built
    // where it runs and never pulled: the cache is still there, but costs local disk, not pulls.
    const development = developmentEnvironment(settings);
    // An image the workspace builds while publishing none: built where it is used, not pulled either.
    const local = development ? null : (settings.localBuild ?? null);
    const chain = finalImageStages(model);
    // Scripts the RUNs run (a cleanup script copied in from the build context) are read where the context can be.
    const readImageFile = imageFileReader(model, chain, settings, remember);
    const cleanedByScript = (r: CacheReading, fact: PackageCacheFact): 'body' | 'name' | null =>
      r.scripts.length === 0 ? null : scriptCleans(r.scripts, fact, readImageFile);
    // The variables in force, as ENV and ARG in the final image's stages set them.
    const vars = new Map<string, string>();
    // The apt lists live in the layer of the RUN that downloaded them (only `apt-get update` does).
    // Once reported, a later install that does not download them again adds none: removing them
    // there would not shrink the image. An install while there are none (never downloaded in this
    // image's stages, as on a base that ships without them, or removed since) leaves none either.
    let aptListsPresent = false;
    let aptListsReported = false;
    // The RUN whose `apt-get update` wrote the lists present now, when an earlier one did.
    let aptListsWriter: Instruction | null = null;
    // Whether that RUN downloaded them through a setup script piped into a shell (NodeSource's
    // setup_20.x runs apt-get update), not an update of its own.
    let writtenByScript = false;
    const steps = chain.flatMap((stage) =>
      stage.instructions.filter((i) => i.keyword === 'RUN' || i.keyword === 'ENV' || i.keyword === 'ARG'),
    );
    // The later RUNs that install with apt from the lists this one leaves, each before an update of
    // its own: removing the lists here would break them. They read the same lists until a RUN
    // downloads or removes them again.
    const readsListsAfter = (at: number): Instruction[] => {
      const readers: Instruction[] = [];
      for (const next of steps.slice(at + 1)) {
        const r = read(next) as CacheReading;
        // A RUN that pipes a downloaded setup script into a shell first (NodeSource's setup_22.x) may
        // update the lists itself: it is not counted on to read these.
        if (r.installsApt && !(r.mayWriteLists && !r.updatesLists)) readers.push(next);
        if (r.updatesLists || r.mayWriteLists || r.removesLists || cleanedByScript(r, APT) === 'body') break;
      }
      return readers;
    };
    /** `the RUN on line 7 downloaded them`, and how when a setup script did. */
    const downloaded = (writer: Instruction): string =>
      `the RUN on line ${writer.range.start.line + 1} downloaded them${writtenByScript ? ' (the setup script it pipes into a shell runs apt-get update)' : ''}`;
    /** `the RUN on line 7 installs`, `the RUNs on lines 7 and 9 install`. */
    const runsOnLines = (runs: readonly Instruction[], verb: string): string => {
      const lines = runs.map((r) => String(r.range.start.line + 1));
      if (lines.length === 1) return `the RUN on line ${lines[0]} ${verb}s`;
      return `the RUNs on lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]} ${verb}`;
    };
    for (const [at, instruction] of steps.entries()) {
      const reading = read(instruction);
      const { leaves, optionDirs, cleared, mounts, sets, updatesLists, mayWriteLists, rpmInstaller } = reading;
      // The RUN removes the lists itself, or runs a script that does (`clean-layer.sh`). A script
      // known only by its name is not taken to remove them when a later RUN installs from them with
      // no update of its own: that build works only because the lists are still there (Kaggle's
      // clean-layer.sh runs apt-get clean, which keeps them).
      const listsScript = cleanedByScript(reading, APT);
      const removesLists =
        reading.removesLists || listsScript === 'body' || (listsScript === 'name' && readsListsAfter(at).length === 0);
      for (const { name, value } of sets) vars.set(name, value);
      if (mayWriteLists) {
        aptListsPresent = !removesLists;
        aptListsWriter = removesLists ? null : instruction;
        writtenByScript = !updatesLists;
      } else if (removesLists) aptListsPresent = false;
      // The RUN's own assignments hold for its commands, on top of the stage's ENV and ARG.
      const runVars =
        reading.localSets.length === 0
          ? vars
          : new Map([...vars, ...reading.localSets.map((v) => [v.name, v.value] as const)]);
      for (const fact of leaves) {
        const disabling = fact.disablingEnv;
        if (disabling && [...runVars].some(([name, value]) => disabling.name.test(name) && disabling.disables(value)))
          continue;
        // A script the RUN runs after the install cleans the cache in the same layer.
        if (fact.manager === 'apt-get' ? removesLists && !reading.removesLists : cleanedByScript(reading, fact))
          continue;
        // The cache moved to another folder, by the install's own option or by a variable: left
        // unless this RUN removes or mounts that folder.
        const location = fact.cacheLocationEnv;
        const option = optionDirs.get(fact.manager);
        const moved: readonly [string, string] | undefined =
          option !== undefined
            ? [fact.cacheOption!, expandWith(option, vars)]
            : location
              ? [...runVars].find(([name, value]) => location.test(name) && value !== '')
              : undefined;
        // Mount targets and rm paths name variables as often as not (`target=${PIP_CACHE_DIR}`):
        // BuildKit expands a mount's options with the stage's ARG and ENV, the shell expands rm's.
        if (
          moved
            ? cleared.some((p) => covers(expandWith(p, vars), expandWith(moved[1], vars)))
            : mounts.some((t) => fact.cacheDirs.test(t))
        )
          continue;
        if (fact.manager === 'apt-get') {
          if (!aptListsPresent || (aptListsReported && !updatesLists)) continue;
          aptListsReported = true;
        }
        const where = moved ? ` (${moved[1]}, where ${moved[0]} puts it)` : '';
        // Lists an earlier RUN downloaded stay in that RUN's layer: removing them here shrinks nothing.
        // (A RUN whose own setup script downloaded them is not its own writer: removing them there works.)
        const writer =
          fact.manager === 'apt-get' && !updatesLists && aptListsWriter !== instruction ? aptListsWriter : null;
        const update = writer && writtenByScript ? 'run the setup script' : 'update';
        const readers = fact.manager === 'apt-get' ? readsListsAfter(at) : [];
        // microdnf or tdnf in place of dnf/yum: named, and told to run its own clean.
        const rpm = fact.manager === 'dnf/yum' ? rpmInstaller : undefined;
        const one = readers.length === 1;
        const remedy = writer
          ? readers.length > 0
            ? `${downloaded(writer)} and ${runsOnLines(readers, 'install')} from them too, so removing them here would neither shrink the image nor keep ${one ? 'that RUN' : 'those RUNs'} working: ${update}, install the packages of ${one ? 'both' : 'all'} and remove the lists in one RUN`
            : `${downloaded(writer)}, so removing them here would not shrink the image: ${update}, install and remove the lists in one RUN`
          : readers.length > 0
            ? `${runsOnLines(readers, 'install')} from them too, so removing them here would break ${one ? 'it' : 'them'}: install ${one ? 'its' : 'their'} packages in this RUN and remove the lists at its end`
            : rpm
              ? `add '&& ${rpm} clean all' to the same RUN`
              : fact.remedy;
        const message = `${rpm ?? fact.manager} leaves ${rpm ? 'its metadata cache (/var/cache)' : `${fact.leftBehind}${where}`} in the final image: ${remedy}, or use a cache mount.`;
        report({
          range: instruction.keywordRange,
          ...(development
            ? {
                severity: 'information',
                message: `${message} This is a development image (${development}), built where it runs: the cache costs local disk, not pulls.`,
              }
            : local
              ? {
                  severity: 'information',
                  message: `${message} The workspace builds this image where it is used and publishes none (${local}): the cache costs local disk, not pulls.`,
                }
              : { message }),
          data: { manager: fact.manager },
        });
      }
    }
  },
});
