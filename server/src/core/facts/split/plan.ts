import * as path from 'node:path/posix';
import type { DockerfileModel, Instruction } from '../../model';
import { distroOf } from '../../knowledge/distros';
import { entryWrapperOf } from '../../knowledge/entry-wrappers';
import {
  distroSlim,
  RUNTIME_BASES,
  RUNTIME_FAMILIES,
  type BuilderImage,
  type RuntimeBase,
  type RuntimeFamily,
  type RuntimeProfile,
} from '../../knowledge/runtimes';
import { HEALTHCHECK_TOOLS, RUNTIME_KEYWORDS, USER_SETUP_COMMANDS } from '../../knowledge/runtime-config';
import { COMPILED_LANGUAGES, type Language } from '../../knowledge/toolchains';
import {
  isBuildPackage,
  programWords,
  runCommands,
  stageFacts,
  type StageFacts,
  type WorkspaceLister,
  type WorkspaceReader,
} from '../stage-facts';
import { leftBehind } from '../leftover';
import { runtimeContract, type RuntimeContract } from './contract';
import { PLANNERS } from './languages';
import { busyboxScript } from './languages/shell';
import type { Artifact } from './languages/types';

export type { Artifact } from './languages/types';

export interface RuntimeChoice {
  family: RuntimeFamily;
  label: string;
  image: string;
  base: RuntimeBase;
  /** `artifacts`: only what the program needs (smallest); `app-directory`: the whole WORKDIR too (safe). */
  copies: 'artifacts' | 'app-directory';
  /** What this choice copies from the builder. */
  artifacts: Artifact[];
}

export interface SplitPlan {
  stageIndex: number;
  language: Language;
  profile: RuntimeProfile;
  /** Name of the build stage: its own name, or a new one that clashes with no stage. */
  builderName: string;
  /** True when the FROM gets `AS <builderName>`. */
  addName: boolean;
  /** The program's artifacts and run-time files (what every choice copies; the app-directory choice adds its WORKDIR). */
  artifacts: Artifact[];
  choices: RuntimeChoice[];
  /** Runtime packages to install in the runtime stage, for managers that the base has. */
  runtimePackages: { apt: string[]; apk: string[] };
  /** Instructions that move to the runtime stage as written, in order. */
  moved: Instruction[];
  /** Instructions repeated in the runtime stage as written (every ENV, SHELL, the last USER kept in the builder). */
  repeated: Instruction[];
  /** RUN instructions that only create accounts and folders, repeated where the runtime has the same tools. */
  userSetup: Instruction[];
  /** The final USER is a named account that the runtime base may not ship. */
  userName: string | null;
  /** Folders RUN prepared that no artifact covers: carried into the runtime with their owner and mode. */
  preparedPaths: { path: string; owner: string | null; mode: string | null }[];
  /** Symbolic links RUN made that no artifact covers. */
  preparedLinks: { target: string; link: string }[];
  workdir: string | null;
  /** Node: prune dev dependencies at the end of the builder. */
  pruneDev: 'npm' | 'yarn' | 'pnpm' | null;
  /** Static site: nginx listens on this port instead of 80. */
  listenPort: string | null;
  /** Static site: nginx answers unknown paths with index.html. */
  spaFallback: boolean;
  /** Run ldconfig in the runtime after the copies. */
  ldconfig: boolean;
  contract: RuntimeContract;
  /** Shown in messages: what the final image keeps today. */
  facts: StageFacts;
}

export type PlanResult = { ok: true; plan: SplitPlan } | { ok: false; reason: string; facts: StageFacts | null };

export interface PlanOptions {
  readWorkspaceFile?: WorkspaceReader;
  listWorkspaceDir?: WorkspaceLister;
  preferredRuntime?: string;
  /** Where the Dockerfile is (AnalysisSettings.documentPath): its name can say it is a development image. */
  documentPath?: string;
}

function languageOf(facts: StageFacts): Language | null {
  const compiled = facts.builds.find((b) => COMPILED_LANGUAGES.includes(b.row.language));
  if (compiled) {
    // A C compile inside a Go/Rust image is cgo/build-script work: the image's language decides.
    if (compiled.row.language === 'c' && facts.toolchain && facts.toolchain.language !== 'c')
      return facts.toolchain.language;
    return compiled.row.language;
  }
  if (facts.toolchain) return facts.toolchain.language;
  const interpreted = facts.builds[0];
  if (interpreted) return interpreted.row.language;
  if (facts.buildPackages.some((p) => /^(gcc|g\+\+|build-essential|build-base|clang|cmake|make)$/.test(p))) return 'c';
  return null;
}

function needsShell(facts: StageFacts, moved: Instruction[]): boolean {
  if (facts.command.shell) return true;
  const p = path.basename(programWords(facts.command)[0] ?? '');
  if (['sh', 'bash', 'dash', 'ash'].includes(path.basename(facts.command.words[0] ?? ''))) return true;
  if (p === 'sh' || p === 'bash') return true;
  return moved.some(
    (i) => i.keyword === 'HEALTHCHECK' && !i.json && !/^\s*NONE\b/i.test(i.argsText) && !/CMD\s*\[/.test(i.argsText),
  );
}

function healthcheckTools(moved: Instruction[]): string[] {
  const tools: string[] = [];
  for (const i of moved) {
    if (i.keyword !== 'HEALTHCHECK') continue;
    for (const [tool, pkg] of Object.entries(HEALTHCHECK_TOOLS))
      if (new RegExp(`\\b${tool}\\b`).test(i.argsText)) tools.push(pkg);
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

/** What holds a version's plans: the analysis of a document version (kept by the analysis cache). */
export interface PlanHolder {
  model: DockerfileModel;
  splitPlans?: Map<string, unknown>;
}

/**
 * planSplit, once per document version: the code action's list, its resolve and later requests for
 * the same version share one plan, kept with the version's analysis (no module-level cache). Files
 * read through the workspace access are read once per version.
 */
export function planSplitOnce(holder: PlanHolder, options: PlanOptions = {}): PlanResult {
  const key = `${options.readWorkspaceFile ? 'read' : ''}${options.listWorkspaceDir ? '+list' : ''}:${options.preferredRuntime ?? ''}:${options.documentPath ?? ''}`;
  holder.splitPlans ??= new Map();
  let result = holder.splitPlans.get(key) as PlanResult | undefined;
  if (!result) {
    result = planSplit(holder.model, options);
    holder.splitPlans.set(key, result);
  }
  return result;
}

/** Drops artifacts that a directory copied whole already holds, and repeated ones. */
function withoutNested(artifacts: Artifact[]): Artifact[] {
  const out: Artifact[] = [];
  for (const a of artifacts) if (!out.some((b) => b.source === a.source && b.dest === a.dest)) out.push(a);
  return out.filter(
    (a) =>
      !out.some(
        (b) =>
          b !== a &&
          !/[*?]/.test(b.source) &&
          a.source.startsWith(b.source + '/') &&
          a.dest.startsWith(b.dest.replace(/\/$/, '') + '/'),
      ),
  );
}

/**
 * Plans the split of the final stage into a builder and a runtime stage, or says why there is none.
 * The builder is the stage as written; the runtime satisfies the stage's runtime contract
 * (contract.ts); the language's planner (languages/) says what the program is and where it runs.
 * `known`: the final stage's facts, when the caller read them with the same workspace access.
 */
export function planSplit(model: DockerfileModel, options: PlanOptions = {}, known?: StageFacts): PlanResult {
  if (model.skipped || model.finalStage < 0) return { ok: false, reason: 'the file has no stage', facts: null };
  const stage = model.stages[model.finalStage]!;
  if (stage.base.kind !== 'image') {
    return {
      ok: false,
      reason:
        stage.base.kind === 'stage'
          ? 'the final stage already builds on another stage'
          : 'the final stage has no image to build with',
      facts: null,
    };
  }
  const facts =
    known && known.stage === stage
      ? known
      : stageFacts(model, stage, { read: options.readWorkspaceFile, list: options.listWorkspaceDir });
  if (facts.usesOtherStage) return { ok: false, reason: 'the final stage already copies from another stage', facts };
  if (facts.stage.from.flags.length > 0 && !facts.stage.platform)
    return { ok: false, reason: 'the FROM has flags the split does not know', facts };
  const contract = runtimeContract(facts, options.documentPath);
  if (contract.decline) return { ok: false, reason: contract.decline, facts };
  const lean = !leftBehind(facts);
  const script = lean ? busyboxScript(facts) : null;
  if (lean && !script)
    return { ok: false, reason: 'the final stage is already lean: no toolchain, build packages or build', facts };
  const language: Language | null = script ? 'shell' : languageOf(facts);
  if (!language) return { ok: false, reason: 'no build was found in the final stage', facts };
  if (facts.workdir === null)
    return { ok: false, reason: 'WORKDIR depends on a variable without a known value', facts };

  const builderDistro = distroOf(facts.shortName ?? '', facts.image?.tag ?? null);
  const builder: BuilderImage = {
    name: facts.shortName ?? '',
    registry: facts.image?.registry ?? null,
    tag: facts.image?.tag ?? null,
    distro: builderDistro,
  };
  const exposes = stage.instructions.filter((i) => i.keyword === 'EXPOSE');
  const outcome = PLANNERS[language].plan({ model, stage, facts, contract, builder, workdir: facts.workdir, exposes });
  if (!outcome.ok) return { ok: false, reason: outcome.reason, facts };
  const lang = outcome.plan;
  let artifacts = [...lang.artifacts];

  // Run-time files of the build context the program may read (data, templates, config). A planner
  // that carries the app directory covers those inside it, not those copied elsewhere
  // (`COPY gunicorn_conf.py /gunicorn_conf.py` beside an app in /app).
  const inApp = (f: string) =>
    facts.workdir !== null && (f === facts.workdir || f.startsWith(facts.workdir.replace(/\/$/, '') + '/'));
  for (const f of contract.files) if (!(lang.carriesAppDirectory && inApp(f))) artifacts.push({ source: f, dest: f });

  // The init or user-switching program the entry command starts through: installed as a package
  // (the runtime installs the same package, below), else copied from the builder where the stage
  // put it. A bare name nobody installed comes with the builder's base image, which the runtime is not.
  for (const word of contract.entry.wrappers) {
    const pkg = entryWrapperOf(word)?.package;
    if (pkg && facts.installs.some((i) => i.packages.includes(pkg))) continue;
    if (word.startsWith('/')) artifacts.push({ source: word, dest: word });
    else
      return {
        ok: false,
        reason: `the entry command starts through ${word}, which comes with ${facts.image?.raw ?? 'the base image'} and not with the runtime images`,
        facts,
      };
  }

  // Runtime configuration: every runtime instruction moves; every ENV and SHELL is repeated.
  const lastRun = [...stage.instructions]
    .reverse()
    .find((i) => i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD');
  const moved: Instruction[] = [];
  const repeated: Instruction[] = [];
  let lastUser: Instruction | null = null;
  for (const i of stage.instructions.slice(1)) {
    if (RUNTIME_KEYWORDS.has(i.keyword)) moved.push(i);
    else if (i.keyword === 'USER') lastUser = i;
    else if (i.keyword === 'ENV' || i.keyword === 'SHELL') repeated.push(i);
  }
  if (lastUser) {
    if (!lastRun || lastUser.index > lastRun.index) moved.push(lastUser);
    else repeated.push(lastUser);
  }
  moved.sort((a, b) => a.index - b.index);
  repeated.sort((a, b) => a.index - b.index);

  const userValue = lastUser ? lastUser.argsText.trim() : null;
  const userSetup = stage.instructions.filter((i) => i.keyword === 'RUN' && isUserSetup(i));
  // Folders and links RUN prepared (a data folder owned by the service user) that nothing copies yet.
  const covered = (p: string) => artifacts.some((a) => p === a.dest || p.startsWith(a.dest.replace(/\/$/, '') + '/'));
  const system = (p: string) =>
    /^\/(tmp|var\/tmp|root|etc|usr\/local\/bin|usr\/bin|bin|sbin|usr\/sbin|proc|dev|sys)(\/|$)/.test(p);
  const preparedPaths: SplitPlan['preparedPaths'] = [];
  for (const x of facts.prepared.paths) {
    if (system(x.path) || covered(x.path)) continue;
    let entry = preparedPaths.find((q) => q.path === x.path);
    if (!entry) {
      if (preparedPaths.some((q) => x.path.startsWith(q.path + '/'))) continue;
      entry = { path: x.path, owner: null, mode: null };
      preparedPaths.push(entry);
    }
    if (x.owner) entry.owner = x.owner;
    if (x.mode) entry.mode = x.mode;
  }
  // A folder only made (a build folder, `mkdir -p build`) is not run-time state unless the
  // configuration names it; one given an owner or mode is.
  const named = [...facts.envNames].map((n) => facts.env.get(n) ?? '').join(' ') + ' ' + facts.command.words.join(' ');
  for (let k = preparedPaths.length - 1; k >= 0; k--) {
    const p = preparedPaths[k]!;
    if (p.path.includes('$') || (!p.owner && !p.mode && !named.includes(p.path))) preparedPaths.splice(k, 1);
  }
  const preparedLinks = facts.prepared.links
    .filter((l) => !l.link.includes('$') && !l.target.includes('$'))
    .filter((l) => !system(l.link) || l.link.startsWith('/usr/local/bin/'))
    .filter((l) => !covered(l.link));

  // Packages the program needs at run time: the libraries of the -dev packages (from the
  // distribution's data), what the stage installed that is not a build tool, HEALTHCHECK tools.
  const apt = new Set<string>(contract.libraries.apt);
  const apk = new Set<string>(contract.libraries.apk);
  for (const p of lang.packages ?? []) (builderDistro.family === 'alpine' ? apk : apt).add(p);
  for (const install of facts.installs) {
    for (const pkg of install.packages) {
      if (isBuildPackage(pkg)) continue;
      if (
        /^(git|curl|wget|unzip|xz-utils|tar|gnupg|openssh-client|python3?|nodejs|npm|upx|upx-ucl|pkg-config|pkgconf)$/.test(
          pkg,
        ) &&
        !healthcheckTools(moved).includes(pkg)
      )
        continue;
      if (install.manager === 'apt') apt.add(pkg);
      if (install.manager === 'apk') apk.add(pkg);
    }
  }
  for (const tool of healthcheckTools(moved)) {
    if (builderDistro.family === 'alpine') {
      if (tool !== 'wget') apk.add(tool);
    } else apt.add(tool);
  }
  const onlyCerts = (set: Set<string>) => set.size === 1 && set.has('ca-certificates');
  // Run-time packages from a repository the stage adds (Microsoft's for the ODBC driver, a PPA): the
  // runtime stage would install them where that repository is unknown. The split declines.
  const addedRepository = apt.size > 0 || apk.size > 0 ? packageRepositoryAdded(facts) : null;
  if (addedRepository)
    return {
      ok: false,
      reason: `the final stage installs packages from a package repository the stage adds (${addedRepository}), which a runtime stage would have to add again`,
      facts,
    };

  const shell = needsShell(facts, moved) || lang.ldconfig === true;
  artifacts = withoutNested(artifacts);
  let choices: RuntimeChoice[] = [];
  const fullyKnown = contract.unknown.length === 0 || lang.carriesAppDirectory === true;
  if (fullyKnown) {
    for (const base of RUNTIME_BASES[lang.profile]) {
      const image = base.image(builder);
      if (!image) continue;
      if (shell && !base.shell) continue;
      const manager = base.packages === 'distro' ? (builderDistro.family === 'alpine' ? 'apk' : 'apt') : base.packages;
      const wantsApt = apt.size > 0 && !(onlyCerts(apt) && base.certs);
      const wantsApk = apk.size > 0 && !(onlyCerts(apk) && base.certs);
      if ((wantsApt && manager !== 'apt') || (wantsApk && manager !== 'apk')) continue;
      if (choices.some((c) => c.image === image)) continue;
      choices.push({
        family: base.family,
        label: base.label,
        image: keepVariables(image, stage.baseToken?.value ?? '', facts),
        base: { ...base, packages: manager },
        copies: 'artifacts',
        artifacts,
      });
    }
    choices = orderChoices(choices, options.preferredRuntime);
  }
  if (
    !fullyKnown &&
    COMPILED_LANGUAGES.includes(language) &&
    !lang.carriesAppDirectory &&
    lang.profile !== 'java' &&
    !lang.profile.startsWith('dotnet')
  ) {
    // The safe choice: the built working directory too, on the builder's distribution in slim form.
    const image = distroSlim(builder);
    const app = facts.workdir;
    if (image && app !== '/' && !SHARED_DIRS.has(app)) {
      const family = builderDistro.family === 'alpine' ? 'alpine' : 'slim';
      const base: RuntimeBase = {
        family,
        label: image,
        image: () => image,
        shell: true,
        packages: builderDistro.family === 'alpine' ? 'apk' : 'apt',
        certs: false,
      };
      choices.push({
        family,
        label: image,
        image: keepVariables(image, stage.baseToken?.value ?? '', facts),
        base,
        copies: 'app-directory',
        artifacts: withoutNested([{ source: app, dest: app }, ...artifacts]),
      });
    }
  }
  if (choices.length === 0) {
    const why = !fullyKnown
      ? `the runtime cannot be told from the Dockerfile (${contract.unknown[0]})`
      : 'the final stage needs a shell or packages that the fitting runtimes lack';
    return { ok: false, reason: `no runtime image fits: ${why}`, facts };
  }

  let userName: string | null = null;
  if (userValue && !/^(root|0)(:.*)?$/.test(userValue)) userName = userValue;
  const builderName = stage.name ?? uniqueName(model);
  return {
    ok: true,
    plan: {
      stageIndex: stage.index,
      language,
      profile: lang.profile,
      builderName,
      addName: stage.name === null,
      artifacts,
      choices,
      runtimePackages: { apt: [...apt], apk: [...apk] },
      moved,
      repeated,
      userSetup,
      userName,
      preparedPaths,
      preparedLinks,
      workdir: facts.workdir,
      pruneDev: lang.pruneDev ?? null,
      listenPort: lang.listenPort ?? null,
      spaFallback: lang.spaFallback ?? false,
      ldconfig: lang.ldconfig ?? false,
      contract,
      facts,
    },
  };
}

/** Working directories that hold a whole system, never copied as "the app directory". */
const SHARED_DIRS: ReadonlySet<string> = new Set([
  '/usr',
  '/usr/local',
  '/opt',
  '/var',
  '/home',
  '/root',
  '/go',
  '/srv',
]);

/**
 * Where a RUN of the stage adds a package repository, or null: a list written into
 * `/etc/apt/sources.list.d/`, `add-apt-repository`, a `.repo` file in `/etc/yum.repos.d/`, a line
 * appended to `/etc/apk/repositories`. Rewriting `/etc/apt/sources.list` to a mirror adds none.
 */
function packageRepositoryAdded(facts: StageFacts): string | null {
  for (const instruction of facts.stage.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    const text = instruction.argsText;
    const list = /\/etc\/apt\/sources\.list\.d\/[^\s"'`;&|)]+/.exec(text);
    if (list) return list[0];
    const ppa = /\badd-apt-repository\s+(?:-\S+\s+)*("[^"]*"|'[^']*'|\S+)/.exec(text);
    if (ppa) return `add-apt-repository ${ppa[1]}`;
    const repo = /\/etc\/yum\.repos\.d\/[^\s"'`;&|)]+/.exec(text);
    if (repo) return repo[0];
    if (/>>\s*\/etc\/apk\/repositories\b/.test(text)) return '/etc/apk/repositories';
  }
  return null;
}
