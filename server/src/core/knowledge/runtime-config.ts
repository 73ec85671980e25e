/**
 * Facts about run-time configuration: which environment variables only steer a build, which users
 * images ship, and which instructions configure the container rather than build it.
 */

/** ENV names that only affect building; a runtime stage does not need them. */
export const BUILD_ONLY_ENV: readonly RegExp[] = [
  /^(CGO_ENABLED|GOOS|GOARCH|GOARM|GOAMD64|GOFLAGS|GOPROXY|GOPRIVATE|GONOSUMDB|GONOPROXY|GOSUMDB|GOCACHE|GOMODCACHE|GO111MODULE|GOTOOLCHAIN|GOBIN|GOPATH)$/,
  /^(CARGO_[A-Z_]*|RUSTFLAGS|RUSTUP_[A-Z_]*|RUSTC_WRAPPER)$/,
  /^(CC|CXX|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|PKG_CONFIG_PATH|CMAKE_[A-Z_]*)$/,
  /^DEBIAN_FRONTEND$/,
  /^(MAVEN_OPTS|MAVEN_CONFIG|MAVEN_HOME|GRADLE_OPTS|GRADLE_USER_HOME|GRADLE_HOME)$/,
  /^(DOTNET_CLI_[A-Z_]*|DOTNET_SKIP_FIRST_TIME_EXPERIENCE|DOTNET_NOLOGO|NUGET_[A-Z_]*)$/,
  /^(npm_config_\w*|NPM_CONFIG_\w*|YARN_\w*|PNPM_\w*)$/,
  /^(PIP_[A-Z_]*|POETRY_[A-Z_]*|PIPENV_[A-Z_]*|UV_[A-Z_]*)$/,
];

export function isBuildOnlyEnv(name: string): boolean {
  return BUILD_ONLY_ENV.some((r) => r.test(name));
}

/** Instructions that configure the container; they move to the runtime stage as written. */
export const RUNTIME_KEYWORDS: ReadonlySet<string> = new Set([
  'CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'LABEL', 'MAINTAINER', 'ONBUILD',
]);

/** Users present in every image with /etc/passwd (Debian, Ubuntu, Alpine, distroless). */
export const UNIVERSAL_USERS: ReadonlySet<string> = new Set(['root', '0', 'nobody', '65534']);

/** Users that images of a family ship, so USER needs no account created in a runtime of that family. */
export const IMAGE_USERS: readonly { image: RegExp; users: readonly string[] }[] = [
  { image: /^node(:|$)/, users: ['node'] },
  { image: /^gcr\.io\/distroless\//, users: ['nonroot', '65532'] },
  { image: /^nginx(:|$)/, users: ['nginx'] },
  { image: /^mcr\.microsoft\.com\/dotnet\/(aspnet|runtime)/, users: ['app', '1654'] },
];

/** Programs that a HEALTHCHECK may need and the package that provides them. */
export const HEALTHCHECK_TOOLS: Readonly<Record<string, string>> = { curl: 'curl', wget: 'wget' };

/** Commands that create accounts: such a RUN is repeated in the runtime stage. */
export const USER_SETUP_COMMANDS: ReadonlySet<string> = new Set([
  'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'mkdir', 'chown', 'chmod', 'install',
]);
