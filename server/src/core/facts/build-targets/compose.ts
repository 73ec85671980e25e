/**
 * Compose files: each service's `build` (a context string, or an object with `context`,
 * `dockerfile` and `target`), through `extends` (in the same file or another) and across the
 * override files of a folder (`compose.override.yaml` and `docker-compose.*.yml` add to the service
 * of the same name in the folder's main file). Services behind `profiles` are built too, when their
 * profile is on, so they count.
 */
import { parse } from 'yaml';
import { settingNames } from './commands';
import { namedForRegistry, taggedRepositories } from './images';
import { dirOf, isRemote, joinPath } from './paths';
import type { BuildFileText, BuildTarget, ReadRelated } from './types';

/** The file names Compose looks for by default, in its order; the first present is a folder's main file. */
export const COMPOSE_MAIN_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Whether a file name is a Compose file: the main names, their overrides, `docker-compose.<x>.yml`, `compose.<x>.yaml`. */
export function isComposeFile(name: string): boolean {
  return /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/i.test(name);
}

type Yaml = Record<string, unknown>;

const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses YAML into plain data (merge keys on, aliases bounded); null for text that is not YAML. */
export function parseYaml(text: string): unknown {
  try {
    return parse(text, { merge: true, maxAliasCount: 200, prettyErrors: false, uniqueKeys: false });
  } catch {
    return null;
  }
}

/** Compose's interpolation with no environment: `${X:-default}` is its default, `$$` a `$`; null when unknown. */
export function interpolate(value: unknown): string | null {
  if (typeof value !== 'string') return typeof value === 'number' ? String(value) : null;
  const text = value.replace(/\$\$/g, '\u0000');
  let unknown = false;
  const out = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, _name: string | undefined, modifier: string | undefined, word: string | undefined) => {
      if (modifier === ':-' || modifier === '-') return word ?? '';
      if (modifier === ':+' || modifier === '+') return '';
      unknown = true;
      return '';
    },
  );
  return unknown ? null : out.replace(/\u0000/g, '$');
}

/** A build as a Compose file states it: its fields and the folder its paths are relative to. */
interface BuildSpec {
  context?: unknown;
  dockerfile?: unknown;
  dockerfileInline?: boolean;
  target?: unknown;
  /** The build arguments' names (`args:` as a map or a `NAME=value` list), merged over what it extends. */
  args?: string[];
  /** The named contexts' names (`additional_contexts:` as a map or a `NAME=value` list). */
  contexts?: string[];
  /** The folder of the file that states the context (relative paths are read from there). */
  dir: string;
  /** The file that states the target. */
  targetFile: string;
  /** The file that states the build (the last one merged over it). */
  file: string;
}

function buildOf(service: Yaml, file: string): Partial<BuildSpec> | null {
  const build = service.build;
  if (typeof build === 'string') return { context: build, dir: dirOf(file), file };
  if (!isObject(build)) return null;
  const spec: Partial<BuildSpec> = { dir: dirOf(file), file };
  if ('context' in build) spec.context = build.context;
  if ('dockerfile' in build) spec.dockerfile = build.dockerfile;
  if ('dockerfile_inline' in build) spec.dockerfileInline = true;
  if ('target' in build) {
    spec.target = build.target;
    spec.targetFile = file;
  }
  // `args` and `additional_contexts` are a map or a list of `NAME=value`.
  const names = (value: unknown, kind: 'arg' | 'context') =>
    Array.isArray(value) ? settingNames(value, kind) : isObject(value) ? Object.keys(value) : undefined;
  const args = names(build.args, 'arg');
  if (args) spec.args = args;
  const contexts = names(build.additional_contexts, 'context');
  if (contexts) spec.contexts = contexts;
  return spec;
}

/** `over` on top of `base`: the fields `over` states win; the context's folder follows the context. */
function mergeBuild(base: Partial<BuildSpec> | null, over: Partial<BuildSpec> | null): Partial<BuildSpec> | null {
  if (!base) return over;
  if (!over) return base;
  const merged: Partial<BuildSpec> = { ...base };
  if ('context' in over) {
    merged.context = over.context;
    merged.dir = over.dir;
  }
  if ('dockerfile' in over) merged.dockerfile = over.dockerfile;
  if (over.dockerfileInline) merged.dockerfileInline = true;
  if ('target' in over) {
    merged.target = over.target;
    merged.targetFile = over.targetFile;
  }
  if (over.args) merged.args = [...new Set([...(base.args ?? []), ...over.args])];
  if (over.file) merged.file = over.file;
  if (over.contexts) merged.contexts = [...new Set([...(base.contexts ?? []), ...over.contexts])];
  return merged;
}

interface ComposeReader {
  read: ReadRelated;
  parsed: Map<string, Yaml | null>;
}

function servicesOf(reader: ComposeReader, file: string, text?: string): Yaml | null {
  if (!reader.parsed.has(file)) {
    const source = text ?? reader.read(file);
    const doc = source === undefined ? null : parseYaml(source);
    reader.parsed.set(file, isObject(doc) && isObject(doc.services) ? doc.services : null);
  }
  return reader.parsed.get(file) ?? null;
}

/** A service's build with what it extends underneath (at most a few levels; a loop stops there). */
function resolveService(reader: ComposeReader, file: string, name: string, depth = 0): Partial<BuildSpec> | null {
  const services = servicesOf(reader, file);
  const service = services?.[name];
  if (!isObject(service) || depth > 8) return null;
  let base: Partial<BuildSpec> | null = null;
  const ext = service.extends;
  if (typeof ext === 'string') base = resolveService(reader, file, ext, depth + 1);
  else if (isObject(ext) && typeof ext.service === 'string') {
    const other = typeof ext.file === 'string' ? interpolate(ext.file) : null;
    const otherFile = other === null ? file : joinPath(dirOf(file), other);
    base = resolveService(reader, otherFile, ext.service, depth + 1);
  }
  return mergeBuild(base, buildOf(service, file));
}

/**
 * The first bind mount of the service that puts the build context's tree in the container (`.:/app`,
 * `../..:/usr/src/app`, `${PWD}:/code`, `{ type: bind, source: ., target: /app }`): a folder given
 * relative to the Compose file that is the context or holds it. The container then runs the sources
 * on the host, not the ones the image copied: a development environment. Named volumes, absolute
 * paths and files or folders inside the context (`./nginx.conf:/etc/nginx/nginx.conf`) do not count.
 */
function sourceMount(service: Yaml, file: string, context: string): string | null {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  for (const volume of volumes) {
    let source: unknown;
    let target: unknown;
    if (typeof volume === 'string') {
      const parts = volume.split(':');
      if (parts.length < 2) continue;
      [source, target] = parts;
    } else if (isObject(volume) && (volume.type === undefined || volume.type === 'bind')) {
      source = volume.source;
      target = volume.target;
    }
    if (typeof source !== 'string' || typeof target !== 'string') continue;
    // `${PWD}` is the folder Compose runs in, the project's: the Compose file's own folder.
    const relative = source.replace(/^\$\{PWD\}|^\$PWD\b/, '.');
    if (!/^\.\.?(\/|$)/.test(relative)) continue;
    const host = interpolate(relative);
    if (host === null) continue;
    const bound = joinPath(dirOf(file), host);
    const holds =
      bound === '..' || bound.startsWith('../') || bound === '' || context === bound || context.startsWith(`${bound}/`);
    if (holds) return `mounts ${source} at ${target}`;
  }
  return null;
}

function targetOf(
  spec: Partial<BuildSpec> | null,
  service: string,
  profiles: unknown,
  image: unknown,
  mount: (context: string) => string | null,
): BuildTarget | null {
  if (!spec || spec.dockerfileInline) return null;
  const stage = spec.target === undefined ? null : interpolate(spec.target);
  if (spec.target !== undefined && (stage === null || stage === '')) return null;
  const context = spec.context === undefined ? '.' : interpolate(spec.context);
  const dockerfile = spec.dockerfile === undefined ? 'Dockerfile' : interpolate(spec.dockerfile);
  let dockerfiles: string[] | null = null;
  if (context !== null && dockerfile !== null) {
    if (isRemote(context)) return null;
    dockerfiles = [joinPath(joinPath(spec.dir ?? '', context), dockerfile)];
  }
  const profileList = Array.isArray(profiles) ? profiles.filter((p) => typeof p === 'string') : [];
  const what =
    profileList.length > 0
      ? `service ${service} (profile${profileList.length > 1 ? 's' : ''} ${profileList.join(', ')})`
      : `service ${service}`;
  const contextDir = context === null ? null : joinPath(spec.dir ?? '', context);
  // An image named for a registry (`elasticobservability/apm-agent-php-dev:0.0.2`, `ghcr.io/acme/app`)
  // is one `docker compose push` publishes: even run on the mounted sources, it may be pulled.
  const published = typeof image === 'string' && namedForRegistry(image);
  const mounted = contextDir === null || published ? null : mount(contextDir);
  return {
    stage,
    args: spec.args ?? [],
    contexts: spec.contexts ?? [],
    // `image:` beside `build:` names what the build produces.
    images: typeof image === 'string' ? taggedRepositories([image], interpolate) : [],
    dockerfiles,
    file: spec.targetFile ?? spec.file ?? '',
    what,
    ...(mounted ? { development: mounted } : {}),
  };
}

/**
 * The builds the Compose files define (with their target, or the default one). `files` are the Compose files found (root-relative paths);
 * `read` opens the files that `extends` names.
 */
export function readComposeFiles(files: readonly BuildFileText[], read: ReadRelated = () => undefined): BuildTarget[] {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const reader: ComposeReader = { read: (p) => texts.get(p) ?? read(p), parsed: new Map() };
  // Each folder's main file: the others add to its services.
  const mainOf = new Map<string, string>();
  for (const name of COMPOSE_MAIN_FILES) {
    for (const f of files) {
      const dir = dirOf(f.path);
      if (f.path.slice(dir === '' ? 0 : dir.length + 1) === name && !mainOf.has(dir)) mainOf.set(dir, f.path);
    }
  }
  const out: BuildTarget[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const services = servicesOf(reader, f.path, f.text);
    if (!services) continue;
    const main = mainOf.get(dirOf(f.path));
    for (const [name, service] of Object.entries(services)) {
      if (!isObject(service)) continue;
      let spec = resolveService(reader, f.path, name);
      if (main && main !== f.path) spec = mergeBuild(resolveService(reader, main, name), spec);
      // The target is reported where it is written (an override's target by the override).
      if (spec?.targetFile !== undefined && spec.targetFile !== f.path && texts.has(spec.targetFile)) continue;
      const mainService = main && main !== f.path ? servicesOf(reader, main)?.[name] : undefined;
      const image = service.image ?? (isObject(mainService) ? mainService.image : undefined);
      // The service's own volumes, or the main file's for the same service (an override adds to them).
      const mount = (context: string): string | null => {
        const own = sourceMount(service, f.path, context);
        if (own) return `${f.path}: service ${name} ${own}`;
        const inMain = isObject(mainService) && main ? sourceMount(mainService, main, context) : null;
        return inMain ? `${main}: service ${name} ${inMain}` : null;
      };
      const target = targetOf(spec, name, service.profiles, image, mount);
      if (!target) continue;
      const key = `${target.file}\u0000${name}\u0000${target.stage}\u0000${target.dockerfiles?.join('\u0000')}\u0000${target.args.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(target);
    }
  }
  // A Compose file that runs one service of a Dockerfile on the mounted sources is a development
  // setup for that Dockerfile: its other services built from it (a worker beside the web server) are too.
  const mounted = new Map<string, string>();
  const key = (t: BuildTarget) => `${t.file}\u0000${t.dockerfiles?.join('\u0000')}`;
  for (const t of out)
    if (t.development && t.dockerfiles !== null && !mounted.has(key(t))) mounted.set(key(t), t.development);
  for (const t of out) {
    const why = t.dockerfiles === null ? undefined : mounted.get(key(t));
    if (why && !t.development) t.development = why;
  }
  return out;
}
