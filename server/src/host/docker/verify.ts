/**
 * Verifies a candidate Dockerfile against an original on the user's engine: builds both over the same
 * context, compares their configuration, sizes and layers, checks the candidate's entry command and
 * its libraries, runs both with their default command (no network, a read-only root where the original
 * works with one, a time limit, no mounts) and compares what they did. Everything it creates on the
 * engine is removed at the end, also when interrupted. The comparisons are the core's pure functions;
 * this file only talks to docker.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildReport,
  checkEntry,
  compareConfigs,
  compareRuns,
  type DeclaredConfig,
  declaredConfig,
  findCommand,
  type HistoryEntryJson,
  type ImageConfigJson,
  type ImageFileSystem,
  type ImageInspectJson,
  indexEntries,
  isElf,
  layersOverBase,
  parseDockerfile,
  parseHistory,
  parseImageInspect,
  parseLdd,
  readElf,
  readTar,
  TarReader,
} from '../../core';
import type {
  EntryCheck,
  HttpObservation,
  ImageSide,
  RunComparison,
  RunObservation,
  VerifyProgress,
  VerifyReport,
} from '../../../../shared/verify-data';
import { DockerClient, firstLine, lastLines } from './client';
import { type EngineFacts, engineFacts } from './engine';
import { EngineResources } from './resources';

export interface VerifyOptions {
  original: string;
  candidate: string;
  /** The build context of both builds. */
  context: string;
  target?: string;
  /** The network RUN steps get while building (`docker build --network`); the engine's default otherwise. */
  buildNetwork?: string;
  /** The docker command (default `docker` on PATH). */
  docker?: string;
  /** Seconds a program may run before it counts as still running. */
  timeoutSeconds?: number;
  /** Seconds a server (an image that exposes a port) must stay up. */
  settleSeconds?: number;
  /** How the report names the two Dockerfiles (default: the paths given). */
  originalName?: string;
  candidateName?: string;
}

export interface VerifyHooks {
  progress?: (p: VerifyProgress) => void;
  /** Aborting stops the docker commands that run, removes what was created and ends with could-not-verify. */
  signal?: AbortSignal;
}

const BUILD_LOG_LIMIT = 64 * 1024;

/** The first progress step. */
export const CHECKING_ENGINE = 'checking the engine';

/** Runs a verification; throws EngineUnavailable when no engine answers. */
export async function verifyDockerfiles(options: VerifyOptions, hooks: VerifyHooks = {}): Promise<VerifyReport> {
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const say = (step: string) => hooks.progress?.({ step, elapsed: Math.round(elapsed()) });
  const docker = new DockerClient(options.docker ?? 'docker');
  const resources = new EngineResources(docker);
  const onAbort = () => docker.stopAll();
  hooks.signal?.addEventListener('abort', onAbort);
  try {
    say(CHECKING_ENGINE);
    const engine = await engineFacts(docker);
    const run = new Verification(docker, resources, engine, options, say);
    return await run.execute(elapsed);
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    if (resources.containers.size + resources.tags.size + resources.leftovers.size > 0)
      say('removing what verify created');
    await resources.cleanup();
  }
}

class Verification {
  private readonly prefix = `stagewright-verify-${randomBytes(5).toString('hex')}`;
  private runs = 0;

  constructor(
    private readonly docker: DockerClient,
    private readonly resources: EngineResources,
    private readonly engine: EngineFacts,
    private readonly options: VerifyOptions,
    private readonly say: (step: string) => void,
  ) {}

  async execute(elapsed: () => number): Promise<VerifyReport> {
    const o = this.options;
    const texts = [readFileSync(o.original, 'utf8'), readFileSync(o.candidate, 'utf8')] as const;
    const declared = texts.map((t) => declaredConfig(parseDockerfile(t), o.target)) as [DeclaredConfig, DeclaredConfig];
    const original = await this.build('original', o.original, o.originalName ?? o.original);
    const interrupted = () =>
      buildReport({
        original,
        candidate: side(o.candidateName ?? o.candidate),
        config: [],
        seconds: elapsed(),
        builder: this.engine.builder,
        failure: 'interrupted',
      });
    if (this.docker.interrupted) return interrupted();
    if (!original.built) {
      return buildReport({
        original,
        candidate: side(o.candidateName ?? o.candidate),
        config: [],
        seconds: elapsed(),
        builder: this.engine.builder,
      });
    }
    const candidate = await this.build('candidate', o.candidate, o.candidateName ?? o.candidate);
    if (this.docker.interrupted) return interrupted();
    if (!candidate.built)
      return buildReport({ original, candidate, config: [], seconds: elapsed(), builder: this.engine.builder });

    this.say('comparing the configuration and the layers');
    const images = [await this.inspect(this.tag('original')), await this.inspect(this.tag('candidate'))] as const;
    if (!images[0] || !images[1]) {
      return buildReport({
        original,
        candidate,
        config: [],
        seconds: elapsed(),
        builder: this.engine.builder,
        failure: 'the built images could not be inspected',
      });
    }
    const configs = [images[0].Config ?? {}, images[1].Config ?? {}] as const;
    const config = compareConfigs({
      original: configs[0],
      candidate: configs[1],
      originalDeclared: declared[0],
      candidateDeclared: declared[1],
    });
    await this.describeImage(original, images[0], this.tag('original'), declared[0]);
    await this.describeImage(candidate, images[1], this.tag('candidate'), declared[1]);

    this.say('checking the entry command and its libraries');
    const entry = await this.checkCandidateEntry(configs[1]);
    if (this.docker.interrupted) return interrupted();

    const run = await this.compareRuns(configs);
    if (this.docker.interrupted) return interrupted();
    return buildReport({ original, candidate, config, entry, run, seconds: elapsed(), builder: this.engine.builder });
  }

  private tag(which: 'original' | 'candidate'): string {
    return `${this.prefix}:${which}`;
  }

  private async build(which: 'original' | 'candidate', dockerfile: string, name: string): Promise<ImageSide> {
    const tag = this.tag(which);
    const legacy = this.engine.builder === 'legacy';
    const args = ['build', '-f', dockerfile, '-t', tag];
    if (this.options.target) args.push('--target', this.options.target);
    if (this.options.buildNetwork) args.push('--network', this.options.buildNetwork);
    args.push(...(legacy ? ['--rm', '--force-rm'] : ['--progress=plain']), this.options.context);
    this.resources.tags.add(tag);
    const started = Date.now();
    let log = '';
    let step = '';
    this.say(`building the ${which}`);
    const result = await this.docker.run(args, {
      env: this.engine.buildEnv,
      onOutput: (text) => {
        log += text;
        if (log.length > 4 * BUILD_LOG_LIMIT) log = log.slice(-2 * BUILD_LOG_LIMIT);
        const current = currentStep(text);
        if (current && current !== step) {
          step = current;
          this.say(`building the ${which}: ${current}`);
        }
      },
    });
    const built = result.code === 0 && !result.timedOut;
    // The legacy builder commits an image per step; the final image's are removed with its tag, the
    // ones of earlier stages (and of a failed build) would stay behind as untagged images.
    if (legacy) for (const id of legacyCommittedLayers(result.stdout + result.stderr)) this.resources.leftovers.add(id);
    const image: ImageSide = {
      dockerfile: name,
      built,
      buildSeconds: Math.round((Date.now() - started) / 100) / 10,
      buildLog: log.length > BUILD_LOG_LIMIT ? `...\n${log.slice(-BUILD_LOG_LIMIT)}` : log,
    };
    return image;
  }

  private async inspect(ref: string): Promise<ImageInspectJson | undefined> {
    const r = await this.docker.run(['image', 'inspect', ref], { timeoutMs: 60_000 });
    if (r.code !== 0) return undefined;
    try {
      return parseImageInspect(r.stdout);
    } catch {
      return undefined;
    }
  }

  private async history(ref: string): Promise<HistoryEntryJson[] | undefined> {
    const r = await this.docker.run(
      ['image', 'history', '--no-trunc', '--human=false', '--format', '{{json .}}', ref],
      { timeoutMs: 60_000 },
    );
    if (r.code !== 0) return undefined;
    try {
      return parseHistory(r.stdout);
    } catch {
      return undefined;
    }
  }

  /** Size, base and the layers over the base (when the engine has the base image; nothing is pulled). */
  private async describeImage(
    side: ImageSide,
    image: ImageInspectJson,
    ref: string,
    declared: DeclaredConfig,
  ): Promise<void> {
    side.size = image.Size;
    side.layerCount = image.RootFS?.Layers?.length ?? 0;
    const history = await this.history(ref);
    if (declared.baseImage) {
      side.base = declared.baseImage;
      const base = await this.inspect(declared.baseImage);
      if (base) {
        side.baseSize = base.Size;
        const baseHistory = await this.history(declared.baseImage);
        const layers = history && baseHistory ? layersOverBase(history, baseHistory) : undefined;
        if (layers) side.layers = layers;
      }
    } else if (history && !declared.baseImage) {
      const layers = layersOverBase(history, undefined);
      if (layers) side.layers = layers;
    }
  }

  private async checkCandidateEntry(config: ImageConfigJson): Promise<EntryCheck> {
    const name = `${this.prefix}-files`;
    this.resources.containers.add(name);
    const created = await this.docker.run(['create', '--network', 'none', '--name', name, this.tag('candidate')], {
      timeoutMs: 60_000,
    });
    if (created.code !== 0) {
      return unreadableFileSystem(created.stderr);
    }
    const reader = new TarReader((path) => path.startsWith('/etc/ld.so.conf') || path.startsWith('/etc/ld-musl-'));
    const exported = await this.docker.run(['export', name], {
      timeoutMs: 600_000,
      onStdoutBytes: (b) => reader.push(b),
    });
    if (exported.code !== 0) {
      return unreadableFileSystem(exported.stderr);
    }
    const fs: ImageFileSystem = {
      entries: indexEntries(reader.entries),
      read: async (path) => {
        const kept = reader.contents.get(path);
        if (kept) return kept;
        const r = await this.readFile(name, path);
        return r;
      },
    };
    // With ldd in the image, its answer is the one for the libraries (it runs the image's own
    // loader); the ELF headers are read when there is none, or when it gives no answer.
    const ldd = findCommand(fs, 'ldd', config);
    let check = await checkEntry(fs, config, { libraries: ldd === undefined });
    try {
      if (ldd && !(await this.lddCheck(check, fs, ldd))) check = await checkEntry(fs, config);
    } finally {
      await this.docker.run(['rm', '--force', name], { timeoutMs: 60_000 });
      this.resources.containers.delete(name);
    }
    return check;
  }

  private async readFile(container: string, path: string): Promise<Uint8Array | undefined> {
    const chunks: Buffer[] = [];
    const r = await this.docker.run(['cp', `${container}:${path}`, '-'], {
      timeoutMs: 120_000,
      onStdoutBytes: (b) => chunks.push(b),
    });
    if (r.code !== 0) return undefined;
    const tar = readTar(Buffer.concat(chunks), () => true);
    const first = tar.entries.find((e) => e.type === 'file');
    return first ? tar.contents.get(first.path) : undefined;
  }

  /**
   * The candidate's own ldd on the entry program: it runs the image's loader, which also knows the
   * folders of ld.so.cache. True when it answered (or there was nothing to ask: no dynamic ELF
   * program); false to read the ELF headers instead.
   */
  private async lddCheck(check: EntryCheck, fs: ImageFileSystem, ldd: string): Promise<boolean> {
    if (!check.resolved) return true;
    const data = await fs.read(check.resolved);
    if (!data || !isElf(data)) return false;
    if (!readElf(data)?.interpreter) return true;
    const name = `${this.prefix}-ldd`;
    this.resources.containers.add(name);
    const r = await this.docker.run(
      ['run', '--rm', '--name', name, '--network', 'none', '--entrypoint', ldd, this.tag('candidate'), check.resolved],
      { timeoutMs: 60_000 },
    );
    this.resources.containers.delete(name);
    const parsed = parseLdd(r.stdout);
    if (parsed.libraries.length === 0 && parsed.missing.length === 0) return false;
    check.method = 'ldd';
    check.missingLibraries = parsed.missing;
    check.libraries = parsed.libraries;
    for (const m of parsed.missing)
      check.problems.push(`${m}, needed by ${check.resolved}, is not found (ldd in the image)`);
    return true;
  }

  /**
   * Runs the original with a read-only root; when it fails that way and behaves otherwise with a
   * writable root, both run writable (the original writes to its file system).
   */
  private async compareRuns(configs: readonly [ImageConfigJson, ImageConfigJson]): Promise<RunComparison> {
    this.say('running the original');
    let readOnly = true;
    let readOnlyNote: string | undefined;
    let original = await this.observe(this.tag('original'), configs[0], true, configs);
    const failed = (r: RunObservation) => r.state === 'exited' && r.exitCode !== 0;
    if (failed(original) && !this.docker.interrupted) {
      const writable = await this.observe(this.tag('original'), configs[0], false, configs);
      if (
        writable.state !== original.state ||
        writable.exitCode !== original.exitCode ||
        writable.stdout !== original.stdout
      ) {
        readOnly = false;
        readOnlyNote = `the original behaves otherwise with a read-only root (exit ${original.exitCode}), so both ran writable`;
        original = writable;
      }
    }
    this.say('running the candidate');
    let candidate = await this.observe(this.tag('candidate'), configs[1], readOnly, configs);
    let differences = compareRuns(original, candidate);
    // A read-only root is verify's choice, not the image's: a candidate that needs a writable root
    // (nginx writes its cache) is compared with both writable, as they run in production.
    if (readOnly && differences.length > 0 && !this.docker.interrupted) {
      this.say('running both again with a writable root');
      const writableOriginal = await this.observe(this.tag('original'), configs[0], false, configs);
      const writableCandidate = await this.observe(this.tag('candidate'), configs[1], false, configs);
      const writableDifferences = compareRuns(writableOriginal, writableCandidate);
      if (writableDifferences.length === 0) {
        readOnly = false;
        readOnlyNote = 'the candidate fails with a read-only root and works with a writable one, so both ran writable';
        original = writableOriginal;
        candidate = writableCandidate;
        differences = writableDifferences;
      }
    }
    const comparison: RunComparison = { readOnly, original, candidate, differences };
    if (readOnlyNote) comparison.readOnlyNote = readOnlyNote;
    return comparison;
  }

  private async observe(
    image: string,
    config: ImageConfigJson,
    readOnly: boolean,
    configs: readonly [ImageConfigJson, ImageConfigJson],
  ): Promise<RunObservation> {
    const name = `${this.prefix}-run-${++this.runs}`;
    this.resources.containers.add(name);
    try {
      const args = ['run', '--detach', '--name', name, '--network', 'none'];
      if (readOnly) args.push('--read-only');
      const started = Date.now();
      const r = await this.docker.run([...args, image], { timeoutMs: 120_000 });
      if (r.code !== 0) return { state: 'not-started', seconds: 0, stdout: '', stderr: firstLine(r.stderr) };
      const port = serverPort(config) ?? serverPort(configs[0]);
      const limitMs = ((port ? (this.options.settleSeconds ?? 5) : (this.options.timeoutSeconds ?? 30)) *
        1000) as number;
      let state = await this.state(name);
      while (state.running && Date.now() - started < limitMs && !this.docker.interrupted) {
        await delay(250);
        state = await this.state(name);
      }
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const logs = await this.docker.run(['logs', name], { timeoutMs: 60_000 });
      const observation: RunObservation = {
        state: state.running ? 'running' : 'exited',
        seconds,
        stdout: cap(logs.stdout),
        stderr: cap(logs.stderr),
      };
      if (!state.running) observation.exitCode = state.exitCode;
      else if (port) observation.http = await this.probe(name, port);
      return observation;
    } finally {
      await this.docker.run(['rm', '--force', '--volumes', name], { timeoutMs: 60_000 });
      this.resources.containers.delete(name);
    }
  }

  private async state(name: string): Promise<{ running: boolean; exitCode: number }> {
    const r = await this.docker.run(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name], {
      timeoutMs: 30_000,
    });
    const [running, code] = r.stdout.trim().split(' ');
    return { running: running === 'true', exitCode: Number(code ?? -1) };
  }

  /** The HTTP client found for the first probe, kept so both images are asked the same way. */
  private client: { image: string; tool: 'wget' | 'curl' } | null | undefined;

  /**
   * `GET /` from a helper container that shares the server's network namespace, so nothing is
   * published and the server's image needs no client. The helper is an image the engine already
   * has: the original (toolchain images carry wget or curl), the candidate, or a local busybox.
   */
  private async probe(container: string, port: string): Promise<HttpObservation> {
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 10_000;
    let last: HttpObservation = { port, error: 'no answer' };
    if (this.client === undefined) this.client = await this.findClient(container, url);
    if (this.client === null) {
      return { port, error: 'no HTTP client (wget or curl) in either image or in a local busybox image' };
    }
    for (;;) {
      const answer = await this.fetch(container, url, this.client);
      last = { port, client: `${this.client.tool} in ${this.client.image}`, ...answer };
      if (answer.status !== undefined || Date.now() > deadline || this.docker.interrupted) return last;
      await delay(500);
    }
  }

  private async findClient(container: string, url: string): Promise<{ image: string; tool: 'wget' | 'curl' } | null> {
    const images = [this.tag('original'), this.tag('candidate')];
    if (
      (await this.docker.run(['image', 'inspect', '--format', '{{.Id}}', 'busybox:latest'], { timeoutMs: 30_000 }))
        .code === 0
    ) {
      images.push('busybox:latest');
    }
    for (const image of images) {
      for (const tool of ['wget', 'curl'] as const) {
        const answer = await this.fetch(container, url, { image, tool });
        if (!answer.missingTool) return { image, tool };
      }
    }
    return null;
  }

  private async fetch(
    container: string,
    url: string,
    client: { image: string; tool: 'wget' | 'curl' },
  ): Promise<{ status?: number; body?: string; error?: string; missingTool?: boolean }> {
    const name = `${this.prefix}-http-${++this.runs}`;
    this.resources.containers.add(name);
    const toolArgs = client.tool === 'wget' ? ['-S', '-O', '-', '-T', '5', url] : ['-s', '-S', '-i', '-m', '5', url];
    const r = await this.docker.run(
      [
        'run',
        '--rm',
        '--name',
        name,
        '--network',
        `container:${container}`,
        '--entrypoint',
        client.tool,
        client.image,
        ...toolArgs,
      ],
      { timeoutMs: 30_000 },
    );
    this.resources.containers.delete(name);
    if (r.code === 127 || r.code === 126 || /executable file not found|no such file or directory/i.test(r.stderr)) {
      if (!/HTTP\/\d/.test(r.stderr + r.stdout)) return { missingTool: true };
    }
    if (client.tool === 'wget') {
      const statuses = [...r.stderr.matchAll(/HTTP\/\d(?:\.\d)?\s+(\d{3})/g)];
      const status = statuses.length > 0 ? Number(statuses[statuses.length - 1]![1]) : undefined;
      if (status === undefined)
        return { error: firstLine(r.stderr.replace(/^Connecting to.*$/gm, '')) || `wget exited ${r.code}` };
      return { status, body: cap(r.stdout) };
    }
    const split = r.stdout.search(/\r?\n\r?\n/);
    const head = split < 0 ? r.stdout : r.stdout.slice(0, split);
    const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(head);
    if (!match) return { error: firstLine(r.stderr) || `curl exited ${r.code}` };
    return { status: Number(match[1]), body: cap(split < 0 ? '' : r.stdout.slice(split).replace(/^\r?\n\r?\n/, '')) };
  }
}

function side(dockerfile: string): ImageSide {
  return { dockerfile, built: false, buildSeconds: 0, buildLog: '' };
}

/** The lowest exposed TCP port. */
export function serverPort(config: ImageConfigJson): string | undefined {
  return Object.keys(config.ExposedPorts ?? {})
    .map((p) => (p.includes('/') ? p : `${p}/tcp`))
    .filter((p) => p.endsWith('/tcp'))
    .map((p) => p.slice(0, -4))
    .sort((a, b) => Number(a) - Number(b))[0];
}

/** The step a build is at, from BuildKit's plain progress (`#7 [2/4] RUN ...`) or the legacy builder (`Step 2/4 : RUN ...`). */
export function currentStep(text: string): string | undefined {
  let step: string | undefined;
  for (const line of text.split('\n')) {
    const kit = /^#\d+ \[(?:[^\]]*\s)?(\d+\/\d+)\] (.*)$/.exec(line);
    const legacy = /^Step (\d+\/\d+) : (.*)$/.exec(line);
    const m = kit ?? legacy;
    if (m) step = `${m[1]} ${m[2]!.length > 60 ? `${m[2]!.slice(0, 57)}...` : m[2]}`;
  }
  return step;
}

/**
 * The layers a legacy build committed itself (` ---> <id>` after a step that did not come from the
 * cache): when the build fails they stay behind as untagged images.
 */
export function legacyCommittedLayers(log: string): string[] {
  const ids: string[] = [];
  let cached = false;
  for (const line of log.split('\n')) {
    if (/^ ---> Using cache/.test(line)) cached = true;
    const m = /^ ---> ([0-9a-f]{12,64})\s*$/.exec(line);
    if (m) {
      if (!cached) ids.push(m[1]!);
      cached = false;
    }
    if (/^Step \d+\/\d+ : FROM /.test(line)) cached = true;
  }
  return ids;
}

function cap(text: string, limit = 64 * 1024): string {
  return text.length > limit ? `${text.slice(0, limit)}\n...` : text;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export { EngineUnavailable } from './engine';
export { lastLines };

/** The entry check when the candidate's file system could not be read: nothing is known, and it says why. */
function unreadableFileSystem(stderr: string): EntryCheck {
  return {
    command: null,
    resolved: null,
    method: 'none',
    missingLibraries: [],
    libraries: [],
    problems: [],
    notes: [`the file system could not be read: ${firstLine(stderr)}`],
  };
}
