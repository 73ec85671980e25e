/**
 * GitHub Actions workflows (`.github/workflows/*.yml`): `docker/build-push-action` steps (`target`,
 * `file`, `context`) and `docker build --target` in `run:` steps. Paths are read from the repository
 * root (the folder holding `.github`), as the runner's workspace is; `${{ matrix.x }}` and
 * `${{ env.X }}` are expanded (one build per matrix combination), other expressions are unknown.
 */
import { parseYaml } from './compose';
import {
  buildOf,
  dockerBuildCommands,
  markBuildRoles,
  pushesImages,
  type SourceMountedRun,
  settingNames,
  sourceMountedRuns,
} from './commands';
import { dirOf, isRemote, joinPath } from './paths';
import type { BuildFileText, BuildTarget } from './types';
import { taggedRepositories } from './images';

type Yaml = Record<string, unknown>;
const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a root-relative path is a workflow file. */
export function isWorkflowFile(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** The value a matrix key has when it holds an object: its fields are keys of their own. */
const OBJECT = '\u0000object';

/** The combinations of a job's matrix, at most 64 (one empty one without a matrix). */
function matrixCombinations(strategy: unknown): Map<string, string>[] {
  const matrix = isObject(strategy) ? strategy.matrix : undefined;
  if (!isObject(matrix)) return [new Map()];
  let combos: Map<string, string>[] = [new Map()];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude' || !Array.isArray(values)) continue;
    const next: Map<string, string>[] = [];
    for (const combo of combos) {
      for (const value of values) {
        // An object value is read by its fields (`matrix.image.dockerfile`), one key each.
        if (isObject(value)) {
          const fields = Object.entries(value).flatMap(([k, v]) => {
            const f = scalar(v);
            return f === undefined ? [] : [[`${key}.${k}`, f] as const];
          });
          next.push(new Map([...combo, [key, OBJECT], ...fields]));
          continue;
        }
        const v = scalar(value);
        if (v !== undefined) next.push(new Map([...combo, [key, v]]));
      }
    }
    combos = next.slice(0, 64);
  }
  if (Array.isArray(matrix.include)) {
    // GitHub's rule: an include entry extends every combination whose original values it does not
    // change; when it extends none, it is a combination of its own.
    const original = combos.filter((c) => c.size > 0).map((c) => new Map(c));
    if (original.length === 0) combos = [];
    for (const entry of matrix.include) {
      if (!isObject(entry)) continue;
      const extra = Object.entries(entry).flatMap(([k, v]) => {
        const s = scalar(v);
        return s === undefined ? [] : [[k, s] as const];
      });
      let extended = false;
      original.forEach((o, i) => {
        if (!extra.every(([k, v]) => !o.has(k) || o.get(k) === v)) return;
        for (const [k, v] of extra) combos[i]!.set(k, v);
        extended = true;
      });
      if (!extended && combos.length < 64) combos.push(new Map(extra));
    }
  }
  return combos.length > 0 ? combos : [new Map()];
}

/**
 * Actions and reusable workflows whose names say they handle images (a Pages deployment or a PyPI
 * publishing action does not count).
 */
const PUBLISHING_ACTION = /docker|container|image|registry|\becr\b|\bgcr\b|\bacr\b|kaniko|buildah|ko-build|jib/i;
/** Those that do not push by themselves (the build-push-action's `push:` and docker/login-action are read apart). */
const NOT_PUBLISHING_ACTION =
  /^(?:docker\/(?:setup-buildx-action|setup-qemu-action|metadata-action|build-push-action|login-action|bake-action|setup-docker-action)|actions\/[^@]+|github\/[^@]+|elgohr\/publish-docker-github-action)@/i;

/** `${{ matrix.x }}` and `${{ env.X }}` replaced; null when another expression is left. */
function expression(
  value: unknown,
  matrix: ReadonlyMap<string, string>,
  env: ReadonlyMap<string, string>,
): string | null {
  const text = scalar(value);
  if (text === undefined) return null;
  let unknown = false;
  const out = text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const m = /^(matrix|env)\.([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)?)$/.exec(expr);
    let v = m ? (m[1] === 'matrix' ? matrix : env).get(m[2]!) : undefined;
    // A field the matrix entry's object does not have is empty, as GitHub expands it.
    if (v === undefined && m?.[1] === 'matrix' && matrix.get(m[2]!.split('.')[0]!) === OBJECT && m[2]!.includes('.'))
      v = '';
    if (v === undefined || v === OBJECT) unknown = true;
    return v === undefined || v === OBJECT ? '' : v;
  });
  return unknown ? null : out;
}

function envOf(...layers: unknown[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const layer of layers) {
    if (!isObject(layer)) continue;
    for (const [k, v] of Object.entries(layer)) {
      const s = scalar(v);
      if (s !== undefined && !s.includes('${{')) env.set(k, s);
    }
  }
  return env;
}

function workingDirectory(...defaults: unknown[]): unknown {
  for (const d of defaults) {
    if (isObject(d) && isObject(d.run) && d.run['working-directory'] !== undefined) return d.run['working-directory'];
  }
  return undefined;
}

/** The build-push-action's context: the repository (its Git context) when absent, or a path or URL. */
function actionContext(context: string | null | undefined): string | null {
  if (context === undefined) return '';
  if (context === null) return null;
  const git = /^\{\{\s*defaultContext\s*\}\}(?::(.*))?$/.exec(context);
  if (git) return git[1] ?? '';
  return context;
}

export function readWorkflow(file: BuildFileText): BuildTarget[] {
  const doc = parseYaml(file.text);
  if (!isObject(doc) || !isObject(doc.jobs)) return [];
  const root = dirOf(dirOf(dirOf(file.path)));
  const out: BuildTarget[] = [];
  const seen = new Set<string>();
  const add = (target: BuildTarget) => {
    const key = `${target.what}\u0000${target.stage}\u0000${target.dockerfiles?.join('\u0000')}\u0000${target.args.join(',')}\u0000${target.images?.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(target);
  };
  // Containers the steps run on the working tree, and whether any step pushes an image (or logs in to
  // a registry, which a workflow does to push).
  const runs: SourceMountedRun[] = [];
  let pushes = false;
  // A job that ships images through an action or reusable workflow the reading does not follow.
  let unknownPush: string | undefined;
  for (const [jobId, job] of Object.entries(doc.jobs)) {
    // A reusable workflow named for publishing (`uses: org/infra/.github/workflows/docker-publish.yml@v1`).
    if (isObject(job) && typeof job.uses === 'string' && PUBLISHING_ACTION.test(job.uses))
      unknownPush ??= `job ${jobId}`;
    if (!isObject(job) || !Array.isArray(job.steps)) continue;
    const what = `job ${jobId}`;
    for (const step of job.steps) {
      if (!isObject(step)) continue;
      const uses = scalar(step.uses) ?? '';
      const push = isObject(step.with) ? step.with.push : undefined;
      if (/^docker\/login-action@/.test(uses)) pushes = true;
      if (/^docker\/build-push-action@/.test(uses) && push !== undefined && push !== false && push !== 'false')
        pushes = true;
      if (/^elgohr\/publish-docker-github-action@/i.test(uses)) pushes = true;
      // Another action that builds or ships images (`DFE-Digital/deploy-azure-container-apps-action/
      // .github/actions/build`, `aws-actions/amazon-ecr-login`): what it pushes is not read, so it may
      // push any image.
      if (PUBLISHING_ACTION.test(uses) && !NOT_PUBLISHING_ACTION.test(uses)) unknownPush ??= `job ${jobId}`;
      const run = scalar(step.run);
      if (run !== undefined) {
        runs.push(...sourceMountedRuns(run));
        pushes ||= pushesImages(run);
      }
    }
    for (const matrix of matrixCombinations(job.strategy)) {
      for (const step of job.steps) {
        if (!isObject(step)) continue;
        const env = envOf(doc.env, job.env, step.env);
        const uses = scalar(step.uses) ?? '';
        if (/^docker\/build-push-action@/.test(uses)) {
          const inputs = isObject(step.with) ? step.with : {};
          const stage = inputs.target === undefined ? null : expression(inputs.target, matrix, env);
          if (inputs.target !== undefined && (stage === null || stage === '')) continue;
          // `build-args:` and `build-contexts:` list `NAME=value` lines; only the names are kept.
          // Each line as the matrix expands it (`${{ matrix.image.build_args }}`), or as written.
          const args = settingNames(
            (scalar(inputs['build-args']) ?? '')
              .split('\n')
              .flatMap((line) => (expression(line, matrix, env) ?? line).split('\n')),
            'arg',
          );
          const contexts = settingNames((scalar(inputs['build-contexts']) ?? '').split('\n'), 'context');
          const context = actionContext(
            inputs.context === undefined ? undefined : expression(inputs.context, matrix, env),
          );
          const fileInput = inputs.file === undefined ? undefined : expression(inputs.file, matrix, env);
          let dockerfiles: string[] | null;
          if (fileInput === null) dockerfiles = null;
          else if (fileInput !== undefined) dockerfiles = [joinPath(root, fileInput)];
          else if (context === null) dockerfiles = null;
          else if (isRemote(context)) continue;
          else dockerfiles = [joinPath(joinPath(root, context), 'Dockerfile')];
          // `tags:` lists the names, one a line or separated by commas.
          const tagLines = (scalar(inputs.tags) ?? '').split(/[\n,]/).filter((t) => t.trim() !== '');
          const images = taggedRepositories(tagLines, (text) => expression(text, matrix, env));
          add({ stage: stage ?? null, args, contexts, images, dockerfiles, file: file.path, what });
        } else if (/^elgohr\/publish-docker-github-action@/i.test(uses)) {
          // elgohr/Publish-Docker-Github-Action runs, from `workdir`, `docker build` with its
          // `buildoptions`, `-f dockerfile`, a `--build-arg` for each of the comma-separated
          // `buildargs`, `-t name:tag` and the `context` (its entrypoint.sh): read as that command.
          const inputs = isObject(step.with) ? step.with : {};
          const input = (key: string): string | undefined => {
            if (inputs[key] === undefined) return undefined;
            return expression(inputs[key], matrix, env) ?? '$(unknown)';
          };
          const quoted = (word: string) => (word === '$(unknown)' ? word : `'${word.replace(/'/g, `'\\''`)}'`);
          const words = ['docker', 'build'];
          const options = input('buildoptions');
          if (options !== undefined) words.push(options);
          const dockerfile = input('dockerfile');
          if (dockerfile !== undefined) words.push('-f', quoted(dockerfile));
          // Only the arguments' names matter: an expression in a value does not hide the name.
          const argList = (scalar(inputs.buildargs) ?? '').replace(/\$\{\{[^}]*\}\}/g, 'x').split(',');
          for (const name of settingNames(argList, 'arg')) words.push('--build-arg', quoted(name));
          const name = input('name');
          if (name !== undefined && name !== '$(unknown)') words.push('-t', quoted(`${name}:tag`));
          words.push(quoted(input('context') ?? '.'));
          const workdir = input('workdir');
          const script = `${workdir === undefined ? '' : `cd ${quoted(workdir)} && `}${words.join(' ')}`;
          const state = { vars: env, dirs: [joinPath(root, '')] };
          for (const command of dockerBuildCommands(script, state)) add(buildOf(command, file.path, what));
        } else if (step.run !== undefined) {
          const script = expression(step.run, matrix, env) ?? scalar(step.run);
          if (script === undefined) continue;
          const wd = step['working-directory'] ?? workingDirectory(job.defaults, doc.defaults);
          const dir = wd === undefined ? '' : expression(wd, matrix, env);
          const state = { vars: env, dirs: [joinPath(root, dir ?? '')] };
          // An expression left unexpanded reads as an unknown substitution.
          for (const command of dockerBuildCommands(script.replace(/\$\{\{[^}]*\}\}/g, '$(unknown)'), state)) {
            add(buildOf(command, file.path, what));
          }
        }
      }
    }
  }
  markBuildRoles(out, runs, pushes || unknownPush !== undefined, (text) => expression(text, new Map(), envOf(doc.env)));
  // What that action builds is not known: it may ship any Dockerfile's image.
  if (unknownPush)
    out.push({ stage: null, args: [], dockerfiles: null, file: file.path, what: unknownPush, pushes: true });
  return out;
}
