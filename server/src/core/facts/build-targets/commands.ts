/**
 * `docker build --target` in shell text: CI `run:` steps, Makefile recipes, shell scripts. The script
 * is split with the core's shell splitter; `cd` is followed, variables are expanded from what the
 * caller knows (assignments in the file, a workflow's env), and a word that still holds a variable
 * is unknown.
 */
import { splitCommands } from '../../syntax/shell';
import { expand } from '../../syntax/variables';
import { taggedRepositories } from './images';
import { dirOf, isRemote, joinPath } from './paths';
import type { BuildTarget } from './types';

/** One `docker build`, as written. */
export interface BuildCommand {
  /** Its `--target`, or null for the default target. */
  stage: string | null;
  /** The build arguments it passes by name (`--build-arg NAME=value`, `--build-arg NAME`). */
  args: string[];
  /** The named contexts it sets (`--build-context NAME=value`), by name. */
  contexts: string[];
  /** The repositories it tags the image with (`-t`, `--tag`), where the script states them. */
  images: string[];
  /** Root-relative Dockerfile candidates (one per possible working directory); null when unknown. */
  dockerfiles: string[] | null;
  /** The simple command's index in the script (for callers that number them). */
  offset: number;
  /** The target is a variable the script does not state (see BuildTarget.unknownTarget). */
  unknownTarget?: boolean;
}

/** Options of `docker build` / `docker buildx build` that take no value. */
const BOOLEAN_OPTIONS = new Set([
  '--push',
  '--load',
  '--pull',
  '--no-cache',
  '-q',
  '--quiet',
  '--rm',
  '--force-rm',
  '--squash',
  '--compress',
  '--disable-content-trust',
  '--debug',
  '-D',
  '--check',
  '--help',
]);

/**
 * Where the sub-command of a `docker` or `podman` command stands, past the global options (`docker
 * --context ci build`), or -1 for another program.
 */
function dockerSubcommandAt(words: readonly string[]): number {
  const program = words[0]?.slice(words[0].lastIndexOf('/') + 1);
  if (program !== 'docker' && program !== 'podman') return -1;
  let i = 1;
  while (i < words.length && words[i]!.startsWith('-')) i += words[i]!.includes('=') ? 1 : 2;
  return i;
}

/** A simple command's words without the shell keywords before the program (`if`, `then`, `exec`). */
function withoutKeywords(words: readonly string[]): readonly string[] {
  let k = 0;
  while (k < words.length && KEYWORDS.has(words[k]!)) k++;
  return k > 0 ? words.slice(k) : words;
}

/** The words after the build sub-command, or null when the command is not an image build. */
function buildArguments(words: readonly string[]): readonly string[] | null {
  const i = dockerSubcommandAt(words);
  if (i >= 0) {
    const sub = words[i];
    if (sub === 'build') return words.slice(i + 1);
    if (
      (sub === 'buildx' || sub === 'image' || sub === 'builder') &&
      (words[i + 1] === 'build' || words[i + 1] === 'b')
    )
      return words.slice(i + 2);
    if (sub === 'buildx' && words[i + 1]?.startsWith('--builder')) {
      const j = words[i + 1]!.includes('=') ? i + 2 : i + 3;
      if (words[j] === 'build' || words[j] === 'b') return words.slice(j + 1);
    }
    return null;
  }
  const program = words[0]?.slice(words[0].lastIndexOf('/') + 1);
  if (program === 'buildah' && (words[1] === 'bud' || words[1] === 'build')) return words.slice(2);
  return null;
}

interface BuildOptions {
  target?: string;
  file?: string;
  context?: string;
  /** `--build-arg` values as written (`NAME=value`, or `NAME` to pass the caller's variable). */
  buildArgs: string[];
  /** `--build-context` values as written (`NAME=value`). */
  buildContexts: string[];
  /** `-t` / `--tag` values as written. */
  tags: string[];
}

function readOptions(args: readonly string[]): BuildOptions {
  const options: BuildOptions = { buildArgs: [], buildContexts: [], tags: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      options.context ??= args[i + 1];
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.context ??= arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (arg.startsWith('--') && eq > 0) value = arg.slice(eq + 1);
    else if (/^-f./.test(arg)) value = arg.slice(2);
    else if (!BOOLEAN_OPTIONS.has(name)) value = args[++i];
    const option = /^-f./.test(arg) ? '-f' : name;
    if (option === '--target') options.target = value;
    else if (option === '-f' || option === '--file') options.file = value;
    else if (option === '--build-arg' && value !== undefined) options.buildArgs.push(value);
    else if (option === '--build-context' && value !== undefined) options.buildContexts.push(value);
    else if ((option === '-t' || option === '--tag') && value !== undefined) options.tags.push(value);
  }
  return options;
}

/** A word with its variables expanded, or null when one of them is unknown. `$$` is a literal `$`. */
export function expandWord(word: string, vars: ReadonlyMap<string, string>): string | null {
  if (!word.includes('$')) return word;
  if (word.includes('$(') || word.includes('`')) return null;
  // A positional parameter with a default (`${1:-dev}`) is its default: the script's usual call.
  const positional = word.replace(/\$\{[0-9]+:?-([^}$]*)\}/g, '$1');
  const expanded = expand(positional, vars as ReadonlyMap<string, string | null>);
  return expanded === null || expanded.includes('$') ? null : expanded;
}

/** What a shell knows while it runs a script: its variables and the directories it may be in. */
export interface ShellState {
  vars: Map<string, string>;
  /** Root-relative directories the script may run in; `cd` moves them. */
  dirs: string[];
  /** The script's own file, root-relative, where the text is a script file (`$0` names it). */
  script?: string;
}

/**
 * Starts a value that is a path from the root, found from the script's own location (`$(dirname
 * "$0")/..`): `cd` and `-f` take it whatever the working directory is.
 */
const FROM_ROOT = '\u0001';

/** `p` resolved in the root-relative directory `dir`, or from the root when it carries FROM_ROOT. */
function resolveIn(dir: string, p: string): string {
  return p.startsWith(FROM_ROOT) ? joinPath('', p.slice(FROM_ROOT.length).replace(/^\/+/, '')) : joinPath(dir, p);
}

/** `$0`, `${0}`, `${BASH_SOURCE[0]}`, `$BASH_SOURCE`: the script's own path. */
const SCRIPT_ITSELF = /^(?:\$0|\$\{0\}|\$\{BASH_SOURCE(?:\[0\])?\}|\$BASH_SOURCE)$/;

/**
 * The root-relative path a value names from the script's own location, or null: the idioms scripts
 * use to find their folder and the repository's root, `$(dirname "$0")`, `$(cd "$(dirname
 * "${BASH_SOURCE[0]}")" && pwd)`, `$(dirname "$(realpath "$0")")`, with a path after them
 * (`$(dirname "$0")/..`). Null when the path leaves the root.
 */
export function scriptRelativePath(value: string, script: string | undefined): string | null {
  if (script === undefined) return null;
  // Real scripts nest a few substitutions (`$(dirname "$(dirname "$(realpath "$0")")")`); deeper
  // nesting is not one of these idioms, and reading it would cost time in proportion to its square.
  const parse = (text: string, level = 0): string | null => {
    if (level > 12) return null;
    const t = text
      .trim()
      .replace(/^"(.*)"$/s, '$1')
      .trim();
    if (SCRIPT_ITSELF.test(t)) return script;
    if (!t.startsWith('$(')) return null;
    // The substitution's end, and a path written after it.
    let depth = 0;
    let end = -1;
    for (let i = 1; i < t.length; i++) {
      if (t[i] === '(') depth++;
      else if (t[i] === ')' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) return null;
    const rest = t.slice(end + 1).replace(/^"|"$/g, '');
    if (rest !== '' && !rest.startsWith('/')) return null;
    const inner = t.slice(2, end).trim();
    let found: string | null = null;
    const word = /^(\S+)\s+(.*)$/s.exec(inner);
    const cdPwd = /^cd\s+(?:-P\s+)?(.+?)(?:\s*>\s*\/dev\/null(?:\s*2>&1)?)?\s*(?:&&|;)\s*pwd(?:\s+-P)?$/s.exec(inner);
    if (cdPwd) found = parse(cdPwd[1]!, level + 1);
    else if (word && word[1] === 'dirname') {
      const of = parse(word[2]!, level + 1);
      found = of === null || of === '' ? null : dirOf(of);
    } else if (word && (word[1] === 'realpath' || word[1] === 'readlink')) {
      found = parse(word[2]!.replace(/^(?:-[a-z]+\s+)+/, ''), level + 1);
    }
    if (found === null) return null;
    const joined = joinPath(found, rest.replace(/^\//, ''));
    return joined === '..' || joined.startsWith('../') ? null : joined;
  };
  const path = parse(value);
  return path === null ? null : `${FROM_ROOT}${path}`;
}

/** A value as the shell would assign it: expanded, or a path found from the script's location. */
function assignedValue(value: string, state: ShellState): string | null {
  return expandWord(value, state.vars) ?? scriptRelativePath(value, state.script);
}

/** The file a command reads its standard input from (`< Dockerfile`, `<Dockerfile`), as written. */
function stdinFile(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '<') return words[i + 1];
    if (/^<[^<(&]/.test(w)) return w.slice(1);
  }
  return undefined;
}

/** Redirections out of a command's words (`< file`, `> log`, `2>&1`): the build's options are the rest. */
function withoutRedirections(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^(?:\d*[<>]{1,2}|&>)$/.test(w)) {
      i++;
      continue;
    }
    if (/^(?:\d*[<>]{1,2}|&>)\S/.test(w)) continue;
    out.push(w);
  }
  return out;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', 'exec', '{']);

/**
 * The image builds in a piece of shell script, with their `--target` (null for the default target)
 * and the build arguments they pass, read with `state` (which assignments and `cd` update for the
 * pieces that follow). Builds whose target is unknown, and builds of a remote context without `-f`,
 * are left out.
 */
export function dockerBuildCommands(script: string, state: ShellState): BuildCommand[] {
  const out: BuildCommand[] = [];
  const known = state.vars;
  const stripped = stripComments(script);
  const commands = splitCommands(stripped);
  // Where each command starts in the text, to see what pipes into it (`cat Dockerfile | docker build -f -`).
  let cursor = 0;
  const starts = commands.map((command) => {
    const at = stripped.indexOf(command.text, cursor);
    if (at >= 0) cursor = at + command.text.length;
    return at;
  });
  commands.forEach((command, offset) => {
    for (const [name, value] of Object.entries(command.assignments)) {
      const expanded = assignedValue(value, state);
      if (command.words.length === 0 && expanded !== null) known.set(name, expanded);
    }
    const words = withoutKeywords(command.words);
    if (['export', 'readonly', 'declare', 'local'].includes(words[0] ?? '')) {
      for (const word of words.slice(1)) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
        const expanded = m ? assignedValue(m[2]!, state) : null;
        if (m && expanded !== null) known.set(m[1]!, expanded);
      }
      return;
    }
    if (words[0] === 'cd' || words[0] === 'pushd') {
      const to = words[1] === undefined ? null : expandWord(words[1], known);
      // An unknown `cd` (a variable, `cd -`): keep the directories we had, the best guess left.
      const found = to === null ? scriptRelativePath(words[1] ?? '', state.script) : to;
      if (found !== null && found !== '-' && !found.startsWith('~'))
        state.dirs = unique(state.dirs.map((d) => resolveIn(d, found)));
      return;
    }
    const args = buildArguments(words);
    if (!args) return;
    const options = readOptions(withoutRedirections(args));
    // `-f -` reads the Dockerfile from standard input, and so does `docker build -` (no context):
    // a file redirected in, or the one `cat` pipes in.
    if (options.file === '-' || (options.file === undefined && options.context === '-')) {
      const before = previous(commands, starts, stripped, offset);
      const piped = before && before.words[0] === 'cat' && before.words.length === 2 ? before.words[1] : undefined;
      options.file = stdinFile(args) ?? piped ?? options.file;
    }
    const stage = options.target === undefined ? null : expandWord(options.target, known);
    if (stage === '') return;
    // A target the script does not state (`--target $(BUILDTYPE)`): the stage is unknown, but the
    // build still passes its arguments to the Dockerfile.
    const unknownTarget = options.target !== undefined && stage === null;
    const file = options.file === undefined ? undefined : expandWord(options.file, known);
    const context = options.context === undefined ? '.' : expandWord(options.context, known);
    let dockerfiles: string[] | null;
    if (file === null || file === '-' || (file === undefined && (context === null || context === '-')))
      dockerfiles = null;
    else if (file !== undefined) dockerfiles = unique(state.dirs.map((d) => resolveIn(d, file)));
    else if (isRemote(context!)) return;
    else dockerfiles = unique(state.dirs.map((d) => joinPath(resolveIn(d, context!), 'Dockerfile')));
    out.push({
      stage,
      args: settingNames(options.buildArgs, 'arg'),
      contexts: settingNames(options.buildContexts, 'context'),
      images: taggedRepositories(options.tags, (text) => expandWord(text, known)),
      dockerfiles,
      offset,
      ...(unknownTarget ? { unknownTarget } : {}),
    });
  });
  return out;
}

/** The command before `offset` when it pipes into it (`cat Dockerfile | docker build -f -`), else undefined. */
function previous(
  commands: readonly { words: string[]; text: string }[],
  starts: readonly number[],
  text: string,
  offset: number,
): { words: string[] } | undefined {
  const before = commands[offset - 1];
  const from = starts[offset - 1];
  const to = starts[offset];
  if (!before || from === undefined || to === undefined || from < 0 || to < 0) return undefined;
  const between = text.slice(from + before.text.length, to);
  return /^\s*\|\s*$/.test(between) ? before : undefined;
}

/** Shell comments out: whole comment lines, and ` # ...` after a command outside quotes. */
export function stripComments(script: string): string {
  return script
    .split('\n')
    .map((line) => {
      if (/^\s*#/.test(line)) return '';
      let quote = '';
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quote) {
          if (c === quote) quote = '';
          else if (c === '\\' && quote === '"') i++;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '\\') i++;
        else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * The names in `NAME=value` settings as build files write them (`--build-arg`, compose `args` and
 * `additional_contexts` lists, the action's `build-args` and `build-contexts` lines), each once. A
 * build argument may be a bare `NAME` (it passes the caller's variable of that name); a context
 * always has a value, and its name may hold `/` and `:` (`lagoon/builder`).
 */
export function settingNames(settings: readonly unknown[], kind: 'arg' | 'context'): string[] {
  const pattern = kind === 'arg' ? /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=|$)/ : /^\s*([^=\s]+)\s*=/;
  return unique(settings.flatMap((s) => (typeof s === 'string' ? (pattern.exec(s)?.[1] ?? []) : [])));
}

/** A build command as the build a file asks for, `what` saying where in the file. */
export function buildOf(command: BuildCommand, file: string, what: string): BuildTarget {
  return {
    stage: command.stage,
    args: command.args,
    contexts: command.contexts,
    images: command.images,
    dockerfiles: command.dockerfiles,
    file,
    what,
    ...(command.unknownTarget ? { unknownTarget: true } : {}),
  };
}

/** Options of `docker run` that take no value (the rest take one, as a next word or after `=`). */
const RUN_BOOLEAN_OPTIONS = new Set([
  '--rm',
  '--init',
  '--privileged',
  '--tty',
  '--interactive',
  '--detach',
  '--read-only',
  '--publish-all',
  '--no-healthcheck',
  '--oom-kill-disable',
  '--sig-proxy',
  '--help',
  '-q',
  '--quiet',
]);

/** Short options of `docker run` that take no value; they may be joined (`-it`, `-dit`). */
const RUN_BOOLEAN_LETTERS = /^-[itdPq]+$/;

/**
 * The words that name the whole working tree of the project in a shell, a Makefile or a workflow:
 * `.`, `$PWD`, `$(pwd)`, `$(CURDIR)`, `${{ github.workspace }}`, `$GITHUB_WORKSPACE`, quoted or not.
 */
const WORKING_TREE =
  /^(?:\.\/?|\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`|\$\(CURDIR\)|\$\{CURDIR\}|\$\(shell pwd\)|\$\{\{\s*github\.workspace\s*\}\}|\$GITHUB_WORKSPACE|\$\{GITHUB_WORKSPACE\})\/?$/;

/** A container run on the project's working tree: the image it runs (as written) and the mount. */
export interface SourceMountedRun {
  image: string;
  /** `$(pwd) mounted at /src`. */
  mount: string;
}

/**
 * The `docker run` (or `podman run`, `docker container run`) commands of a piece of script that bind
 * the whole working tree into the container (`-v $(pwd):/src`, `--volume=${PWD}:/work:rw`,
 * `--mount type=bind,source=.,target=/app`): the container works on the sources on the host, as a
 * build or development environment does.
 */
export function sourceMountedRuns(script: string): SourceMountedRun[] {
  const out: SourceMountedRun[] = [];
  for (const command of splitCommands(stripComments(script))) {
    const words = withoutKeywords(command.words);
    let i = dockerSubcommandAt(words);
    if (i < 0) continue;
    if (words[i] === 'container') i++;
    if (words[i] !== 'run') continue;
    let mount: string | null = null;
    let image: string | undefined;
    for (let j = i + 1; j < words.length; j++) {
      const word = words[j]!;
      if (!word.startsWith('-')) {
        image = word;
        break;
      }
      const eq = word.indexOf('=');
      const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
      if (RUN_BOOLEAN_OPTIONS.has(name) || RUN_BOOLEAN_LETTERS.test(word)) continue;
      const value =
        word.startsWith('--') && eq > 0 ? word.slice(eq + 1) : /^-v./.test(word) ? word.slice(2) : words[++j];
      if (value === undefined) break;
      if (name === '-v' || name === '--volume' || /^-v./.test(word)) {
        const [source, target] = value.split(':');
        if (mount === null && source !== undefined && target && WORKING_TREE.test(source))
          mount = `${source} mounted at ${target}`;
      } else if (name === '--mount') {
        const fields = new Map(
          value.split(',').map((f) => {
            const at = f.indexOf('=');
            return [at < 0 ? f : f.slice(0, at), at < 0 ? '' : f.slice(at + 1)] as const;
          }),
        );
        const source = fields.get('source') ?? fields.get('src');
        const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
        if (mount === null && fields.get('type') === 'bind' && source && target && WORKING_TREE.test(source))
          mount = `${source} mounted at ${target}`;
      }
    }
    if (image && mount) out.push({ image, mount });
  }
  return out;
}

/** Whether a piece of script pushes an image (`docker push`, `docker buildx build --push`, `docker tag` for a registry). */
export function pushesImages(script: string): boolean {
  return /\b(?:docker|podman)\s+(?:image\s+)?(?:push|tag)\b|--push\b|type=registry|\bpush=true\b/.test(script);
}

/**
 * What a build file's own commands say of the images it builds: in a file that pushes an image or
 * logs in to a registry, every build may ship its image (`pushes`); in one that pushes nothing, a
 * build whose image the same file runs on the working tree (`docker run -v $(pwd):/src builder
 * make`) is a development environment, built where it runs and never pulled.
 */
export function markBuildRoles(
  targets: readonly BuildTarget[],
  runs: readonly SourceMountedRun[],
  pushes: boolean,
  expandImage: (text: string) => string | null,
): void {
  if (pushes) {
    for (const target of targets) target.pushes = true;
    return;
  }
  const run = runs.map((r) => ({ ...r, repository: taggedRepositories([r.image], expandImage)[0] }));
  for (const target of targets) {
    if (target.development || !target.images) continue;
    const found = run.find((r) => r.repository !== undefined && target.images!.includes(r.repository));
    if (found) target.development = `${target.file}: ${target.what} runs ${found.image} with ${found.mount}`;
  }
}
