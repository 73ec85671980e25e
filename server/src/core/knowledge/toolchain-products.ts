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
  /^(make|gcc|g\+\+|cc|clang|go|cargo|rustc|rustup|mvn|mvnw|gradle|gradlew|sbt|javac|dotnet|stack|cabal|kotlinc|crystal|zig|gdb|cmake|ninja|bazel|mockery|golangci-lint|gopls|goreleaser|ko|staticcheck|govulncheck|gotestsum)$/;

/** Arguments of a build tool that start the app it builds: the container compiles at run time. */
export const RUN_VERBS: readonly [RegExp, RegExp][] = [
  [/^go$/, /^run$/],
  [/^cargo$/, /^run$/],
  [/^dotnet$/, /^(run|watch)$/],
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
