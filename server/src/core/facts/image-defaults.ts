/**
 * What well-known official images set before a Dockerfile's first instruction: the working
 * directory, environment variables (PATH included) and user. A stage on such an image starts from
 * these values, so relative paths, `go install` targets and commands found on PATH resolve as they do
 * in a build. Values as the images' own Dockerfiles set them (docker-library, Microsoft, Eclipse
 * Adoptium), read 2025-06; versions inside variables are left out, only paths matter here.
 */
export interface ImageDefaults {
  workdir?: string;
  env: Readonly<Record<string, string>>;
  user?: string;
  /** The SHELL the image sets, which the images built on it inherit (`["/bin/bash", "-o", "pipefail", "-c"]`). */
  shell?: readonly string[];
}

/** PATH of Debian- and Alpine-based images that do not change it. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const IMAGES: Readonly<Record<string, ImageDefaults>> = {
  golang: {
    workdir: '/go',
    env: { GOPATH: '/go', GOTOOLCHAIN: 'local', PATH: `/go/bin:/usr/local/go/bin:${DEFAULT_PATH}` },
  },
  rust: {
    env: {
      RUSTUP_HOME: '/usr/local/rustup',
      CARGO_HOME: '/usr/local/cargo',
      PATH: `/usr/local/cargo/bin:${DEFAULT_PATH}`,
    },
  },
  python: { env: { PATH: DEFAULT_PATH, LANG: 'C.UTF-8' } },
  'eclipse-temurin': { env: { JAVA_HOME: '/opt/java/openjdk', PATH: `/opt/java/openjdk/bin:${DEFAULT_PATH}` } },
  maven: {
    env: {
      JAVA_HOME: '/opt/java/openjdk',
      MAVEN_HOME: '/usr/share/maven',
      PATH: `/opt/java/openjdk/bin:${DEFAULT_PATH}`,
    },
  },
  gradle: {
    workdir: '/home/gradle',
    env: {
      JAVA_HOME: '/opt/java/openjdk',
      GRADLE_HOME: '/opt/gradle',
      PATH: `/opt/java/openjdk/bin:/opt/gradle/bin:${DEFAULT_PATH}`,
    },
  },
  openjdk: { env: { JAVA_HOME: '/usr/local/openjdk', PATH: `/usr/local/openjdk/bin:${DEFAULT_PATH}` } },
  'dotnet/sdk': { env: { DOTNET_ROOT: '/usr/share/dotnet', PATH: `${DEFAULT_PATH}:/root/.dotnet/tools` } },
  'dotnet/aspnet': { workdir: '/app', env: { PATH: DEFAULT_PATH, ASPNETCORE_HTTP_PORTS: '8080' } },
  'dotnet/runtime': { workdir: '/app', env: { PATH: DEFAULT_PATH } },
  php: { workdir: '/var/www/html', env: { PATH: DEFAULT_PATH, PHP_INI_DIR: '/usr/local/etc/php' } },
  wordpress: { workdir: '/var/www/html', env: { PATH: DEFAULT_PATH } },
  httpd: {
    workdir: '/usr/local/apache2',
    env: { HTTPD_PREFIX: '/usr/local/apache2', PATH: `/usr/local/apache2/bin:${DEFAULT_PATH}` },
  },
  tomcat: {
    workdir: '/usr/local/tomcat',
    env: { CATALINA_HOME: '/usr/local/tomcat', PATH: `/usr/local/tomcat/bin:${DEFAULT_PATH}` },
  },
  // Cross-compiling Rust images that expect the sources in /home/rust/src (messense/rust-musl-cross's
  // Dockerfile, read 2026-12: `WORKDIR /home/rust/src` last, cargo on PATH).
  'messense/rust-musl-cross': {
    workdir: '/home/rust/src',
    env: { PATH: `/root/.cargo/bin:/usr/local/musl/bin:${DEFAULT_PATH}`, CARGO_HOME: '/root/.cargo' },
  },
  ruby: {
    env: {
      GEM_HOME: '/usr/local/bundle',
      BUNDLE_APP_CONFIG: '/usr/local/bundle',
      PATH: `/usr/local/bundle/bin:${DEFAULT_PATH}`,
    },
  },
};

/**
 * What BuildKit itself sets in every stage, scratch included: when the base image's configuration
 * has no PATH, the build gives the stage the platform's default one (`/usr/local/sbin:...:/bin` on
 * Linux), so `ENV PATH=$PATH:/app` on scratch extends that value.
 */
export const BUILDKIT_STAGE_ENV: ReadonlySet<string> = new Set(['PATH']);

/**
 * Red Hat's source-to-image language images on UBI (`ubi9/go-toolset`, `ubi9/nodejs-22`,
 * `ubi8/python-311`, `ubi9/ruby-33`, `ubi9/php-82`, `ubi9/perl-532`): their s2i base sets HOME and the
 * working directory to /opt/app-root/src and puts the app's and the tools' bin folders on PATH.
 */
const UBI_S2I = /^ubi\d+\/(go-toolset|(nodejs|python|ruby|php|perl)-\d+(-minimal)?)$/;
const UBI_S2I_DEFAULTS: ImageDefaults = {
  workdir: '/opt/app-root/src',
  env: { HOME: '/opt/app-root/src', PATH: `/opt/app-root/src/bin:/opt/app-root/bin:${DEFAULT_PATH}` },
};

/**
 * Project Jupyter's docker-stacks images (`jupyter/base-notebook`, `quay.io/jupyter/scipy-notebook`,
 * `jupyter/docker-stacks-foundation`): the foundation image sets
 * `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` and works in the notebook user's home.
 */
const JUPYTER_STACKS = /^jupyter\/([a-z0-9-]+-notebook|docker-stacks-foundation)$/;
const JUPYTER_STACKS_DEFAULTS: ImageDefaults = {
  workdir: '/home/jovyan',
  env: { HOME: '/home/jovyan', CONDA_DIR: '/opt/conda', PATH: `/opt/conda/bin:${DEFAULT_PATH}` },
  shell: ['/bin/bash', '-o', 'pipefail', '-c'],
};

/**
 * AWS Lambda's base images for container functions (`public.ecr.aws/lambda/provided:al2023`,
 * `lambda/python:3.12`, and their Docker Hub copies `amazon/aws-lambda-python`): their Dockerfiles set
 * `WORKDIR /var/task`, the function's code directory that Lambda names LAMBDA_TASK_ROOT, and put the
 * runtime in /var/runtime and the language in /var/lang (aws-lambda-base-images' Dockerfiles, read
 * 2026-12; LD_LIBRARY_PATH left out).
 */
const AWS_LAMBDA = /^(lambda\/|amazon\/aws-lambda-)(provided|python|nodejs|java|dotnet|ruby|go)$/;
const AWS_LAMBDA_DEFAULTS: ImageDefaults = {
  workdir: '/var/task',
  env: {
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    LANG: 'en_US.UTF-8',
    TZ: ':/etc/localtime',
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
  },
};

/** The defaults of an image by its short name (`golang`, `dotnet/sdk`), or plain `/` and PATH. */
export function imageDefaults(shortName: string | null): ImageDefaults {
  if (shortName && IMAGES[shortName]) return IMAGES[shortName]!;
  if (shortName && UBI_S2I.test(shortName)) return UBI_S2I_DEFAULTS;
  if (shortName && JUPYTER_STACKS.test(shortName)) return JUPYTER_STACKS_DEFAULTS;
  if (shortName && AWS_LAMBDA.test(shortName)) return AWS_LAMBDA_DEFAULTS;
  return { env: { PATH: DEFAULT_PATH } };
}
