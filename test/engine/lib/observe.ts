// Running an image and recording what it does: a one-shot run's output and exit code, or a server's
// answers to HTTP requests made over loopback inside its own container, its health and its exit on stop.
import { existsSync } from 'node:fs';
import { docker, dockerOk, removeContainer, type ImageConfig } from './docker.js';
import { tail } from './proc.js';

/** Debian's busybox-static, bind-mounted into server containers as the HTTP client (none of the images needs one). */
export const HOST_BUSYBOX = '/bin/busybox';
const PROBE = '/.stagewright-probe/busybox';

export interface RunObservation {
  readonly kind: 'run';
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HttpResponse {
  readonly path: string;
  readonly status: number;
  /** The body of a 2xx answer (busybox wget drops the others' bodies). */
  readonly body: string;
}

export interface HttpObservation {
  readonly kind: 'http';
  readonly port: string;
  readonly responses: readonly HttpResponse[];
  /** The health status the container settled on, or 'none' without a health check. */
  readonly health: string;
  readonly stopExitCode: number;
}

export type Observation = RunObservation | HttpObservation;

let counter = 0;
function containerName(label: string): string {
  counter += 1;
  return `stagewright-engine-${label}-${process.pid}-${counter}`;
}

export async function observeRun(image: string, args: readonly string[], label: string, timeoutMs = 300_000): Promise<RunObservation> {
  const name = containerName(label);
  const r = await docker(['run', '--rm', '--network=none', '--name', name, image, ...args], timeoutMs);
  if (r.timedOut) {
    await removeContainer(name);
    throw new Error(`${image} did not exit within ${timeoutMs / 1000}s`);
  }
  return { kind: 'run', exitCode: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** The exposed TCP port a server listens on: the lowest one. */
export function serverPort(config: ImageConfig): string | undefined {
  const ports = Object.keys(config.ExposedPorts ?? {})
    .filter((p) => p.endsWith('/tcp'))
    .map((p) => p.slice(0, -4))
    .sort((a, b) => Number(a) - Number(b));
  return ports[0];
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function state(name: string): Promise<{ running: boolean; exitCode: number; health: string }> {
  const out = await dockerOk([
    'inspect',
    '--format',
    '{{.State.Running}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}',
    name,
  ]);
  const [running, exitCode, health] = out.trim().split(' ');
  return { running: running === 'true', exitCode: Number(exitCode), health: health ?? 'none' };
}

async function fetchInside(name: string, port: string, path: string): Promise<HttpResponse | undefined> {
  const r = await docker(
    ['exec', name, PROBE, 'wget', '-S', '-q', '-T', '5', '-O', '-', `http://127.0.0.1:${port}${path}`],
    30_000,
  );
  const status = /HTTP\/1\.[01] (\d{3})/.exec(r.stderr);
  if (!status) return undefined; // not listening yet (or not HTTP)
  const code = Number(status[1]);
  return { path, status: code, body: code >= 200 && code < 300 ? r.stdout : '' };
}

async function logs(name: string): Promise<string> {
  const r = await docker(['logs', '--tail', '40', name], 30_000);
  return tail(r.stdout + r.stderr, 40);
}

function nanosToMs(ns: number | undefined, fallbackMs: number): number {
  return ns && ns > 0 ? ns / 1e6 : fallbackMs;
}

export async function observeHttp(
  image: string,
  config: ImageConfig,
  paths: readonly string[],
  label: string,
  readyTimeoutMs = 60_000,
): Promise<HttpObservation> {
  if (!existsSync(HOST_BUSYBOX)) throw new Error(`${HOST_BUSYBOX} is missing: run \`bash scripts/setup-engine.sh install\``);
  const port = serverPort(config);
  if (!port) throw new Error(`${image} exposes no TCP port, so the server cannot be probed`);
  const name = containerName(label);
  await dockerOk(['run', '--detach', '--network=none', '--name', name, '--volume', `${HOST_BUSYBOX}:${PROBE}:ro`, image]);
  try {
    // Ready when the first path gets any HTTP answer.
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const s = await state(name);
      if (!s.running) throw new Error(`${image} exited with ${s.exitCode} before answering on port ${port}:\n${await logs(name)}`);
      if (await fetchInside(name, port, paths[0]!)) break;
      if (Date.now() > deadline) throw new Error(`${image} did not answer on port ${port} within ${readyTimeoutMs / 1000}s:\n${await logs(name)}`);
      await delay(200);
    }
    const responses: HttpResponse[] = [];
    for (const path of paths) {
      const r = await fetchInside(name, port, path);
      if (!r) throw new Error(`${image}: no HTTP answer for ${path}:\n${await logs(name)}`);
      responses.push(r);
    }
    // The health check settles as healthy, or as unhealthy after its retries.
    let health = 'none';
    const hc = config.Healthcheck;
    if (hc?.Test && hc.Test.length > 0 && hc.Test[0] !== 'NONE') {
      const interval = nanosToMs(hc.Interval, 30_000);
      const timeout = nanosToMs(hc.Timeout, 30_000);
      const limit = Date.now() + nanosToMs(hc.StartPeriod, 0) + (interval + timeout) * ((hc.Retries ?? 3) + 1) + 30_000;
      for (;;) {
        const s = await state(name);
        health = s.health;
        if (health === 'healthy' || health === 'unhealthy' || !s.running) break;
        if (Date.now() > limit) break;
        await delay(250);
      }
    }
    await dockerOk(['stop', '--time', '10', name], 60_000);
    const stopped = await state(name);
    return { kind: 'http', port, responses, health, stopExitCode: stopped.exitCode };
  } finally {
    await removeContainer(name);
  }
}

/** How two observations differ, in words; empty when they match. */
export function compareObservations(original: Observation, other: Observation, compareStop: boolean): string[] {
  const problems: string[] = [];
  if (original.kind === 'run' && other.kind === 'run') {
    if (original.exitCode !== other.exitCode) problems.push(`exit code ${other.exitCode}, original ${original.exitCode}`);
    if (original.stdout !== other.stdout) problems.push(`stdout differs:\n${firstDifference(original.stdout, other.stdout)}`);
    if (original.stderr !== other.stderr) problems.push(`stderr differs:\n${firstDifference(original.stderr, other.stderr)}`);
  } else if (original.kind === 'http' && other.kind === 'http') {
    original.responses.forEach((o, i) => {
      const s = other.responses[i];
      if (!s) return;
      if (o.status !== s.status) problems.push(`GET ${o.path}: status ${s.status}, original ${o.status}`);
      else if (o.body !== s.body) problems.push(`GET ${o.path}: body differs:\n${firstDifference(o.body, s.body)}`);
    });
    if (original.health !== other.health) problems.push(`health ${other.health}, original ${original.health}`);
    if (compareStop && original.stopExitCode !== other.stopExitCode) {
      problems.push(`exit code after docker stop ${other.stopExitCode}, original ${original.stopExitCode}`);
    }
  } else {
    problems.push(`observed as ${other.kind}, original as ${original.kind}`);
  }
  return problems;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      return `  line ${i + 1}\n  original: ${JSON.stringify(al[i] ?? '<end>')}\n  other:    ${JSON.stringify(bl[i] ?? '<end>')}`;
    }
  }
  return '  (whitespace only)';
}
