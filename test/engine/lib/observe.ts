// Running an image and recording what it does: a one-shot run's output and exit code, or a server's
// answers to HTTP requests made on the loopback of its own container, its health and its exit on stop.
import { existsSync } from 'node:fs';
import { docker, dockerOk, removeContainer, type ImageConfig } from './docker.js';
import { runProcess, tail } from './proc.js';

const NSENTER = '/usr/bin/nsenter';

export interface RunObservation {
  readonly kind: 'run';
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HttpResponse {
  readonly path: string;
  readonly status: number;
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

export async function observeRun(
  image: string,
  args: readonly string[],
  label: string,
  timeoutMs = 300_000,
): Promise<RunObservation> {
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

// A GET with Node's own HTTP client, run in the container's network namespace (nsenter, as root):
// it reaches the server on the container's loopback and needs nothing inside the image.
const FETCH_SCRIPT = `
const http = require('node:http');
const [port, path] = process.argv.slice(1);
const req = http.get({ host: '127.0.0.1', port: Number(port), path, timeout: 5000,
  headers: { 'user-agent': 'stagewright-engine-test' } }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') })));
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', (e) => { process.stderr.write(String(e)); process.exit(1); });
`;

async function fetchInside(pid: string, port: string, path: string): Promise<HttpResponse | undefined> {
  const r = await runProcess(
    NSENTER,
    ['--target', pid, '--net', '--', process.execPath, '-e', FETCH_SCRIPT, port, path],
    {
      timeoutMs: 30_000,
    },
  );
  if (r.code !== 0) return undefined; // not listening yet
  const answer = JSON.parse(r.stdout) as { status: number; body: string };
  return { path, status: answer.status, body: answer.body };
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
  if (!existsSync(NSENTER)) throw new Error(`${NSENTER} is missing (util-linux)`);
  const port = serverPort(config);
  if (!port) throw new Error(`${image} exposes no TCP port, so the server cannot be probed`);
  const name = containerName(label);
  await dockerOk(['run', '--detach', '--network=none', '--name', name, image]);
  try {
    const pid = (await dockerOk(['inspect', '--format', '{{.State.Pid}}', name])).trim();
    // Ready when the first path gets any HTTP answer.
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const s = await state(name);
      if (!s.running)
        throw new Error(`${image} exited with ${s.exitCode} before answering on port ${port}:\n${await logs(name)}`);
      if (await fetchInside(pid, port, paths[0]!)) break;
      if (Date.now() > deadline)
        throw new Error(
          `${image} did not answer on port ${port} within ${readyTimeoutMs / 1000}s:\n${await logs(name)}`,
        );
      await delay(200);
    }
    const responses: HttpResponse[] = [];
    for (const path of paths) {
      const r = await fetchInside(pid, port, path);
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
    if (original.exitCode !== other.exitCode)
      problems.push(`exit code ${other.exitCode}, original ${original.exitCode}`);
    if (original.stdout !== other.stdout)
      problems.push(`stdout differs:\n${firstDifference(original.stdout, other.stdout)}`);
    if (original.stderr !== other.stderr)
      problems.push(`stderr differs:\n${firstDifference(original.stderr, other.stderr)}`);
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
