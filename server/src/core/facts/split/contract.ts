import * as path from 'node:path/posix';
import { distroOf } from '../../knowledge/distros';
import { libraryDistroOf, runtimeLibraries } from '../../knowledge/runtime-libraries';
import { resolveIn } from '../../syntax/paths';
import { splitCommands } from '../../syntax/shell';
import { expand } from '../../syntax/variables';
import { isBuildPackage, programWords, type StageFacts } from '../stage-facts';

/**
 * The runtime contract of a final stage: everything the image's process can observe that a split
 * must carry into the runtime stage, read from the Dockerfile and the files beside it. Where static
 * reading cannot tell, `unknown` says so and the split falls back to copying the app directory.
 */
export interface RuntimeContract {
  /** How the entry command resolves. */
  entry: EntryCommand;
  /** Files and directories of the build context the process may read at run time (image paths). */
  files: string[];
  /** What the contract could not establish; non-empty means "artifact only" is not safe. */
  unknown: string[];
  /** Runtime library packages implied by the -dev packages the stage installed, per manager. */
  libraries: { apt: string[]; apk: string[] };
  /** Why no split can keep the contract, or null. */
  decline: string | null;
}

export interface EntryCommand {
  /** The program word as written (after `sh -c`, `exec`, tini), or null without CMD/ENTRYPOINT. */
  program: string | null;
  /** `absolute`, `relative` (to WORKDIR), `path` (looked up on PATH), or `none`. */
  kind: 'absolute' | 'relative' | 'path' | 'none';
  /** The absolute path for absolute and relative programs. */
  resolved: string | null;
  /** Arguments after the program. */
  args: string[];
}

/** Names in a build context that are sources, build inputs or repository files rather than run-time data. */
const SOURCE_NAMES = new Set([
  'go.mod',
  'go.sum',
  'go.work',
  'go.work.sum',
  'vendor',
  'cmd',
  'internal',
  'pkg',
  'Cargo.toml',
  'Cargo.lock',
  'src',
  'benches',
  'examples',
  'build.rs',
  '.cargo',
  'Makefile',
  'makefile',
  'GNUmakefile',
  'CMakeLists.txt',
  'cmake',
  'include',
  'configure',
  'meson.build',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'settings.gradle',
  'settings.gradle.kts',
  'gradle',
  'gradlew',
  'gradlew.bat',
  'mvnw',
  'mvnw.cmd',
  '.mvn',
  'gradle.properties',
  'package.json',
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'tsconfig.json',
  'node_modules',
  'test',
  'tests',
  'testdata',
  'spec',
  'docs',
  'doc',
  '.git',
  '.github',
  '.gitignore',
  '.gitattributes',
  '.dockerignore',
  'LICENSE',
  'LICENCE',
  'COPYING',
  'NOTICE',
  'AUTHORS',
  'CHANGELOG',
  'README',
  'Dockerfile',
  'Containerfile',
  'docker-compose.yml',
  'compose.yaml',
  'target',
  'build',
  'out',
  'bin',
  'obj',
  'dist',
  '.vscode',
  '.idea',
]);
const SOURCE_FILE =
  /\.(go|rs|c|h|cc|cpp|cxx|hpp|hh|java|kt|kts|scala|cs|fs|vb|csproj|fsproj|sln|props|targets|o|a|md|markdown|rst|adoc|mk|cmake|in|am|ac|m4|s|S|asm|swift|mod|sum|gradle|dockerfile|Dockerfile)$|^Dockerfile\.|^\.editorconfig$|^\.clang|^\.pre-commit/;

/** Whether a context entry (a name, `/` suffix for folders) is a source or repository file. */
export function isSourceEntry(name: string): boolean {
  const bare = name.replace(/\/$/, '');
  if (SOURCE_NAMES.has(bare) || SOURCE_NAMES.has(bare.replace(/\.(md|txt|rst)$/i, ''))) return true;
  return !name.endsWith('/') && SOURCE_FILE.test(bare);
}

/** File names that look like data or configuration when they appear in a command or a value. */
const DATA_FILE =
  /\.(json|ya?ml|toml|ini|conf|cfg|properties|env|txt|csv|tsv|db|sqlite3?|html?|tmpl|tpl|gohtml|css|js|xml|pem|crt|key|dat|bin|wasm|lua|sql)$/i;

const RUN_TIME_COMPILERS: readonly [RegExp, string][] = [
  [/^go$/, 'run'],
  [/^cargo$/, 'run'],
  [/^dotnet$/, 'run'],
  [/^(mvn|mvnw)$/, ':run'],
  [/^(gradle|gradlew)$/, 'run'],
];

/** What the container runs compiles the program when it starts: its runtime needs the toolchain. */
function compilesAtRunTime(facts: StageFacts): string | null {
  const words = programWords(facts.command);
  const program = path.basename(words[0] ?? '');
  for (const [name, verb] of RUN_TIME_COMPILERS) {
    if (!name.test(program)) continue;
    if (
      words
        .slice(1)
        .some((w) => w === verb || w.endsWith(verb) || (verb === 'run' && /^(bootRun|spring-boot:run)$/.test(w)))
    )
      return `${program} ${words.find((w, i) => i > 0 && (w === verb || w.endsWith(verb))) ?? verb}`;
  }
  // `sh -c "make && ./app"`: a build in the command that starts the container.
  const all = facts.command.words;
  const script =
    all.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test(all[0] ?? '') && all[1] === '-c'
      ? all[2]!
      : facts.command.shell
        ? (all[2] ?? '')
        : '';
  for (const c of splitCommands(script)) {
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

/** Language images whose tools are what their users ship (REPLs, CI images, interpreters). */
const LANGUAGE_IMAGES =
  /^(perl|erlang|elixir|swift|haskell|ruby|php|julia|clojure|r-base|rakudo-star|gcc|golang|rust|buildpack-deps|maven|gradle|eclipse-temurin|openjdk|dotnet\/sdk|node|python|ubuntu|debian|alpine|fedora)$/;
const TOOL_COMMANDS =
  /^(bash|sh|ash|zsh|dash|make|gcc|g\+\+|cc|clang|go|cargo|rustc|mvn|gradle|javac|jshell|dotnet|perl|erl|iex|swift|ghci|irb|php|julia|lein|R|python[\d.]*|node|npm|ipython|gdb)$/;

/**
 * The image exists to ship its tools: nothing is built, and the container starts a shell, a REPL or
 * a build tool (or nothing), on a language image or after installing compilers.
 */
function toolchainIsProduct(facts: StageFacts): string | null {
  const compiled = facts.builds.some(
    (b) =>
      b.output.artifacts.length > 0 ||
      b.output.directory ||
      ['make', 'cmake --build', 'ninja', 'make install', 'npm run build'].includes(b.row.id),
  );
  if (compiled) return null;
  const words = programWords(facts.command);
  const program = path.basename(words[0] ?? '');
  const languageImage = facts.shortName !== null && LANGUAGE_IMAGES.test(facts.shortName);
  const installsTools = facts.buildPackages.length > 0;
  if (!languageImage && !installsTools) return null;
  const runsTools = words.length === 0 || TOOL_COMMANDS.test(program);
  if (!runsTools) return null;
  // An interpreter running a script of the app is an app, not a toolchain image.
  if (/^(python[\d.]*|node|perl|ruby|php)$/.test(program) && words.slice(1).some((w) => !w.startsWith('-')))
    return null;
  if (
    !installsTools &&
    !facts.toolchain &&
    !/^(perl|erlang|elixir|swift|haskell|julia|clojure|r-base|rakudo-star)$/.test(facts.shortName ?? '')
  )
    return null;
  const what = facts.image ? facts.image.raw : 'the image';
  return `the toolchain is the product: ${what} ${installsTools ? `with ${facts.buildPackages.slice(0, 3).join(', ')} ` : ''}is shipped to run ${program || 'its tools'}, and nothing is built that could run without it`;
}

/** How the entry command resolves. */
function entryOf(facts: StageFacts): EntryCommand {
  const words = programWords(facts.command);
  const program = words[0] ?? null;
  if (!program) return { program: null, kind: 'none', resolved: null, args: [] };
  const args = words.slice(1);
  if (program.startsWith('/')) return { program, kind: 'absolute', resolved: resolveIn('/', program), args };
  if (program.includes('/'))
    return {
      program,
      kind: 'relative',
      resolved: facts.workdir === null ? null : resolveIn(facts.workdir, program),
      args,
    };
  return { program, kind: 'path', resolved: null, args };
}

/** Where a context entry copied by COPY lands; folders' contents land in the destination. */
function landing(dest: string, intoDirectory: boolean, source: string, isDir: boolean): string {
  if (isDir) return dest;
  return intoDirectory ? path.join(dest, path.basename(source)) : dest;
}

/** Runtime files of the build context: explicit non-source copies, and what CMD and ENV name. */
function runtimeFiles(facts: StageFacts): { files: string[]; unknown: string[] } {
  const files: string[] = [];
  const unknown: string[] = [];
  const add = (p: string) => {
    if (!files.includes(p)) files.push(p);
  };
  for (const copy of facts.copies) {
    if (/[*?[]/.test(copy.source)) {
      // `*.csproj`, `package*.json`, `src/*.go`: patterns of build inputs.
      const sample = copy.source.replace(/\[[^\]]*\]|[*?]/g, 'x');
      if (isSourceEntry(path.basename(sample)) || isSourceEntry(`${sample.split('/')[0]!}/`)) continue;
      unknown.push(`${copy.instruction.keyword} ${copy.source} copies files by pattern`);
      continue;
    }
    if (copy.source === '.') {
      const entries = facts.listImageDir(copy.dest);
      if (!entries) {
        unknown.push(
          `the whole build context is copied to ${copy.dest}, and it could not be listed to tell data from sources`,
        );
        continue;
      }
      for (const entry of entries) if (!isSourceEntry(entry)) add(path.join(copy.dest, entry.replace(/\/$/, '')));
      continue;
    }
    const name = path.basename(copy.source);
    const written =
      copy.instruction.args
        .map((x) => x.value)
        .find((x) => x.replace(/^(\.\/)+/, '').replace(/\/+$/, '') === copy.source) ?? '';
    const isDir = written.endsWith('/') || facts.listContext(copy.source) !== undefined;
    // A source folder (`internal/`) or file (`main.go`) of the build is not read at run time.
    if (isSourceEntry(isDir ? `${name}/` : name) || isSourceEntry(`${copy.source.split('/')[0]!}/`)) continue;
    add(landing(copy.dest, copy.intoDirectory, copy.source, isDir));
  }
  // Paths the command and the environment name, where they are files of the context.
  const words = [...programWords(facts.command).slice(1)];
  for (const name of facts.envNames) {
    const v = facts.env.get(name);
    if (v) words.push(v);
  }
  for (const raw of words) {
    const value = raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : raw;
    if (!value || value.startsWith('-') || facts.workdir === null) continue;
    for (const part of value.split(':')) {
      if (!(part.includes('/') || DATA_FILE.test(part)) || /^[a-z]+:\/\//.test(part)) continue;
      const p = resolveIn(facts.workdir, expand(part, facts.env) ?? part);
      if (files.some((f) => p === f || p.startsWith(f + '/'))) continue;
      if (facts.readImageFile(p) !== undefined || facts.listImageDir(p) !== undefined) add(p);
    }
  }
  return { files, unknown };
}

/** Runtime packages for the -dev packages the stage kept, from the distribution's own data. */
function libraries(facts: StageFacts): { apt: string[]; apk: string[] } {
  const distro = distroOf(facts.shortName ?? '', facts.image?.tag ?? null);
  const apt = new Set<string>();
  const apk = new Set<string>();
  for (const install of facts.installs) {
    if (install.manager === 'yum') continue;
    const family =
      install.manager === 'apk'
        ? { family: 'alpine' as const, release: distro.version }
        : (libraryDistroOf(distro) ?? { family: 'debian' as const, release: null });
    for (const pkg of install.packages) {
      if (!isBuildPackage(pkg)) continue;
      const libs = runtimeLibraries(pkg, family);
      for (const lib of libs ?? []) {
        if (/^(libc6|libstdc\+\+6|libgcc-s1|musl|libgcc|libstdc\+\+)$/.test(lib)) continue;
        (install.manager === 'apk' ? apk : apt).add(lib);
      }
    }
  }
  return { apt: [...apt], apk: [...apk] };
}

/** The contract of a final stage. */
export function runtimeContract(facts: StageFacts): RuntimeContract {
  let decline: string | null = null;
  if (facts.windows)
    decline =
      'Windows images are not split: the runtime stages it would offer are Linux images, and Windows paths and PowerShell do not carry over';
  const runtimeCompile = decline ? null : compilesAtRunTime(facts);
  if (runtimeCompile)
    decline = `the container compiles at run time (${runtimeCompile}), so its runtime needs the whole toolchain`;
  decline ??= toolchainIsProduct(facts);
  const { files, unknown } = decline ? { files: [], unknown: [] } : runtimeFiles(facts);
  return { entry: entryOf(facts), files, unknown, libraries: libraries(facts), decline };
}
