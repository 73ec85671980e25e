// One app through the real engine: build and observe the original single-stage Dockerfile, split it
// with the CLI (`node dist/cli.js split Dockerfile`), build and observe the split, build and observe
// the hand-written reference split, and compare behaviour, runtime config, files and sizes. For an
// app the split must decline, the CLI must print nothing and give a reason that matches app.json's.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseImages, finalBaseImage, isWindowsImage, repoRoot, type AppSpec } from './apps.js';
import { compareConfig, envMap, runtimeConfig, type ConfigDifference, type RuntimeConfig } from './config.js';
import { build, imageExists, inspectImage, removeImages, type ImageConfig } from './docker.js';
import { inspectFiles, resolveOwner, type ImageFiles } from './files.js';
import { compareObservations, observeHttp, observeRun, type Observation } from './observe.js';
import { runProcess, tail } from './proc.js';

export type SplitSource = 'cli' | 'hand';

export interface HarnessOptions {
  /** Where the split comes from: the CLI (default) or, to check the harness itself, Dockerfile.hand. */
  readonly splitFrom: SplitSource;
  /** Keep the built images (tagged stagewright-engine-test/<app>:<variant>) and the temp folder. */
  readonly keep: boolean;
  readonly root: string;
  readonly log: (line: string) => void;
}

export function optionsFromEnv(log: (line: string) => void = () => {}): HarnessOptions {
  const from = process.env.STAGEWRIGHT_SPLIT_FROM ?? 'cli';
  if (from !== 'cli' && from !== 'hand') throw new Error(`STAGEWRIGHT_SPLIT_FROM must be cli or hand, not ${from}`);
  return { splitFrom: from, keep: process.env.STAGEWRIGHT_ENGINE_KEEP === '1', root: repoRoot(), log };
}

export interface VariantReport {
  readonly built: boolean;
  readonly buildSeconds?: number;
  readonly size?: number;
  readonly observation?: Observation;
  readonly config?: RuntimeConfig;
  /** The paths app.json lists in `files` and `owned`, as this image has them. */
  readonly files?: ImageFiles;
  /** Why this variant could not be built or observed. */
  readonly error?: string;
  /** Why this variant was not built at all (a Windows image on a Linux engine). */
  readonly skipped?: string;
}

/** What the CLI said about an app the split must decline. */
export interface DeclineReport {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface AppReport {
  readonly app: AppSpec;
  readonly original: VariantReport;
  readonly split: VariantReport;
  readonly hand: VariantReport;
  /** The split Dockerfile the CLI printed (or Dockerfile.hand). */
  readonly splitText?: string;
  /** Set when the CLI is not built: the split was not attempted. */
  readonly splitUnavailable?: string;
  /** For an app the split must decline: the CLI's answer (not set when the CLI was not run). */
  readonly decline?: DeclineReport;
  /** Why the split is not equivalent to the original (or, for a decline app, why the CLI's answer is wrong); empty when right. */
  readonly splitProblems: readonly string[];
  /** The same checks for the hand split, and for a decline app whether its original builds and runs (fixture bugs when not empty). */
  readonly handProblems: readonly string[];
  readonly configDifferences: readonly ConfigDifference[];
}

export function cliPath(root: string): string {
  return join(root, 'dist', 'cli.js');
}

export function splitUnavailableReason(options: HarnessOptions): string | undefined {
  if (options.splitFrom === 'hand') return undefined;
  const cli = cliPath(options.root);
  return existsSync(cli)
    ? undefined
    : `${cli} is missing: build the CLI first (npm run build); ` +
        'STAGEWRIGHT_SPLIT_FROM=hand checks this harness against the hand-written splits instead';
}

/** Base images the app needs that the engine lacks (made by scripts/engine-images.sh). */
export async function missingBaseImages(app: AppSpec): Promise<string[]> {
  const wanted = new Set<string>();
  for (const f of ['Dockerfile', 'Dockerfile.hand']) {
    if (!existsSync(join(app.dir, f))) continue;
    for (const image of baseImages(readFileSync(join(app.dir, f), 'utf8'))) {
      // Windows images are never built here (see runApp), so they need not exist.
      if (!isWindowsImage(image)) wanted.add(image);
    }
  }
  const missing: string[] = [];
  for (const image of wanted) if (!(await imageExists(image))) missing.push(image);
  return missing;
}

const baseConfigs = new Map<string, ImageConfig>();
async function baseConfig(dockerfileText: string): Promise<ImageConfig> {
  const ref = finalBaseImage(dockerfileText);
  if (ref.toLowerCase() === 'scratch') return {};
  let config = baseConfigs.get(ref);
  if (!config) {
    config = (await inspectImage(ref)).Config;
    baseConfigs.set(ref, config);
  }
  return config;
}

interface Built {
  readonly report: VariantReport;
  readonly fullConfig?: ImageConfig;
}

async function buildAndObserve(
  app: AppSpec,
  context: string,
  dockerfile: string,
  variant: string,
  log: (line: string) => void,
): Promise<Built> {
  const tag = `stagewright-engine-test/${app.name}:${variant}`;
  // A variant that installs Debian packages (a split's runtime stage may, for a library) needs the
  // mirror, whatever the app's own Dockerfile does.
  const network =
    app.buildNetwork === 'host' || /\bapt-get\s+install\b/.test(readFileSync(dockerfile, 'utf8')) ? 'host' : 'none';
  log(`${app.name}: building ${variant}${network === 'host' ? ' (with the host network: it installs packages)' : ''}`);
  const b = await build(context, dockerfile, tag, network);
  if (!b.ok) {
    return { report: { built: false, buildSeconds: b.seconds, error: `build failed:\n${tail(b.log, 40)}` } };
  }
  const image = await inspectImage(tag);
  const config = runtimeConfig(image.Config, await baseConfig(readFileSync(dockerfile, 'utf8')));
  log(`${app.name}: ${variant} built in ${b.seconds.toFixed(1)}s, ${(image.Size / 1e6).toFixed(1)} MB; running it`);
  let files: ImageFiles | undefined;
  try {
    if (app.files.length > 0 || app.owned.length > 0) {
      files = await inspectFiles(
        tag,
        app.files,
        app.owned.map((o) => o.path),
      );
    }
    const observation = app.http
      ? await observeHttp(tag, image.Config, app.http.paths, `${app.name}-${variant}`)
      : await observeRun(tag, app.run?.args ?? [], `${app.name}-${variant}`);
    return {
      report: { built: true, buildSeconds: b.seconds, size: image.Size, observation, config, files },
      fullConfig: image.Config,
    };
  } catch (e) {
    return {
      report: { built: true, buildSeconds: b.seconds, size: image.Size, config, files, error: (e as Error).message },
      fullConfig: image.Config,
    };
  }
}

/** Problems with the paths app.json lists: missing in the variant, or owned by someone else than in the original. */
function judgeFiles(
  app: AppSpec,
  original: ImageFiles | undefined,
  other: ImageFiles | undefined,
  what: string,
): string[] {
  const problems: string[] = [];
  if (!original || !other) return problems;
  for (const path of app.files) {
    const o = original.files[path];
    const s = other.files[path];
    if (!o?.exists)
      problems.push(`original: ${path} is missing (${o?.error ?? 'not read'}); app.json lists it in files`);
    else if (!s?.exists) problems.push(`${what}: ${path} is missing (${s?.error ?? 'not read'})`);
  }
  for (const { path, owner } of app.owned) {
    const o = original.owned[path];
    const s = other.owned[path];
    if (!o?.exists) {
      problems.push(`original: ${path} is missing (${o?.error ?? 'not read'}); app.json lists it in owned`);
      continue;
    }
    const declared = resolveOwner(owner, original);
    if (declared.uid !== o.uid || declared.gid !== o.gid) {
      problems.push(
        `original: ${path} is owned by ${o.uid}:${o.gid}, but app.json says ${owner} (${declared.uid ?? '?'}:${declared.gid ?? '?'} there)`,
      );
    }
    if (!s?.exists) problems.push(`${what}: ${path} is missing (${s?.error ?? 'not read'})`);
    else if (s.uid !== o.uid || s.gid !== o.gid) {
      problems.push(`${what}: ${path} is owned by ${s.uid}:${s.gid}, original ${o.uid}:${o.gid} (${owner})`);
    }
  }
  return problems;
}

/** Problems of a split variant compared with the original. */
function judge(
  app: AppSpec,
  original: Built,
  other: Built,
  what: string,
): { problems: string[]; differences: ConfigDifference[] } {
  const problems: string[] = [];
  let differences: ConfigDifference[] = [];
  if (!other.report.built || other.report.error) {
    problems.push(`${what}: ${other.report.error ?? 'not built'}`);
    return { problems, differences };
  }
  const o = original.report;
  const s = other.report;
  if (o.observation && s.observation) {
    const changesServer = ['Cmd', 'Entrypoint', 'StopSignal'].some((f) => f in app.configMayDiffer);
    for (const p of compareObservations(o.observation, s.observation, !changesServer)) problems.push(`${what}: ${p}`);
  }
  if (o.config && s.config && other.fullConfig) {
    differences = compareConfig(
      o.config,
      s.config,
      { env: envMap(other.fullConfig.Env), labels: other.fullConfig.Labels ?? {} },
      app.configMayDiffer,
    );
    for (const d of differences) {
      if (!d.allowed) problems.push(`${what}: config ${d.field} is ${d.split}, original ${d.original}`);
    }
  }
  problems.push(...judgeFiles(app, o.files, s.files, what));
  if (o.size !== undefined && s.size !== undefined && s.size >= o.size) {
    problems.push(`${what}: image is not smaller than the original (${s.size} >= ${o.size} bytes)`);
  }
  return { problems, differences };
}

async function produceSplit(
  options: HarnessOptions,
  app: AppSpec,
  context: string,
): Promise<{ text?: string; problem?: string }> {
  if (options.splitFrom === 'hand') return { text: readFileSync(join(app.dir, 'Dockerfile.hand'), 'utf8') };
  const r = await runProcess(process.execPath, [cliPath(options.root), 'split', 'Dockerfile'], {
    cwd: context,
    timeoutMs: 60_000,
  });
  if (r.timedOut) return { problem: 'split: the CLI did not finish within 60s' };
  if (r.code !== 0) return { problem: `split: the CLI exited ${r.code}:\n${tail(r.stderr || r.stdout, 20)}` };
  if (r.stdout.trim() === '')
    return { problem: `split: no split offered (${r.stderr.trim() || 'the CLI printed nothing'})` };
  return { text: r.stdout };
}

/** The CLI on an app it must decline: exit 0, nothing on stdout, a reason on stderr that matches app.json's. */
async function checkDecline(
  options: HarnessOptions,
  app: AppSpec,
  context: string,
): Promise<{ report?: DeclineReport; problems: string[] }> {
  const r = await runProcess(process.execPath, [cliPath(options.root), 'split', 'Dockerfile'], {
    cwd: context,
    timeoutMs: 60_000,
  });
  if (r.timedOut) return { problems: ['split: the CLI did not finish within 60s'] };
  const report: DeclineReport = { code: r.code, stdout: r.stdout, stderr: r.stderr };
  const problems: string[] = [];
  if (r.code !== 0) problems.push(`split: the CLI exited ${r.code}, not 0:\n${tail(r.stderr || r.stdout, 20)}`);
  if (r.stdout.trim() !== '') problems.push(`split: the CLI split an app it must decline:\n${tail(r.stdout, 40)}`);
  else if (!app.declineReason!.test(r.stderr)) {
    problems.push(
      `split: the reason on stderr does not match /${app.declineReason!.source}/i: ${JSON.stringify(r.stderr.trim())}`,
    );
  }
  return { report, problems };
}

async function runDeclineApp(
  app: AppSpec,
  options: HarnessOptions,
  context: string,
  log: (line: string) => void,
): Promise<AppReport> {
  const dockerfile = join(context, 'Dockerfile');
  const windows = baseImages(readFileSync(dockerfile, 'utf8')).find(isWindowsImage);
  const handProblems: string[] = [];
  let original: VariantReport;
  if (windows) {
    original = { built: false, skipped: `${windows} is a Windows image; this engine runs Linux containers` };
    log(`${app.name}: not building the original (${original.skipped})`);
  } else {
    original = (await buildAndObserve(app, context, dockerfile, 'original', log)).report;
    if (!original.built || original.error) handProblems.push(`original: ${original.error ?? 'not built'}`);
  }
  const unavailable = splitUnavailableReason(options);
  const splitProblems: string[] = [];
  let decline: DeclineReport | undefined;
  if (unavailable) splitProblems.push(unavailable);
  else if (options.splitFrom === 'cli') {
    const d = await checkDecline(options, app, context);
    decline = d.report;
    splitProblems.push(...d.problems);
  }
  return {
    app,
    original,
    split: { built: false },
    hand: { built: false },
    splitUnavailable: unavailable,
    decline,
    splitProblems,
    handProblems,
    configDifferences: [],
  };
}

export async function runApp(app: AppSpec, options: HarnessOptions): Promise<AppReport> {
  const log = options.log;
  const tmp = mkdtempSync(join(tmpdir(), `stagewright-engine-${app.name}-`));
  const context = join(tmp, 'context');
  // The build context is the app without the harness's files, the same for all three builds (so
  // `COPY . .` copies the same files and BuildKit shares the builder steps between them).
  cpSync(app.dir, context, { recursive: true });
  for (const f of ['Dockerfile.hand', 'app.json']) rmSync(join(context, f), { force: true });
  const tags = ['original', 'split', 'hand'].map((v) => `stagewright-engine-test/${app.name}:${v}`);
  try {
    if (app.expect === 'decline') return await runDeclineApp(app, options, context, log);
    const original = await buildAndObserve(app, context, join(context, 'Dockerfile'), 'original', log);
    const hand = await buildAndObserve(app, context, join(app.dir, 'Dockerfile.hand'), 'hand', log);
    const handJudged = original.report.observation
      ? judge(app, original, hand, 'hand split')
      : { problems: [], differences: [] };

    const unavailable = splitUnavailableReason(options);
    let split: Built = { report: { built: false } };
    let splitText: string | undefined;
    const splitProblems: string[] = [];
    let differences: ConfigDifference[] = [];
    if (!original.report.observation) {
      splitProblems.push(`original: ${original.report.error ?? 'not observed'}`);
    } else if (unavailable) {
      splitProblems.push(unavailable);
    } else {
      const produced = await produceSplit(options, app, context);
      if (produced.problem || produced.text === undefined) {
        splitProblems.push(produced.problem ?? 'split: no output');
        split = { report: { built: false, error: produced.problem } };
      } else {
        splitText = produced.text;
        const splitFile = join(tmp, 'Dockerfile.split');
        writeFileSync(splitFile, splitText);
        split = await buildAndObserve(app, context, splitFile, 'split', log);
        const j = judge(app, original, split, 'split');
        splitProblems.push(...j.problems);
        differences = j.differences;
      }
    }
    return {
      app,
      original: original.report,
      split: split.report,
      hand: hand.report,
      splitText,
      splitUnavailable: unavailable,
      splitProblems,
      handProblems: handJudged.problems,
      configDifferences: differences,
    };
  } finally {
    if (!options.keep) {
      await removeImages(tags);
      rmSync(tmp, { recursive: true, force: true });
    } else {
      log(`${app.name}: kept ${tmp} and images ${tags.join(', ')}`);
    }
  }
}
