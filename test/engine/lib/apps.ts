// The sample apps under test/engine/apps/<name>/: a single-stage Dockerfile, the hand-written
// multi-stage Dockerfile.hand (or, for apps the split must decline, none), and app.json describing
// how to observe the running container and what the split must keep.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type Category = 'static' | 'dynamic' | 'python' | 'static-site' | 'node-server' | 'java' | 'other';
const CATEGORIES: readonly Category[] = ['static', 'dynamic', 'python', 'static-site', 'node-server', 'java', 'other'];

/** Config fields compared between the original and the split image. */
export const CONFIG_FIELDS = [
  'Cmd',
  'Entrypoint',
  'Env',
  'ExposedPorts',
  'User',
  'WorkingDir',
  'Labels',
  'Healthcheck',
  'Volumes',
  'StopSignal',
] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** What the split should do with the app: split it, or decline with a reason. */
export type Expectation = 'split' | 'decline';

/** The owner a path must have, as written in app.json ("user:group", names or numbers). */
export interface OwnedSpec {
  readonly path: string;
  readonly owner: string;
}

export interface AppSpec {
  readonly name: string;
  readonly dir: string;
  readonly summary: string;
  readonly category: Category;
  readonly expect: Expectation;
  /** For `decline`: a regular expression (case-insensitive) the CLI's reason on stderr must match. */
  readonly declineReason?: RegExp;
  /** Paths that must exist in the image (symbolic links must lead somewhere). */
  readonly files: readonly string[];
  /** Paths whose numeric owner and group in the split must be those of the original. */
  readonly owned: readonly OwnedSpec[];
  /** `host` when the Dockerfiles install Debian packages while building (the build reaches the mirror). */
  readonly buildNetwork: 'none' | 'host';
  /** The size ratio original/hand that the hand split should reach: at least `min`, or about `about`. */
  readonly target: { readonly min?: number; readonly about?: number };
  /** Run once: arguments after the image name (default none) and the output is compared. */
  readonly run?: { readonly args: readonly string[] };
  /** A server: started detached, these paths fetched over loopback inside the container, then stopped. */
  readonly http?: { readonly paths: readonly string[] };
  /** Config fields the split may change, each with the reason. */
  readonly configMayDiffer: Partial<Record<ConfigField, string>>;
}

/** The repository root: the nearest folder upwards from the working directory whose package.json is Stagewright's. */
export function repoRoot(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'stagewright') return dir;
      } catch {
        // not this one
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`not inside the Stagewright repository: ${start}`);
    dir = up;
  }
}

export function appsDir(root = repoRoot()): string {
  return join(root, 'test', 'engine', 'apps');
}

function fail(app: string, message: string): never {
  throw new Error(`test/engine/apps/${app}/app.json: ${message}`);
}

function stringArray(app: string, value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    fail(app, `${what} must be an array of strings`);
  return value as string[];
}

const KNOWN_KEYS = new Set([
  'summary',
  'category',
  'expect',
  'declineReason',
  'target',
  'run',
  'http',
  'configMayDiffer',
  'files',
  'owned',
  'buildNetwork',
]);

function absolutePaths(app: string, value: unknown, what: string): string[] {
  const paths = stringArray(app, value, what);
  for (const p of paths)
    if (!p.startsWith('/') || p.length < 2) fail(app, `${what}: ${JSON.stringify(p)} is not an absolute path`);
  return paths;
}

export function loadApp(dir: string): AppSpec {
  const name = dir.split('/').pop() ?? dir;
  for (const f of ['Dockerfile', 'app.json']) {
    if (!existsSync(join(dir, f))) fail(name, `${f} is missing`);
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as Record<string, unknown>;
  } catch (e) {
    fail(name, `not valid JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(name, 'must be an object');
  for (const k of Object.keys(raw)) if (!KNOWN_KEYS.has(k)) fail(name, `unknown key ${k}`);
  if (typeof raw.summary !== 'string' || raw.summary === '') fail(name, 'summary must be a string');
  if (!CATEGORIES.includes(raw.category as Category)) fail(name, `category must be one of ${CATEGORIES.join(', ')}`);
  const expect = (raw.expect ?? 'split') as Expectation;
  if (expect !== 'split' && expect !== 'decline') fail(name, 'expect must be "split" or "decline"');
  let declineReason: RegExp | undefined;
  if (expect === 'decline') {
    if (typeof raw.declineReason !== 'string' || raw.declineReason === '') {
      fail(name, 'an app the split must decline needs declineReason, the regular expression its reason must match');
    }
    try {
      declineReason = new RegExp(raw.declineReason, 'i');
    } catch (e) {
      fail(name, `declineReason is not a regular expression: ${(e as Error).message}`);
    }
    if (existsSync(join(dir, 'Dockerfile.hand'))) fail(name, 'an app the split must decline has no Dockerfile.hand');
    for (const k of ['target', 'configMayDiffer', 'files', 'owned']) {
      if (raw[k] !== undefined) fail(name, `${k} is about a split; this app expects the split to decline`);
    }
  } else {
    if (raw.declineReason !== undefined) fail(name, 'declineReason needs "expect": "decline"');
    if (!existsSync(join(dir, 'Dockerfile.hand'))) fail(name, 'Dockerfile.hand is missing');
  }
  const files = raw.files === undefined ? [] : absolutePaths(name, raw.files, 'files');
  const owned: OwnedSpec[] = [];
  if (raw.owned !== undefined) {
    if (raw.owned === null || typeof raw.owned !== 'object' || Array.isArray(raw.owned)) {
      fail(name, 'owned must map absolute paths to "user:group"');
    }
    for (const [path, owner] of Object.entries(raw.owned as Record<string, unknown>)) {
      if (!path.startsWith('/') || path.length < 2)
        fail(name, `owned: ${JSON.stringify(path)} is not an absolute path`);
      if (typeof owner !== 'string' || !/^[^:\s]+:[^:\s]+$/.test(owner))
        fail(name, `owned.${path} must be "user:group"`);
      owned.push({ path, owner });
    }
  }
  const buildNetwork = raw.buildNetwork ?? 'none';
  if (buildNetwork !== 'none' && buildNetwork !== 'host') fail(name, 'buildNetwork must be "none" or "host"');
  const target = (raw.target ?? {}) as { min?: unknown; about?: unknown };
  if (
    (target.min !== undefined && typeof target.min !== 'number') ||
    (target.about !== undefined && typeof target.about !== 'number')
  ) {
    fail(name, 'target.min and target.about must be numbers');
  }
  if (raw.run !== undefined && raw.http !== undefined) fail(name, 'run and http exclude each other');
  let run: AppSpec['run'];
  let http: AppSpec['http'];
  if (raw.http !== undefined) {
    const paths = stringArray(name, (raw.http as { paths?: unknown }).paths, 'http.paths');
    if (paths.length === 0 || !paths.every((p) => p.startsWith('/'))) fail(name, 'http.paths must be absolute paths');
    http = { paths };
  } else {
    const args = raw.run === undefined ? [] : stringArray(name, (raw.run as { args?: unknown }).args ?? [], 'run.args');
    run = { args };
  }
  const configMayDiffer: Partial<Record<ConfigField, string>> = {};
  for (const [k, v] of Object.entries((raw.configMayDiffer ?? {}) as Record<string, unknown>)) {
    if (!(CONFIG_FIELDS as readonly string[]).includes(k)) fail(name, `configMayDiffer: unknown field ${k}`);
    if (typeof v !== 'string' || v === '') fail(name, `configMayDiffer.${k} needs the reason as a string`);
    configMayDiffer[k as ConfigField] = v;
  }
  return {
    name,
    dir,
    summary: raw.summary,
    category: raw.category as Category,
    expect,
    declineReason,
    files,
    owned,
    buildNetwork,
    target: { min: target.min as number | undefined, about: target.about as number | undefined },
    run,
    http,
    configMayDiffer,
  };
}

/** The apps, sorted by name; `filters` keep the apps whose name contains one of them. */
export function discoverApps(filters: readonly string[] = [], root = repoRoot()): AppSpec[] {
  const dir = appsDir(root);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const picked = filters.length === 0 ? names : names.filter((n) => filters.some((f) => n.includes(f)));
  if (filters.length > 0 && picked.length === 0) {
    throw new Error(`no app matches ${filters.join(', ')}; apps: ${names.join(', ')}`);
  }
  return picked.map((n) => loadApp(join(dir, n)));
}

interface FromLine {
  readonly ref: string;
  readonly stage?: string;
}

/** The FROM lines of a Dockerfile, with ARG defaults declared before the first FROM substituted. */
function fromLines(dockerfileText: string): FromLine[] {
  const lines = dockerfileText.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const args = new Map<string, string>();
  const out: FromLine[] = [];
  for (const line of lines) {
    const t = line.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(t);
    if (arg && out.length === 0) {
      args.set(arg[1]!, (arg[2] ?? '').replace(/^["']|["']$/g, ''));
      continue;
    }
    const from = /^FROM\s+(.*)$/i.exec(t);
    if (!from) continue;
    const words = from[1]!.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
    const ref = (words[0] ?? 'scratch').replace(
      /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
      (_m, v: string) => args.get(v) ?? '',
    );
    const stage = words.length >= 3 && words[1]!.toLowerCase() === 'as' ? words[2]!.toLowerCase() : undefined;
    out.push({ ref, stage });
  }
  return out;
}

/** The images a Dockerfile's stages start from: not earlier stages, not scratch. */
export function baseImages(dockerfileText: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const { ref, stage } of fromLines(dockerfileText)) {
    const r = ref.toLowerCase();
    if (!stages.has(r) && r !== 'scratch' && !images.includes(ref)) images.push(ref);
    if (stage) stages.add(stage);
  }
  return images;
}

/** Whether an image reference names a Windows image (servercore, nanoserver, ...): never built here. */
export function isWindowsImage(ref: string): boolean {
  return /(^|\/)(windows|nanoserver|servercore)([/:@-]|$)|mcr\.microsoft\.com\/windows|:ltsc\d{4}/i.test(ref);
}

/** The image the last stage starts from, following stage names back to an image (or scratch). */
export function finalBaseImage(dockerfileText: string): string {
  const stageBase = new Map<string, string>();
  let last = 'scratch';
  for (const { ref, stage } of fromLines(dockerfileText)) {
    const base = stageBase.get(ref.toLowerCase()) ?? ref;
    if (stage) stageBase.set(stage, base);
    last = base;
  }
  return last;
}
