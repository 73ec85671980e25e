/**
 * Compares the configuration of two images, field by field, the way the engine applies it when a
 * container starts. Values that mean the same are written differently by different builders and
 * base images (an empty User and `root`, no StopSignal and `SIGTERM`, port `80` and `80/tcp`); they
 * are compared by meaning. A variable or label that only the base images set (golang's GOPATH, a
 * distroless image's labels) is reported as not mattering: the candidate may change its base.
 */
import type { ConfigDifference, ConfigField } from '../../../../shared/verify-data';
import type { DeclaredConfig } from './declared';
import { envMap, type HealthcheckJson, type ImageConfigJson } from './inspect';

export interface ConfigSides {
  original: ImageConfigJson;
  candidate: ImageConfigJson;
  /** What each Dockerfile itself sets; without them every Env and Labels difference matters. */
  originalDeclared?: DeclaredConfig;
  candidateDeclared?: DeclaredConfig;
}

export function compareConfigs(sides: ConfigSides): ConfigDifference[] {
  const { original: o, candidate: c } = sides;
  const out: ConfigDifference[] = [];
  out.push(...compareEnv(sides));
  const user = [normalUser(o.User), normalUser(c.User)] as const;
  if (user[0] !== user[1])
    out.push(diff('User', undefined, o.User || null, c.User || null, 'the process runs as another user'));
  const workdir = [normalDir(o.WorkingDir), normalDir(c.WorkingDir)] as const;
  if (workdir[0] !== workdir[1]) {
    out.push(
      diff('WorkingDir', undefined, o.WorkingDir || null, c.WorkingDir || null, 'relative paths resolve elsewhere'),
    );
  }
  for (const field of ['Entrypoint', 'Cmd'] as const) {
    const a = o[field] ?? [];
    const b = c[field] ?? [];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(
        diff(
          field,
          undefined,
          a.length ? JSON.stringify(a) : null,
          b.length ? JSON.stringify(b) : null,
          'another command starts',
        ),
      );
    }
  }
  out.push(...compareKeys('ExposedPorts', portKeys(o.ExposedPorts), portKeys(c.ExposedPorts), 'port'));
  out.push(...compareKeys('Volumes', Object.keys(o.Volumes ?? {}), Object.keys(c.Volumes ?? {}), 'volume'));
  out.push(...compareLabels(sides));
  const health = [normalHealth(o.Healthcheck), normalHealth(c.Healthcheck)] as const;
  if (health[0] !== health[1])
    out.push(diff('Healthcheck', undefined, health[0], health[1], 'the health check differs'));
  const signal = [normalSignal(o.StopSignal), normalSignal(c.StopSignal)] as const;
  if (signal[0] !== signal[1]) {
    out.push(
      diff('StopSignal', undefined, o.StopSignal || null, c.StopSignal || null, '`docker stop` sends another signal'),
    );
  }
  const shell = [normalShell(o.Shell), normalShell(c.Shell)] as const;
  if (shell[0] !== shell[1]) {
    out.push(
      diff(
        'Shell',
        undefined,
        o.Shell ? JSON.stringify(o.Shell) : null,
        c.Shell ? JSON.stringify(c.Shell) : null,
        'images built FROM it run RUN with another shell',
      ),
    );
  }
  return out;
}

function diff(
  field: ConfigField,
  key: string | undefined,
  original: string | null,
  candidate: string | null,
  reason: string,
  matters = true,
): ConfigDifference {
  const d: ConfigDifference = { field, original, candidate, matters, reason };
  if (key !== undefined) d.key = key;
  return d;
}

function compareEnv({ original, candidate, originalDeclared, candidateDeclared }: ConfigSides): ConfigDifference[] {
  const a = envMap(original.Env);
  const b = envMap(candidate.Env);
  const out: ConfigDifference[] = [];
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const name of names) {
    const va = a.get(name) ?? null;
    const vb = b.get(name) ?? null;
    if (va === vb) continue;
    if (name === 'PATH') {
      out.push(comparePath(va, vb, originalDeclared));
      continue;
    }
    const byOriginal = originalDeclared === undefined || originalDeclared.env.has(name);
    const byCandidate = candidateDeclared?.env.has(name) ?? false;
    if (byOriginal) {
      out.push(
        diff(
          'Env',
          name,
          va,
          vb,
          vb === null
            ? "the original's Dockerfile sets it; the candidate lost it"
            : "the original's Dockerfile sets it to another value",
        ),
      );
    } else if (byCandidate) {
      out.push(
        diff(
          'Env',
          name,
          va,
          vb,
          va === null ? "the candidate's Dockerfile adds it" : "the candidate's Dockerfile sets another value",
        ),
      );
    } else {
      out.push(diff('Env', name, va, vb, 'only the base images differ here', false));
    }
  }
  return out;
}

/**
 * PATH differs with the base image (golang puts /go/bin first, distroless has no /usr/local/go); what
 * must hold is that the folders the original's Dockerfile put on PATH are on the candidate's PATH in
 * the same order.
 */
function comparePath(va: string | null, vb: string | null, declared: DeclaredConfig | undefined): ConfigDifference {
  const added = declared ? declared.pathFolders : (va ?? '').split(':').filter((f) => f !== '');
  const candidateFolders = (vb ?? '').split(':');
  let at = -1;
  const missing: string[] = [];
  for (const folder of added) {
    const found = candidateFolders.indexOf(folder, at + 1);
    if (found < 0) missing.push(folder);
    else at = found;
  }
  if (missing.length > 0) {
    return diff(
      'Env',
      'PATH',
      va,
      vb,
      `the original's Dockerfile puts ${missing.join(', ')} on PATH; the candidate's PATH lacks ${missing.length === 1 ? 'it' : 'them'} or has them in another order`,
    );
  }
  return diff(
    'Env',
    'PATH',
    va,
    vb,
    added.length > 0
      ? "the folders the original's Dockerfile adds are there, in order; the rest comes from the base images"
      : 'only the base images differ here',
    false,
  );
}

function compareLabels({ original, candidate, originalDeclared, candidateDeclared }: ConfigSides): ConfigDifference[] {
  const a = original.Labels ?? {};
  const b = candidate.Labels ?? {};
  const out: ConfigDifference[] = [];
  for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const va = Object.hasOwn(a, name) ? a[name]! : null;
    const vb = Object.hasOwn(b, name) ? b[name]! : null;
    if (va === vb) continue;
    const matters =
      originalDeclared === undefined ||
      originalDeclared.labels.has(name) ||
      (candidateDeclared?.labels.has(name) ?? false);
    out.push(
      diff(
        'Labels',
        name,
        va,
        vb,
        matters ? 'a label the Dockerfiles set' : 'only the base images differ here',
        matters,
      ),
    );
  }
  return out;
}

function compareKeys(field: ConfigField, a: string[], b: string[], noun: string): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  for (const key of [...new Set([...a, ...b])].sort()) {
    const inA = a.includes(key);
    const inB = b.includes(key);
    if (inA && !inB) out.push(diff(field, key, key, null, `the candidate lacks the ${noun}`));
    if (!inA && inB) out.push(diff(field, key, null, key, `the candidate adds the ${noun}`));
  }
  return out;
}

function portKeys(ports: Record<string, unknown> | null | undefined): string[] {
  return Object.keys(ports ?? {}).map((p) => (p.includes('/') ? p.toLowerCase() : `${p}/tcp`));
}

function normalUser(user: string | undefined): string {
  const u = (user ?? '').trim();
  const [name, group] = u.split(':');
  const rootName = name === '' || name === 'root' || name === '0';
  const rootGroup = group === undefined || group === 'root' || group === '0';
  if (rootName && rootGroup) return 'root';
  return u;
}

function normalDir(dir: string | undefined): string {
  const d = (dir ?? '').replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

const SIGNAL_NUMBERS: Record<string, string> = {
  '1': 'SIGHUP',
  '2': 'SIGINT',
  '3': 'SIGQUIT',
  '6': 'SIGABRT',
  '9': 'SIGKILL',
  '10': 'SIGUSR1',
  '12': 'SIGUSR2',
  '15': 'SIGTERM',
  '28': 'SIGWINCH',
};

/** The engine sends SIGTERM when the image names no stop signal; names may lack SIG or be numbers. */
function normalSignal(signal: string | undefined): string {
  const s = (signal ?? '').trim().toUpperCase();
  if (s === '') return 'SIGTERM';
  if (/^\d+$/.test(s)) return SIGNAL_NUMBERS[s] ?? s;
  return s.startsWith('SIG') ? s : `SIG${s}`;
}

function normalShell(shell: string[] | null | undefined): string {
  return JSON.stringify(shell && shell.length > 0 ? shell : ['/bin/sh', '-c']);
}

/** The health check as text, defaults filled in; null without one (HEALTHCHECK NONE included). */
function normalHealth(health: HealthcheckJson | null | undefined): string | null {
  if (!health?.Test || health.Test.length === 0 || health.Test[0] === 'NONE') return null;
  const seconds = (ns: number | undefined, fallback: number) => `${ns && ns > 0 ? ns / 1e9 : fallback}s`;
  return (
    `${JSON.stringify(health.Test)} interval ${seconds(health.Interval, 30)} timeout ${seconds(health.Timeout, 30)} ` +
    `start-period ${seconds(health.StartPeriod, 0)} retries ${health.Retries && health.Retries > 0 ? health.Retries : 3}`
  );
}
