// The Docker engine started by scripts/setup-engine.sh, through /usr/bin/docker (another `docker`
// client without BuildKit support may come first on PATH).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runProcess, tail, type ProcResult } from './proc.js';

export const DOCKER = '/usr/bin/docker';

export function engineDir(): string {
  return process.env.STAGEWRIGHT_ENGINE ?? join(homedir(), '.cache', 'stagewright', 'engine');
}

export function dockerHost(): string {
  return process.env.DOCKER_HOST ?? `unix://${join(engineDir(), 'docker.sock')}`;
}

export function dockerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: dockerHost(), DOCKER_BUILDKIT: '1' };
}

export function docker(args: readonly string[], timeoutMs = 120_000, input?: string): Promise<ProcResult> {
  return runProcess(DOCKER, args, { env: dockerEnv(), timeoutMs, input });
}

/** Runs docker and throws with its output when it fails. */
export async function dockerOk(args: readonly string[], timeoutMs = 120_000): Promise<string> {
  const r = await docker(args, timeoutMs);
  if (r.code !== 0 || r.timedOut) {
    throw new Error(
      `docker ${args.join(' ')} ${r.timedOut ? 'timed out' : `exited ${r.code}`}\n${tail(r.stderr || r.stdout)}`,
    );
  }
  return r.stdout;
}

/** Why the engine cannot be used, or undefined when it answers. */
export async function engineProblem(): Promise<string | undefined> {
  if (!existsSync(DOCKER)) {
    return `${DOCKER} is missing: run \`bash scripts/setup-engine.sh install\` (as root)`;
  }
  const r = await docker(['info', '--format', '{{.ServerVersion}}'], 30_000);
  if (r.code !== 0) {
    return (
      `no Docker engine answers at ${dockerHost()}: start it with ` +
      `\`eval "$(bash scripts/setup-engine.sh start)"\`\n${tail(r.stderr, 5)}`
    );
  }
  return undefined;
}

export async function imageExists(ref: string): Promise<boolean> {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', ref], 30_000)).code === 0;
}

/** The subset of `docker image inspect` this harness reads. */
export interface ImageInspect {
  readonly Id: string;
  readonly Size: number;
  readonly Config: ImageConfig;
}

export interface HealthConfig {
  readonly Test?: string[] | null;
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly Retries?: number;
}

export interface ImageConfig {
  readonly Cmd?: string[] | null;
  readonly Entrypoint?: string[] | null;
  readonly Env?: string[] | null;
  readonly ExposedPorts?: Record<string, unknown> | null;
  readonly User?: string;
  readonly WorkingDir?: string;
  readonly Labels?: Record<string, string> | null;
  readonly Healthcheck?: HealthConfig | null;
  readonly Volumes?: Record<string, unknown> | null;
  readonly StopSignal?: string;
}

export async function inspectImage(ref: string): Promise<ImageInspect> {
  const out = await dockerOk(['image', 'inspect', ref], 30_000);
  const parsed = JSON.parse(out) as ImageInspect[];
  const first = parsed[0];
  if (!first) throw new Error(`docker image inspect ${ref}: no result`);
  return { Id: first.Id, Size: first.Size, Config: first.Config ?? {} };
}

export interface BuildResult {
  readonly ok: boolean;
  readonly seconds: number;
  readonly log: string;
}

/**
 * `docker build --network=none` with BuildKit: no registry is reachable, so no --pull and no
 * `# syntax=` line; the base images are the local ones from scripts/engine-images.sh. Apps whose
 * Dockerfiles install Debian packages build with `network: 'host'` (RUN reaches the Debian mirror
 * the base images' apt sources name).
 */
export async function build(
  contextDir: string,
  dockerfile: string,
  tag: string,
  network: 'none' | 'host' = 'none',
  timeoutMs = 900_000,
): Promise<BuildResult> {
  const r = await docker(
    ['build', `--network=${network}`, '--progress=plain', '-f', dockerfile, '-t', tag, contextDir],
    timeoutMs,
  );
  return {
    ok: r.code === 0 && !r.timedOut,
    seconds: r.seconds,
    log: (r.timedOut ? `build timed out after ${timeoutMs / 1000}s\n` : '') + r.stderr + r.stdout,
  };
}

export async function removeImages(refs: readonly string[]): Promise<void> {
  if (refs.length > 0) await docker(['image', 'rm', '--force', ...refs], 60_000);
}

export async function removeContainer(name: string): Promise<void> {
  await docker(['rm', '--force', '--volumes', name], 60_000);
}
