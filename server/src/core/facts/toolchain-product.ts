/**
 * Whether an image's toolchain is what it ships. Official language images (python, node, golang,
 * rust, gcc, a JDK, perl, erlang ...), development containers and CI build images exist to hand
 * their compilers and interpreters to whoever runs them: keeping the toolchain is their purpose.
 * `toolchain-in-final-image` stays silent on them, and the split declines them with the same reason
 * (split/contract.ts): one answer for both.
 */
import * as path from 'node:path/posix';
import {
  BUILD_TOOLS,
  DEVELOPMENT_SERVERS,
  TEST_RUNNERS,
  INTERPRETERS,
  LANGUAGE_IMAGES,
  LANGUAGE_SOURCE_ENV,
  PURE_LANGUAGE_IMAGES,
  RUN_VERBS,
  SHELLS,
  SYSTEM_INITS,
  idleCommand,
} from '../knowledge/toolchain-products';
import { DEV_CONTAINER_IMAGES } from '../knowledge/nonroot-images';
import { jsonWords } from '../model/queries';
import { commandWords, splitCommands } from '../syntax/shell';
import { programIndex, readScript } from '../syntax/shell-script';
import { programCall, programWords, type StageFacts } from './stage-facts';

/** Installs of an app's dependencies: what they write (node_modules, a venv) is not built from its sources. */
const DEPENDENCY_INSTALLS: ReadonlySet<string> = new Set([
  'npm install',
  'pip install',
  'poetry install',
  'python -m venv',
]);

/** Packages of a C compiler, which native extensions of Ruby, Python and Node packages build with. */
const C_COMPILERS = /^(build-essential|build-base|gcc|g\+\+|clang)(-\d+)?$/;

/** Builds that compiled or bundled something, as opposed to installing dependencies or checking tools. */
function compiledBuilds(facts: StageFacts) {
  return facts.builds.filter(
    (b) =>
      !DEPENDENCY_INSTALLS.has(b.row.id) &&
      (b.output.artifacts.length > 0 ||
        b.output.directory ||
        ['make', 'cmake --build', 'ninja', 'make install', 'npm run build'].includes(b.row.id)),
  );
}

/**
 * The build the container runs when it starts (`go run`, `mvn spring-boot:run`, `sh -c "make &&
 * ./app"`), or null: such a runtime needs the whole toolchain, and that is worth a finding.
 */
export function compilesAtRunTime(facts: StageFacts): string | null {
  const words = programWords(facts.command);
  const program = path.basename(words[0] ?? '');
  for (const [name, verb] of RUN_VERBS) {
    if (!name.test(program)) continue;
    const at = words.findIndex((w, i) => i > 0 && verb.test(w));
    if (at > 0) return `${program} ${words[at]}`;
  }
  // `sh -c "make && ./app"`: a build in the command that starts the container.
  for (const c of splitCommands(commandScript(facts))) {
    const p = path.basename(c.words[0] ?? '');
    if (
      /^(make|gmake|cmake|ninja|gcc|g\+\+|cc|clang|javac|tsc|rustc)$/.test(p) ||
      (p === 'go' && (c.words[1] === 'build' || c.words[1] === 'run')) ||
      (p === 'cargo' && (c.words[1] === 'build' || c.words[1] === 'run'))
    ) {
      return c.words.slice(0, 2).join(' ');
    }
  }
  return null;
}

/** The shell script the container starts with (`sh -c "…"`, or the shell form of CMD), or ''. */
function commandScript(facts: StageFacts): string {
  const all = facts.command.words;
  if (all.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test(all[0] ?? '') && all[1] === '-c') return all[2]!;
  return facts.command.shell ? (all[2] ?? '') : '';
}

/**
 * The test run the container starts with, or null: `make test` (or `check`, `tdd`), `ctest`, `go
 * test`, `cargo test`, `mvn verify`, `gradle check`, `npm test`, `pytest`, `tox`, `rspec`, `dotnet
 * test`, `phpunit`, as the command or a step of its `sh -c` script. Such an image is a CI or test
 * environment: it builds and tests the code it is given each time it runs.
 */
export function testRun(facts: StageFacts): string | null {
  const commands = [
    commandThroughEntrypoint(programWords(facts.command)),
    ...splitCommands(commandScript(facts)).map((c) => c.words),
    ...(startScript(facts)?.commands ?? []),
  ];
  for (const words of commands) {
    const program = path.basename(words[0] ?? '');
    const args = words.slice(1).filter((w) => !w.startsWith('-'));
    const runner = TEST_RUNNERS.find((t) => t.program.test(program) && (t.args?.(args) ?? true));
    if (runner) return words.slice(0, 3).join(' ');
  }
  return null;
}

/**
 * The command an entrypoint script hands over to: `docker-entrypoint.sh node` runs node (the
 * official images' entrypoints set things up and `exec "$@"`).
 */
export function commandThroughEntrypoint(words: readonly string[]): string[] {
  const first = path.basename(words[0] ?? '');
  if (words.length > 1 && /entrypoint|^start-container/i.test(first)) return words.slice(1);
  return [...words];
}

/** Where a program named without a folder is found: the PATH of the common base images. */
const PATH_DIRECTORIES = ['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/**
 * The shell script the container starts, read from the build context where the editor or the
 * command line can read it (`COPY docker/entrypoint.sh /usr/local/bin/`), as its path and the
 * commands it runs unconditionally (not those inside an `if` or a loop), each as its words from the
 * program on. Null when the command is not a script of the context or it cannot be read.
 */
export function startScript(facts: StageFacts): StartScript | null {
  // Read once per stage's facts: the development, test and build-tool checks all ask for it.
  if (!startScripts.has(facts)) startScripts.set(facts, readStartScript(facts));
  return startScripts.get(facts) ?? null;
}

interface StartScript {
  path: string;
  commands: string[][];
}

const startScripts = new WeakMap<StageFacts, StartScript | null>();

function readStartScript(facts: StageFacts): StartScript | null {
  const program = programWords(facts.command)[0] ?? '';
  if (!program || /[$`]/.test(program)) return null;
  const candidates = program.startsWith('/')
    ? [program]
    : [
        ...(facts.workdir ? [path.join(facts.workdir, program)] : []),
        ...(program.includes('/') ? [] : PATH_DIRECTORIES.map((dir) => path.join(dir, program))),
      ];
  for (const candidate of candidates) {
    const text = facts.readImageFile(candidate);
    if (text === undefined || text.length > 200_000) continue;
    // A shell script: a `#!` line naming a shell, or a .sh name with no other interpreter line.
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
    const interpreter = shebang ? path.basename(shebang[1] === '/usr/bin/env' ? (shebang[2] ?? '') : shebang[1]!) : '';
    if (shebang ? !SHELLS.test(interpreter) : !/\.(sh|bash)$/.test(program)) continue;
    const commands = readScript(text)
      .filter((c) => c.controlDepth === 0)
      // `"$@"` hands on the container's arguments: it is not an argument of the script's own.
      .map((c) =>
        c.words
          .slice(Math.max(programIndex(c.words), 0))
          .map((w) => w.value)
          .filter((w) => !/^\$\{?[@*]\}?$/.test(w)),
      )
      .filter((words) => words.length > 0);
    return { path: program, commands };
  }
  return null;
}

/** A requirements file or extra of a project's development or test dependencies (`requirements/test.txt`, `.[dev]`). */
const DEVELOPMENT_DEPENDENCIES =
  /(^|[-_./[,])(dev|devel|develop|development|test|tests|testing|ci|lint|docs)([-_.\],]|$)/i;

/** Stage names that say the stage is the development or test environment (`AS dev`, `AS devcontainer`). */
const DEVELOPMENT_STAGE = /(^|[-_.])(dev|devel|develop|development|devcontainer|debug|test|tests|testing)([-_.]|$)/;

/** Whether a stage's name says it is a development or test environment (`AS dev`, `AS test`). */
export function namedForDevelopment(name: string | null): boolean {
  return name !== null && DEVELOPMENT_STAGE.test(name.toLowerCase());
}

/** The development server or watcher the container starts (`npm run dev`, `uvicorn --reload`), or null. */
export function developmentServer(facts: StageFacts): string | null {
  const words = commandThroughEntrypoint(programWords(facts.command));
  if (startsDevelopmentServer(words)) return words.slice(0, 3).join(' ');
  // `npm start`, `yarn start`: the script in the package.json the image runs from, where it can be read.
  const script = packageScript(facts, words);
  if (script && splitCommands(script).some((c) => startsDevelopmentServer(c.words)))
    return `${words.slice(0, 3).join(' ')}: ${script}`;
  // The start script of the build context runs one (`exec bin/dev`).
  const started = startScript(facts);
  const server = started?.commands.find((c) => startsDevelopmentServer(commandThroughEntrypoint(c)));
  if (started && server) return `${started.path}: ${server.slice(0, 3).join(' ')}`;
  return null;
}

function startsDevelopmentServer(words: readonly string[]): boolean {
  // `npx bun run dev`, `npx vite`: the package runner starts the program it names.
  if (/^(npx|bunx|pnpx)$/.test(path.basename(words[0] ?? ''))) {
    const at = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
    return at > 0 && startsDevelopmentServer(words.slice(at));
  }
  const program = path.basename(words[0] ?? '');
  const args = words.slice(1);
  return DEVELOPMENT_SERVERS.some((d) => d.program.test(program) && (d.args?.(args) ?? true));
}

/**
 * The text of the package.json script a package manager's command runs (`npm start`, `yarn
 * start`, `pnpm run serve`), read from the package.json in the working directory as the build
 * context has it, or null when there is none or it cannot be read.
 */
function packageScript(facts: StageFacts, words: readonly string[]): string | null {
  const program = path.basename(words[0] ?? '');
  if (!/^(npm|yarn|pnpm|bun)$/.test(program) || !facts.workdir) return null;
  const name = words[1] === 'run' || words[1] === 'run-script' ? words[2] : words[1];
  if (!name || name.startsWith('-')) return null;
  const text = facts.readImageFile(path.join(facts.workdir, 'package.json'));
  if (!text) return null;
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
    const script = scripts?.[name];
    return typeof script === 'string' ? script : null;
  } catch {
    return null;
  }
}

/** Words of a Dockerfile's name that say what the image is for: development, tests, CI, a live-reload tool. */
const DEVELOPMENT_FILE_WORDS =
  /^(dev|devel|develop|development|devcontainer|debug|test|tests|testing|ci|tilt|skaffold)$/i;

/**
 * The file name or folder that says the Dockerfile builds a development or test image, or null:
 * `Dockerfile.dev`, `dev.Dockerfile`, `Dockerfile.test`, `Dockerfile.tilt`, or any Dockerfile in a
 * `.devcontainer` folder. Only the name's own words count (`Dockerfile.development`, not
 * `Dockerfile.devops`), and only the file and its folder, not the folders above it.
 */
export function developmentFile(documentPath: string | undefined): string | null {
  const file = fileNameWords(documentPath);
  if (!file) return null;
  if (file.folder.toLowerCase() === '.devcontainer') return `${file.folder}/${file.name}`;
  return file.words.some((w) => DEVELOPMENT_FILE_WORDS.test(w)) ? file.name : null;
}

/**
 * Why the Dockerfile builds a development environment, by what the workspace shows of its builds
 * (every one a dev container or a Compose service on the mounted sources) or by its place (a file in
 * a `.devcontainer` folder, unless a build the workspace shows may ship it); null otherwise. Such an image is built where it runs and never pulled.
 */
export function developmentEnvironment(settings: {
  developmentBuild?: string;
  shippedBy?: string;
  documentPath?: string;
}): string | null {
  if (settings.developmentBuild) return settings.developmentBuild;
  // A build that may ship it (a workflow that pushes the dev container's image) outweighs its place.
  if (settings.shippedBy) return null;
  const file = fileNameWords(settings.documentPath);
  return file && file.folder.toLowerCase() === '.devcontainer' ? `it is in ${file.folder}/` : null;
}

/**
 * The file name that says the Dockerfile builds a build image, or null: `Dockerfile.build`,
 * `builder.Dockerfile`, `build.Dockerfile`. The builder pattern that came before multi-stage builds
 * keeps the image that compiles in a file of its own, run with the sources to produce the artifact
 * and never shipped; its tools and caches are what it is for. Only the name's own words count.
 */
export function buildFile(documentPath: string | undefined): string | null {
  const file = fileNameWords(documentPath);
  if (!file || !/(^|[-_.])dockerfile([-_.]|$)/i.test(file.name)) return null;
  return file.words.some((w) => /^(build|builder)$/i.test(w)) ? file.name : null;
}

/**
 * A Dockerfile's name, its folder, and the words of its name besides `Dockerfile` (`Dockerfile.dev`,
 * `dev.Dockerfile` and `DevDockerfile` give `dev`), or null without a path.
 */
function fileNameWords(documentPath: string | undefined): { name: string; folder: string; words: string[] } | null {
  if (!documentPath) return null;
  const parts = documentPath.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  // `DevDockerfile` and `DockerfileTest` glue the word to the name: it counts as one of its words.
  const words = name
    .split(/[-_.]/)
    .flatMap((w) => w.split(/dockerfile/i))
    .filter((w) => w !== '');
  return { name, folder: parts[parts.length - 2] ?? '', words };
}

/** Version managers that install one language version per `install`. */
const VERSION_MANAGERS = /^(pyenv|nvm|rbenv|nodenv|goenv|asdf|rustup|sdk)$/;

/**
 * What shows a stage to be a development or test environment, or null: it installs several
 * versions of a language (a test matrix: `pyenv install 3.12 && pyenv install 3.13`), or the
 * project's development or test dependencies (`pip install -r requirements/dev.txt`, `pip install
 * -e .[test]`, `poetry install --with dev`), or it starts a development server or a watcher that
 * rebuilds on every change (`npm run dev`, `air`, `uvicorn --reload`, `manage.py runserver`), or the
 * stage is named for development or testing (`AS dev`, `AS test`), or its file is (`Dockerfile.dev`,
 * `.devcontainer/Dockerfile`). Such an image is run to develop and test with its tools; nobody ships
 * it as the app.
 */
export function developmentImage(facts: StageFacts, documentPath?: string): string | null {
  const file = developmentFile(documentPath);
  if (file) return `is kept in a file named for development or testing (${file})`;
  // Microsoft's dev container images (mcr.microsoft.com/devcontainers/go, the older vscode/devcontainers/*).
  if (facts.shortName && DEV_CONTAINER_IMAGES.test(facts.shortName))
    return `is built on a dev container image (${facts.image?.raw ?? facts.shortName})`;
  const server = developmentServer(facts);
  if (server) return `starts a development server or watcher (${server})`;
  const tests = testRun(facts);
  if (tests) return `runs the project's tests when it starts (${tests})`;
  const mode = developmentMode(facts);
  if (mode) return `sets its framework to development mode (${mode})`;
  const devCommand = commandNamedForDevelopment(facts);
  if (devCommand) return `starts a script named for development or testing (${devCommand})`;
  if (namedForDevelopment(facts.stage.name)) return `is named for development or testing (${facts.stage.name})`;
  const versions: string[] = [];
  for (const instruction of facts.stage.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    for (const words of commandWords(instruction.argsText)) {
      const program = path.basename(words[0] ?? '');
      if (VERSION_MANAGERS.test(program) && (words[1] === 'install' || words[1] === 'toolchain')) {
        const version = words.slice(2).filter((w) => !w.startsWith('-'));
        if (version.length > 0) versions.push(version.join(' '));
      }
      const pip = words.findIndex((w) => /^pip[\d.]*$/.test(path.basename(w)));
      if (pip >= 0 && words[pip + 1] === 'install') {
        for (let i = pip + 2; i < words.length; i++) {
          const w = words[i]!;
          const file = w === '-r' || w === '--requirement' ? words[i + 1] : /^--requirement=(.+)$/.exec(w)?.[1];
          if (file && DEVELOPMENT_DEPENDENCIES.test(file))
            return `installs the project's development or test requirements (${file})`;
          const extras = /\[([^\]]+)\]$/.exec(w)?.[1];
          if (extras && DEVELOPMENT_DEPENDENCIES.test(`[${extras}]`))
            return `installs the project with its ${extras} extras (${w})`;
        }
      }
      const reporter = testToolInstalled(program, words);
      if (reporter) return `installs tools that run or report tests (${reporter})`;
      const skipped = bundlerSkipsProduction(program, words);
      if (skipped) return `installs the project's gems without its production group (${skipped})`;
      if (
        (program === 'poetry' || program === 'uv') &&
        words.some((w, i) => (w === '--with' || w === '--group') && DEVELOPMENT_DEPENDENCIES.test(words[i + 1] ?? ''))
      )
        return `installs the project's development or test dependency group (${words.join(' ')})`;
    }
  }
  const distinct = [...new Set(versions)];
  if (distinct.length >= 2) return `installs several language versions (${distinct.slice(0, 3).join(', ')})`;
  return null;
}

/**
 * The variables by which frameworks pick their mode: Node's NODE_ENV, Rails' and Rack's, Flask's,
 * Symfony's and Laravel's APP_ENV, ASP.NET Core's, Elixir's MIX_ENV.
 */
const MODE_VARIABLES =
  /^(NODE_ENV|RAILS_ENV|RACK_ENV|FLASK_ENV|APP_ENV|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT|MIX_ENV)$/;

/** `NODE_ENV=development` and the like, set by the image for the container, or null. */
function developmentMode(facts: StageFacts): string | null {
  // The stage's ENVs only: an ARG of that name sets the build's mode, not the container's.
  for (const name of facts.envNames) {
    const value = facts.env.get(name) ?? '';
    if (MODE_VARIABLES.test(name) && /^(development|dev)$/i.test(value)) return `${name}=${value}`;
  }
  return null;
}

/** Words of a start script's name that say it starts a development or test environment. */
const DEVELOPMENT_SCRIPT_WORDS = /^(dev|devel|develop|development|debug|test|tests|testing)$/i;

/**
 * The script the container starts, when its name says it is for development or testing
 * (`startup.dev.sh`, `docker-entrypoint-dev.sh`, `run-tests.sh`), or null. Only scripts: a program's
 * own name (`webpack-dev-server`) is judged by what it is.
 */
function commandNamedForDevelopment(facts: StageFacts): string | null {
  const words = programWords(facts.command);
  const program = path.basename(words[0] ?? '');
  // The script itself, or the one `sh`/`bash` is told to run (`bash ./start-dev.sh`).
  const script = /^(ba|da|a|z)?sh$/.test(program)
    ? path.basename(words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '')
    : program;
  if (!/\.(sh|bash)$/.test(script)) return null;
  return script
    .replace(/\.(sh|bash)$/, '')
    .split(/[-_.]/)
    .some((w) => DEVELOPMENT_SCRIPT_WORDS.test(w))
    ? script
    : null;
}

/**
 * Go's test reporters and runners, installed into the image (`go install
 * github.com/jstemmer/go-junit-report@latest`, gotestsum, gocov): they only run a test suite or turn
 * its output into reports for CI, so an image that carries them is where the tests run. (Python's
 * `pip install pytest` is not taken as such: images that serve an app install it beside their
 * dependencies too.)
 */
const GO_TEST_TOOLS = /^(go-junit-report|gocov|gocov-xml|gotestsum|gotestfmt|tparse|richgo|ginkgo)$/;

function testToolInstalled(program: string, words: readonly string[]): string | null {
  if (program !== 'go' || (words[1] !== 'install' && words[1] !== 'get')) return null;
  for (const w of words.slice(2)) {
    const name =
      (w.split('@')[0] ?? '')
        .split('/')
        .filter((part) => !/^v\d+$/.test(part))
        .pop() ?? '';
    if (GO_TEST_TOOLS.test(name)) return name;
  }
  return null;
}

/**
 * Bundler told to leave out the production group, so that it installs the development and test
 * gems (`bundle config set without 'production'`, `bundle install --without production`), as the
 * command, or null. Leaving out other groups (`without 'development test'`) is a production build.
 */
function bundlerSkipsProduction(program: string, words: readonly string[]): string | null {
  if (program !== 'bundle') return null;
  const at = words.findIndex((w) => w === 'without' || w === '--without');
  if (at < 0 || (words[1] !== 'config' && words[1] !== 'install')) return null;
  const groups = words
    .slice(at + 1)
    .filter((w) => !w.startsWith('-'))
    .join(' ')
    .split(/[\s:,]+/)
    .filter(Boolean);
  return groups.length > 0 && groups.every((g) => g === 'production') ? words.join(' ') : null;
}

/**
 * The language the stage builds from source, as the official language images do, or null: a
 * version or download variable of a language (`ENV PHP_URL`) that a RUN reads, and a make build
 * (`./configure && make install`). Such an image keeps its compilers on purpose, to build the language's
 * extensions (`docker-php-ext-install`, `pip install` of C extensions), whatever server it starts.
 */
export function languageBuiltFromSource(facts: StageFacts): string | null {
  if (!facts.builds.some((b) => b.row.id === 'make' || b.row.id === 'make install')) return null;
  const runs = facts.stage.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.argsText)
    .join('\n');
  for (const name of facts.envNames) {
    const m = LANGUAGE_SOURCE_ENV.exec(name);
    if (m && new RegExp(`\\$\\{?${name}\\b`).test(runs)) return m[1]!.toLowerCase();
  }
  return null;
}

/** Commands that build and enable extensions of the official php images' PHP (also mlocati's `install-php-extensions`). */
const PHP_EXTENSION_BUILDS = /^(docker-php-ext-install|docker-php-ext-configure|pecl|install-php-extensions)$/;

/** Where an application's files go in a PHP image, besides its working directory. */
const APP_DIRECTORIES = /^\/(var\/www|app|srv|usr\/src\/app|home)(\/|$)/;

/**
 * Whether the stage extends the official php image into a PHP environment for other images to
 * build on, or null: it builds PHP extensions (`docker-php-ext-install`, `pecl install`) with the
 * compilers php's Debian images already ship (PHPIZE_DEPS), and copies no application from the
 * build context: nothing of the context's root, nothing into the working directory or a web root,
 * only its own configuration and scripts. Such images (webdevops' php images, say) keep headers on
 * purpose, for the extensions their users build.
 */
export function phpExtensionBase(facts: StageFacts): string | null {
  if (facts.shortName !== 'php') return null;
  const extensions = facts.stage.instructions.some(
    (i) =>
      i.keyword === 'RUN' &&
      commandWords(i.argsText).some(
        (w) => PHP_EXTENSION_BUILDS.test(path.basename(w[0] ?? '')) && w[1] !== 'uninstall',
      ),
  );
  if (!extensions) return null;
  const workdir = facts.workdir && facts.workdir !== '/' ? facts.workdir : null;
  const app = facts.copies.some(
    (c) =>
      c.source === '.' ||
      APP_DIRECTORIES.test(c.dest) ||
      (workdir !== null && (c.dest === workdir || c.dest.startsWith(`${workdir}/`))),
  );
  return app ? null : 'builds PHP extensions on the official php image and copies no application into it';
}

/** Files copied from the build context that carry no extension (`COPY Gemfile Makefile ./`). */
const FILES_WITHOUT_EXTENSION =
  /^(gemfile|makefile|gnumakefile|rakefile|procfile|pipfile|brewfile|justfile|dockerfile|containerfile|license|licence|copying|notice|readme|version|authors)$/i;

/**
 * Whether a path copied from the build context names a single file rather than a source directory:
 * it has an extension (`settings.xml`, `entrypoint.sh`, `go.mod`) or is a well-known file without
 * one (`Gemfile`, `Makefile`). `.` and names such as `src` or `cmd` are directories of sources.
 */
function looksLikeFile(contextPath: string): boolean {
  if (contextPath === '.') return false;
  const name = path.basename(contextPath);
  return /.\.[A-Za-z0-9]+$/.test(name) || FILES_WITHOUT_EXTENSION.test(name);
}

/** Build tools' download caches a VOLUME may keep: a container that declares one runs those builds. */
const BUILD_CACHE_VOLUMES: readonly [RegExp, string][] = [
  [/(^|\/)\.m2(\/repository)?\/?$/, "Maven's local repository"],
  [/(^|\/)\.gradle(\/caches)?\/?$/, "Gradle's caches"],
  [/(^|\/)\.ivy2(\/cache)?\/?$/, "Ivy's cache"],
  [/(^|\/)go\/pkg\/mod\/?$/, "Go's module cache"],
  [/(^|\/)\.cargo\/(registry|git)\/?$/, "Cargo's registry"],
];

/**
 * The build tool's cache a VOLUME of the stage keeps, or null:
 * `VOLUME ${MAVEN_HOME}/.m2/repository` says the container runs Maven, whose downloads outlive it.
 */
function buildCacheVolume(facts: StageFacts): string | null {
  for (const instruction of facts.stage.instructions) {
    if (instruction.keyword !== 'VOLUME') continue;
    const paths = jsonWords(instruction) ?? instruction.args.map((a) => a.value);
    for (const p of paths) {
      const hit = BUILD_CACHE_VOLUMES.find(([re]) => re.test(p));
      if (hit) return hit[1];
    }
  }
  return null;
}

/**
 * Why the stage's toolchain is its product, or null. The container must start the tools
 * themselves: a shell, a REPL or interpreter with no script of an app, a compiler or build tool (not
 * one that builds and starts an app), or nothing at all. And the image must be a toolchain: a
 * compiler or SDK image, a language image, build packages installed, or the interpreter it starts
 * built in the stage (a language distribution built from source, as the official images are).
 * With no command, a stage that compiled sources copied from the build context is an app without a
 * CMD, not a toolchain; one that compiled only what it cloned itself is a build environment.
 */
export function toolchainProduct(facts: StageFacts, documentPath?: string): string | null {
  // A development image keeps its toolchain to build as the developer edits, also when it compiles at start.
  const development = developmentImage(facts, documentPath);
  if (development) return `the toolchain is the product: a development or test image that ${development}`;
  const builder = buildFile(documentPath);
  if (builder) return `the toolchain is the product: a build image, kept in a file named for building (${builder})`;
  const cacheVolume = buildCacheVolume(facts);
  if (cacheVolume)
    return `the toolchain is the product: the image keeps a volume for ${cacheVolume}, where the builds the container runs download to`;
  if (compilesAtRunTime(facts)) return null;
  // ONBUILD steps run in the builds of the images made FROM this one: it is a base for them, and its
  // tools are there for what their builds install or compile.
  const onbuild = facts.stage.instructions.find((i) => i.keyword === 'ONBUILD');
  if (onbuild)
    return `the toolchain is the product: a base image for other Dockerfiles, whose ONBUILD steps (${onbuild.argsText.trim().split(/\s+/).slice(0, 3).join(' ')} …) run in their builds`;
  const phpBase = phpExtensionBase(facts);
  if (phpBase) return `the toolchain is the product: a PHP base image for other images to build on, which ${phpBase}`;
  const language = languageBuiltFromSource(facts);
  if (language)
    return `the toolchain is the product: the image builds ${language} from source and keeps its build tools, as the official ${language} images do for building extensions`;
  const call = programCall(facts.command);
  let words = commandThroughEntrypoint(call.words);
  // A start script of the build context that ends by running a build tool (`exec buildozer "$@"`)
  // starts that tool.
  const script = startScript(facts);
  const handedTo = script?.commands[script.commands.length - 1];
  if (handedTo && BUILD_TOOLS.test(path.basename(handedTo[0] ?? ''))) words = handedTo;
  // So does a `sh -c` command whose script ends by running one (`cd && colcon build …`).
  const inline = commandWords(commandScript(facts));
  const lastInline = inline[inline.length - 1];
  if (lastInline && BUILD_TOOLS.test(path.basename(lastInline[0] ?? ''))) words = lastInline;
  const program = path.basename(words[0] ?? '');
  const args = words.slice(1);
  // An entrypoint that is only an init wrapper (`dumb-init --rewrite 1:0`, `tini --`) with no
  // command: whoever runs the container gives the command, as with a shell (a CI image). So does a
  // system container that boots an init system (`/lib/systemd/systemd`, `/sbin/init`): what it runs
  // is started with `docker exec` (a test bed for configuration tools such as Ansible). So does a
  // command that only keeps the container running (`tail -f banner.txt`, `sleep infinity`).
  const callersCommand =
    (program === '' && call.wrappers.length > 0) ||
    (SYSTEM_INITS.test(program) && args.length === 0) ||
    idleCommand(program, args);
  const shell = SHELLS.test(program) || callersCommand;
  const interpreter = INTERPRETERS.test(program);
  const buildTool = BUILD_TOOLS.test(program);
  if (program !== '' && !shell && !interpreter && !buildTool) return null;
  // An interpreter or shell given a script of the app runs an app; so does `dotnet app.dll`.
  if ((shell || interpreter) && !callersCommand && args.some((w) => !w.startsWith('-'))) return null;
  if (buildTool && args.some((w) => /\.(dll|jar|js|py)$/.test(w))) return null;
  const compiled = compiledBuilds(facts);
  const installsTools = facts.buildPackages.length > 0;
  const shortName = facts.shortName ?? '';
  const toolImage = facts.toolchain !== null || PURE_LANGUAGE_IMAGES.test(shortName);
  const builtItself = interpreter && compiled.length > 0;
  if (callersCommand) {
    if (!(toolImage || installsTools)) return null;
  } else if (program === '') {
    // With no command, a stage that built something is an app whose command is set elsewhere; so is
    // one that keeps a C compiler and installs dependencies beside the app's whole source (`COPY .
    // /app`, `bundle install`): the compiler built their native extensions.
    // A stage that copies no source directory from the build context, though, builds only what it
    // fetched itself (`git clone` of a project to warm its caches or check the environment): it is a
    // build or CI environment for the code its users mount or clone, and its build is a self-test.
    const copiesApp = facts.contextDirs.some((m) => m.dir && m.contextPath === '.');
    const copiesSources = facts.contextDirs.some((m) => m.dir && !looksLikeFile(m.contextPath));
    const installsDependencies = facts.builds.some((b) => DEPENDENCY_INSTALLS.has(b.row.id));
    const keepsCompiler = facts.buildPackages.some((p) => C_COMPILERS.test(p));
    if (
      (compiled.length > 0 && copiesSources) ||
      (copiesApp && installsDependencies && keepsCompiler) ||
      !(toolImage || installsTools)
    )
      return null;
  } else if (!(toolImage || installsTools || builtItself || (LANGUAGE_IMAGES.test(shortName) && interpreter))) {
    return null;
  }
  const what = facts.image ? facts.image.raw : 'the image';
  const extra = installsTools ? `with ${facts.buildPackages.slice(0, 3).join(', ')} ` : '';
  const started = callersCommand ? 'the command it is given' : program === '' ? 'its tools' : program;
  return `the toolchain is the product: ${what} ${extra}is shipped to run ${started}${compiled.length > 0 ? '' : ', and nothing is built that could run without it'}`;
}
