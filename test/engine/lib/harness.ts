// One app through the real engine: build and observe the original single-stage Dockerfile, split it
// with the CLI (`node dist/cli.js split Dockerfile`), build and observe the split, build and observe
// the hand-written reference split, and compare behaviour, runtime config and sizes.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseImages, finalBaseImage, repoRoot, type AppSpec } from './apps.js';
import { compareConfig, envMap, runtimeConfig, type ConfigDifference, type RuntimeConfig } from './config.js';
import { build, imageExists, inspectImage, removeImages, type ImageConfig } from './docker.js';
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
  /** Why this variant could not be built or observed. */
  readonly error?: string;
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
  /** Why the split is not equivalent to the original; empty when it is. */
  readonly splitProblems: readonly string[];
  /** The same checks for the hand split (a fixture bug when not empty). */
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
    for (const image of baseImages(readFileSync(join(app.dir, f), 'utf8'))) wanted.add(image);
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
  log(`${app.name}: building ${variant}`);
  const b = await build(context, dockerfile, tag);
  if (!b.ok) {
    return { report: { built: false, buildSeconds: b.seconds, error: `build failed:\n${tail(b.log, 40)}` } };
  }
  const image = await inspectImage(tag);
  const config = runtimeConfig(image.Config, await baseConfig(readFileSync(dockerfile, 'utf8')));
  log(`${app.name}: ${variant} built in ${b.seconds.toFixed(1)}s, ${(image.Size / 1e6).toFixed(1)} MB; running it`);
  try {
    const observation = app.http
      ? await observeHttp(tag, image.Config, app.http.paths, `${app.name}-${variant}`)
      : await observeRun(tag, app.run?.args ?? [], `${app.name}-${variant}`);
    return { report: { built: true, buildSeconds: b.seconds, size: image.Size, observation, config }, fullConfig: image.Config };
  } catch (e) {
    return {
      report: { built: true, buildSeconds: b.seconds, size: image.Size, config, error: (e as Error).message },
      fullConfig: image.Config,
    };
  }
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
  if (r.stdout.trim() === '') return { problem: `split: no split offered (${r.stderr.trim() || 'the CLI printed nothing'})` };
  return { text: r.stdout };
}

export async function runApp(app: AppSpec, options: HarnessOptions): Promise<AppReport> {
  const log = options.log;
  const tmp = mkdtempSync(join(tmpdir(), `stagewright-engine-${app.name}-`));
  const context = join(tmp, 'context');
  // The build context is the app without the harness's files, the same for all three builds (so
  // `COPY . .` copies the same files and BuildKit shares the builder steps between them).
  cpSync(app.dir, context, { recursive: true });
  for (const f of ['Dockerfile.hand', 'app.json']) rmSync(join(context, f));
  const tags = ['original', 'split', 'hand'].map((v) => `stagewright-engine-test/${app.name}:${v}`);
  try {
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
