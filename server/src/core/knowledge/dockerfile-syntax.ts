/** Facts about Dockerfile instructions as BuildKit's frontend (Dockerfile 1.x) accepts them. */

/** Every instruction keyword BuildKit knows. */
export const INSTRUCTIONS: readonly string[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

export interface FlagSpec {
  /** The flag may be given more than once (each use adds a value). */
  repeatable?: boolean;
}

/**
 * The flags each instruction accepts, by name without the dashes. Instructions that are not listed
 * take no flags at all.
 */
export const INSTRUCTION_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>> = {
  FROM: { platform: {} },
  COPY: { from: {}, chown: {}, chmod: {}, link: {}, parents: {}, exclude: { repeatable: true } },
  ADD: { chown: {}, chmod: {}, link: {}, checksum: {}, 'keep-git-dir': {}, exclude: { repeatable: true }, unpack: {} },
  RUN: { mount: { repeatable: true }, network: {}, security: {}, device: { repeatable: true } },
  HEALTHCHECK: { interval: {}, timeout: {}, 'start-period': {}, 'start-interval': {}, retries: {} },
};

/**
 * Build arguments BuildKit defines without an ARG: the platform arguments (usable in FROM, and in a
 * stage once declared) and the proxy arguments (passed to RUN without a declaration).
 */
export const PREDEFINED_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETSTAGE',
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_SYNTAX',
  'SOURCE_DATE_EPOCH',
  'BUILDKIT_BUILD_NAME',
  'BUILDKIT_CACHE_MOUNT_NS',
  'BUILDKIT_DOCKERFILE_CHECK',
]);

/**
 * Environment variables that almost every base image defines (or that official language images
 * set). Our analysis cannot see a base image's configuration, so a reference to one of these in a
 * stage built on an image is taken as defined.
 */
export const COMMON_IMAGE_ENV: ReadonlySet<string> = new Set([
  'PATH',
  'HOME',
  'HOSTNAME',
  'TERM',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'USER',
  'SHELL',
  'PWD',
  'TZ',
  'DEBIAN_FRONTEND',
  'container',
  // golang
  'GOPATH',
  'GOROOT',
  'GOLANG_VERSION',
  'GOTOOLCHAIN',
  'GOOS',
  'GOARCH',
  // node
  'NODE_VERSION',
  'YARN_VERSION',
  'NODE_ENV',
  // python
  'PYTHON_VERSION',
  'PYTHON_PIP_VERSION',
  'PYTHON_SETUPTOOLS_VERSION',
  'PYTHON_GET_PIP_URL',
  'PYTHON_SHA256',
  'GPG_KEY',
  // java
  'JAVA_HOME',
  'JAVA_VERSION',
  'JRE_HOME',
  'JDK_HOME',
  'MAVEN_HOME',
  'MAVEN_CONFIG',
  'MAVEN_VERSION',
  'GRADLE_HOME',
  'GRADLE_VERSION',
  'CATALINA_HOME',
  'CATALINA_BASE',
  'TOMCAT_VERSION',
  'TOMCAT_MAJOR',
  'JETTY_HOME',
  'JETTY_BASE',
  // rust
  'CARGO_HOME',
  'RUSTUP_HOME',
  'RUST_VERSION',
  // ruby
  'RUBY_VERSION',
  'RUBY_MAJOR',
  'GEM_HOME',
  'BUNDLE_PATH',
  'BUNDLE_SILENCE_ROOT_WARNING',
  'BUNDLE_APP_CONFIG',
  // php
  'PHP_INI_DIR',
  'PHP_VERSION',
  'PHP_CFLAGS',
  'PHP_CPPFLAGS',
  'PHP_LDFLAGS',
  'PHPIZE_DEPS',
  'APACHE_CONFDIR',
  'APACHE_ENVVARS',
  'APACHE_RUN_USER',
  'APACHE_RUN_GROUP',
  'APACHE_LOG_DIR',
  'APACHE_DOCUMENT_ROOT',
  'COMPOSER_HOME',
  // dotnet
  'DOTNET_VERSION',
  'ASPNET_VERSION',
  'ASPNETCORE_URLS',
  'ASPNETCORE_HTTP_PORTS',
  'APP_UID',
  'DOTNET_RUNNING_IN_CONTAINER',
  'DOTNET_SDK_VERSION',
  'NUGET_XMLDOC_MODE',
  // web servers and others
  'NGINX_VERSION',
  'NJS_VERSION',
  'PKG_RELEASE',
  'HTTPD_PREFIX',
  'HTTPD_VERSION',
  'CADDY_VERSION',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'ERLANG_VERSION',
  'OTP_VERSION',
  'ELIXIR_VERSION',
  'MIX_HOME',
  'HEX_HOME',
  'SWIFT_VERSION',
  'PERL_VERSION',
  'JULIA_PATH',
  'JULIA_VERSION',
  'LD_LIBRARY_PATH',
  'PYTHONPATH',
  'PKG_CONFIG_PATH',
  'VIRTUAL_ENV',
  'CONDA_DIR',
  'MAMBA_ROOT_PREFIX',
  'NVIDIA_VISIBLE_DEVICES',
  'NVIDIA_DRIVER_CAPABILITIES',
  'CUDA_VERSION',
  'CUDA_HOME',
  'NV_CUDA_LIB_VERSION',
  'NB_USER',
  'NB_UID',
  'NB_GID',
  'CONDA_ENV',
  'ANDROID_HOME',
  'ANDROID_SDK_ROOT',
  'FLUTTER_HOME',
  'DENO_DIR',
  'DENO_INSTALL',
  'BUN_INSTALL',
  'PNPM_HOME',
  'POETRY_HOME',
  'LUA_PATH',
  'R_HOME',
]);

/** Secret-looking words in ARG and ENV names, as BuildKit's SecretsUsedInArgOrEnv matches them. */
export const SECRET_NAME_WORDS: readonly string[] = [
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'password',
  'pword',
  'passwd',
  'secret',
  'token',
];
/** Words that make a secret-looking name harmless (e.g. a public key). */
export const NON_SECRET_NAME_WORDS: readonly string[] = ['public'];

/** BuildKit's rule for stage names, applied to the lower-cased name. */
export const VALID_STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;

/** Names BuildKit gives a meaning of its own in `FROM` and `--from`, so no stage may take them. */
export const RESERVED_STAGE_NAMES: ReadonlySet<string> = new Set(['scratch', 'context']);
