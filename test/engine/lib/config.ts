// The runtime configuration of an image, reduced to what a split must keep: what the container runs,
// as whom, where, with which environment, ports, labels, health check, volumes and stop signal.
import type { ConfigField } from './apps.js';
import type { HealthConfig, ImageConfig } from './docker.js';

export interface RuntimeConfig {
  readonly Cmd: readonly string[] | null;
  readonly Entrypoint: readonly string[] | null;
  /** Only the variables the Dockerfile set or changed (compared with its base image). */
  readonly Env: Readonly<Record<string, string>>;
  /** When the Dockerfile changed PATH: the folders it added to its base image's PATH, in order. */
  readonly PathAdded?: readonly string[];
  readonly ExposedPorts: readonly string[];
  readonly User: string;
  readonly WorkingDir: string;
  /** Only the labels the Dockerfile set or changed. */
  readonly Labels: Readonly<Record<string, string>>;
  readonly Healthcheck: HealthConfig | null;
  readonly Volumes: readonly string[];
  readonly StopSignal: string;
}

export function envMap(env: readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

function changedFrom(values: Record<string, string>, base: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(values).sort()) if (values[k] !== base[k]) out[k] = values[k]!;
  return out;
}

const ROOT_USERS = new Set(['', '0', 'root', '0:0', 'root:root', '0:root', 'root:0']);

/** "" (the default), "0", "root" and "0:0" all mean root. */
export function normalUser(user: string | undefined): string {
  const u = (user ?? '').trim();
  return ROOT_USERS.has(u) ? 'root' : u;
}

const SIGNALS: Record<string, string> = {
  '1': 'SIGHUP',
  '2': 'SIGINT',
  '3': 'SIGQUIT',
  '9': 'SIGKILL',
  '15': 'SIGTERM',
};

/** The stop signal's name; the engine's default is SIGTERM. */
export function normalSignal(signal: string | undefined): string {
  const s = (signal ?? '').trim().toUpperCase();
  if (s === '') return 'SIGTERM';
  if (SIGNALS[s]) return SIGNALS[s]!;
  return s.startsWith('SIG') ? s : `SIG${s}`;
}

function normalHealth(h: HealthConfig | null | undefined): HealthConfig | null {
  if (!h?.Test || h.Test.length === 0 || h.Test[0] === 'NONE') return null;
  return {
    Test: h.Test,
    Interval: h.Interval ?? 0,
    Timeout: h.Timeout ?? 0,
    StartPeriod: h.StartPeriod ?? 0,
    Retries: h.Retries ?? 0,
  };
}

const list = (v: readonly string[] | null | undefined): readonly string[] | null => (v && v.length > 0 ? v : null);
const keys = (v: Record<string, unknown> | null | undefined): string[] => Object.keys(v ?? {}).sort();

/** `config` reduced; `base` is the config of the image the Dockerfile's last stage starts FROM. */
export function runtimeConfig(config: ImageConfig, base: ImageConfig): RuntimeConfig {
  const env = changedFrom(envMap(config.Env), envMap(base.Env));
  const basePath = new Set((envMap(base.Env).PATH ?? '').split(':'));
  return {
    Cmd: list(config.Cmd),
    Entrypoint: list(config.Entrypoint),
    Env: env,
    PathAdded: env.PATH === undefined ? undefined : env.PATH.split(':').filter((d) => d !== '' && !basePath.has(d)),
    ExposedPorts: keys(config.ExposedPorts),
    User: normalUser(config.User),
    WorkingDir: config.WorkingDir && config.WorkingDir !== '' ? config.WorkingDir : '/',
    Labels: changedFrom(config.Labels ?? {}, base.Labels ?? {}),
    Healthcheck: normalHealth(config.Healthcheck),
    Volumes: keys(config.Volumes),
    StopSignal: normalSignal(config.StopSignal),
  };
}

export interface ConfigDifference {
  readonly field: ConfigField;
  readonly original: string;
  readonly split: string;
  /** Why it may differ (from app.json), or undefined when it must not. */
  readonly allowed?: string;
}

/** Whether `want` appears in `have` in the same order (other entries may come between). */
function inOrder(want: readonly string[], have: readonly string[]): boolean {
  let i = 0;
  for (const h of have) if (i < want.length && h === want[i]) i++;
  return i === want.length;
}

/**
 * Differences between the original's and the split's runtime config. The split's environment and
 * labels must hold every variable and label the original's Dockerfile set, with the same value;
 * the split's own base image may add more. PATH is the exception: the builder image's own folders
 * (`/go/bin`, `/usr/local/cargo/bin`, ...) need not be on the runtime's PATH, so a PATH the
 * Dockerfile changed must hold the folders the Dockerfile added, in the same order. The rest must
 * be equal.
 */
export function compareConfig(
  original: RuntimeConfig,
  split: RuntimeConfig,
  splitFull: { readonly env: Record<string, string>; readonly labels: Record<string, string> },
  allowed: Partial<Record<ConfigField, string>>,
): ConfigDifference[] {
  const diffs: ConfigDifference[] = [];
  const push = (field: ConfigField, a: unknown, b: unknown): void => {
    const sa = JSON.stringify(a);
    const sb = JSON.stringify(b);
    if (sa !== sb) diffs.push({ field, original: sa, split: sb, allowed: allowed[field] });
  };
  push('Cmd', original.Cmd, split.Cmd);
  push('Entrypoint', original.Entrypoint, split.Entrypoint);
  const pick = (want: Record<string, string>, have: Record<string, string>): Record<string, string | null> => {
    const out: Record<string, string | null> = {};
    for (const k of Object.keys(want)) out[k] = have[k] ?? null;
    return out;
  };
  const env = pick(original.Env, splitFull.env);
  if (original.PathAdded && typeof env.PATH === 'string' && inOrder(original.PathAdded, env.PATH.split(':'))) {
    env.PATH = original.Env.PATH!;
  }
  push('Env', original.Env, env);
  push('ExposedPorts', original.ExposedPorts, split.ExposedPorts);
  push('User', original.User, split.User);
  push('WorkingDir', original.WorkingDir, split.WorkingDir);
  push('Labels', original.Labels, pick(original.Labels, splitFull.labels));
  push('Healthcheck', original.Healthcheck, split.Healthcheck);
  push('Volumes', original.Volumes, split.Volumes);
  push('StopSignal', original.StopSignal, split.StopSignal);
  return diffs;
}
