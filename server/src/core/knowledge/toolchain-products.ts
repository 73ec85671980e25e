/**
 * Images whose tools are what they ship: the official language images (interpreters, compilers,
 * REPLs) and the commands that show a container is started to use those tools rather than to run
 * a program built with them.
 */

/** Language and base images whose users run the tools themselves (REPLs, CI images, interpreters). */
export const LANGUAGE_IMAGES =
  /^(perl|erlang|elixir|swift|haskell|ruby|php|julia|clojure|r-base|rakudo-star|pypy|jruby|groovy|kotlin|dart|crystal|nim|zig|gcc|golang|rust|buildpack-deps|maven|gradle|sbt|eclipse-temurin|openjdk|amazoncorretto|sapmachine|ibm-semeru-runtimes|dotnet\/sdk|node|python|ubuntu|debian|alpine|fedora)$/;

/** Language images that are the language itself: their tools are the product with or without a build. */
export const PURE_LANGUAGE_IMAGES =
  /^(perl|erlang|elixir|swift|haskell|julia|clojure|r-base|rakudo-star|pypy|jruby|groovy|kotlin|dart|crystal|nim|zig)$/;

/** Shells: started with no script, the container is a place to work in. */
export const SHELLS = /^(bash|sh|ash|zsh|dash|fish|powershell|pwsh|cmd)(\.exe)?$/i;

/** Interpreters and REPLs: started with no script of an app, they are the language itself. */
export const INTERPRETERS =
  /^(python[\d.]*|pypy[\d.]*|ipython|node|perl|ruby|irb|php|jshell|erl|iex|elixir|ghci|julia|R|clj|lein|groovysh|swift|dart)$/;

/**
 * Compilers and build tools, and developer tools that run the Go toolchain themselves (mockery and
 * golangci-lint load packages with `go list`, goreleaser and ko run `go build`): a container that
 * starts one is a build environment.
 */
export const BUILD_TOOLS =
  /^((?:[\w.-]*[-_])?build(?:\.sh)?|colcon|koka|make|gcc|g\+\+|cc|clang|go|cargo|rustc|rustup|mvn|mvnw|gradle|gradlew|sbt|buildozer|p4a|javac|dotnet|stack|cabal|kotlinc|crystal|zig|v|nim|nimble|valac|ponyc|tcc|fpc|dmd|ldc2|gdc|gfortran|ghc|ocamlopt|dune|swiftc|nasm|gnat|gdb|cmake|ninja|bazel|mockery|golangci-lint|gopls|goreleaser|ko|staticcheck|govulncheck|gotestsum)$/;

/** Arguments of a build tool that start the app it builds: the container compiles at run time. */
export const RUN_VERBS: readonly [RegExp, RegExp][] = [
  [/^go$/, /^run$/],
  [/^cargo$/, /^run$/],
  [/^dotnet$/, /^run$/],
  [/^(mvn|mvnw)$/, /(^|:)run$/],
  [/^(gradle|gradlew)$/, /^(run|bootRun)$/],
];

/**
 * The version or download variables an image sets when it builds a language itself from source,
 * as the official language images do (`ENV PHP_VERSION`, `PHP_URL`, `PYTHON_VERSION`): the prefix
 * names the language.
 */
export const LANGUAGE_SOURCE_ENV =
  /^(PHP|PYTHON|RUBY|PERL|NODE|ERLANG|OTP|ELIXIR|JULIA|LUA|LUAJIT|TCL|GHC|SWIFT|RAKUDO)_(VERSION|URL|SHA256|SOURCE|DOWNLOAD_URL)$/;

/**
 * Commands that start an app the way one develops it: a watcher that rebuilds or restarts on every
 * saved file, or a framework's development server, which its own documentation says is not for
 * production. A container started so is a development environment: it keeps the toolchain because
 * it builds as the developer edits. Each entry is the program (its folder left out) and what its
 * arguments must hold; the package managers' scripts are matched by the script's name.
 */
export const DEVELOPMENT_SERVERS: readonly { program: RegExp; args?: (words: readonly string[]) => boolean }[] = [
  // Watchers and reloaders.
  { program: /^(nodemon|ts-node-dev|tsnd|air|reflex|CompileDaemon|gow|watchexec|entr|guard)$/ },
  {
    program: /^(node|bun|deno|tsx)$/,
    args: (w) => w.some((a) => a === '--watch' || a === 'watch' || a.startsWith('--watch=')),
  },
  { program: /^cargo$/, args: (w) => w[0] === 'watch' },
  { program: /^dotnet$/, args: (w) => w[0] === 'watch' },
  { program: /^(uvicorn|gunicorn|hypercorn)$/, args: (w) => w.includes('--reload') },
  { program: /^fastapi$/, args: (w) => w[0] === 'dev' },
  { program: /^flask$/, args: (w) => w[0] === 'run' },
  // Frameworks' development servers.
  { program: /^(python[\d.]*)$/, args: (w) => /(^|\/)manage\.py$/.test(w[0] ?? '') && w[1] === 'runserver' },
  { program: /^php$/, args: (w) => w[0] === '-S' || (/(^|\/)artisan$/.test(w[0] ?? '') && w[1] === 'serve') },
  { program: /^(next|nuxt|nuxi|astro|remix|gatsby)$/, args: (w) => w[0] === 'dev' || w[0] === 'develop' },
  { program: /^ng$/, args: (w) => w[0] === 'serve' },
  { program: /^react-scripts$/, args: (w) => w[0] === 'start' },
  { program: /^vue-cli-service$/, args: (w) => w[0] === 'serve' },
  { program: /^(webpack-dev-server)$/ },
  { program: /^webpack$/, args: (w) => w[0] === 'serve' },
  { program: /^vite$/, args: (w) => w.length === 0 || w[0] === 'dev' || w[0] === 'serve' || w[0]!.startsWith('-') },
  { program: /^dev$/, args: (w) => w.length === 0 },
  // Package managers' scripts named for development.
  {
    program: /^(npm|yarn|pnpm|bun)$/,
    args: (w) => {
      const script = w[0] === 'run' || w[0] === 'run-script' ? w[1] : w[0];
      return script !== undefined && /^(dev|develop|development|watch|start:dev|dev:.+|watch:.+)$/.test(script);
    },
  },
];

/** A test target of make (`make test`, `make check`, `make tdd`, `make unit-tests`). */
const TEST_TARGET = /^(test|tests|check|tdd|ci|coverage|unit[-_]?tests?|integration[-_]?tests?|test[-_:][\w:-]+)$/;

/**
 * Commands that run a project's tests: the command of a CI or test image, which builds and tests
 * the code each time it runs. Each entry is the program (its folder left out) and what its words
 * other than options must hold.
 */
export const TEST_RUNNERS: readonly { program: RegExp; args?: (args: readonly string[]) => boolean }[] = [
  { program: /^g?make$/, args: (a) => a.some((w) => TEST_TARGET.test(w)) },
  { program: /^(ctest|pytest|py\.test|tox|nox|rspec|phpunit|jest|vitest|mocha|nextest)$/ },
  { program: /^go$/, args: (a) => a[0] === 'test' },
  { program: /^cargo$/, args: (a) => /^(test|nextest|tarpaulin|llvm-cov)$/.test(a[0] ?? '') },
  { program: /^(mvn|mvnw)$/, args: (a) => a.some((w) => /^(test|verify|integration-test)$/.test(w)) },
  { program: /^(gradle|gradlew)$/, args: (a) => a.some((w) => /^(test|check|integrationTest)$/.test(w)) },
  { program: /^dotnet$/, args: (a) => a[0] === 'test' },
  {
    program: /^(npm|yarn|pnpm|bun)$/,
    args: (a) => a[0] === 'test' || (a[0] === 'run' && /^test([:-]|$)/.test(a[1] ?? '')),
  },
  // `python -m pytest`: the option is left out of the words, the module stays.
  { program: /^python[\d.]*$/, args: (a) => /^(pytest|unittest|tox|nox)$/.test(a[0] ?? '') },
  {
    program: /^bundle$/,
    args: (a) =>
      a[0] === 'exec' && /^(rspec|rake)$/.test(a[1] ?? '') && (a[1] === 'rspec' || a[2] === 'test' || a[2] === 'spec'),
  },
];

/** Init systems a system container boots (`CMD ["/lib/systemd/systemd"]`, `/sbin/init`), base names. */
export const SYSTEM_INITS = /^(systemd|init|openrc-init|runit-init|s6-svscan)$/;

/**
 * A command that only keeps the container running (`tail -f <file>`, `sleep infinity`), or null:
 * what the image is for is started with `docker exec`, as in a system container.
 */
export function idleCommand(program: string, args: readonly string[]): boolean {
  if (program === 'tail') return args.some((a) => a === '-f' || a === '-F' || a === '--follow');
  if (program === 'sleep') return args.length === 1 && (args[0] === 'infinity' || /^\d{5,}$/.test(args[0]!));
  return false;
}
