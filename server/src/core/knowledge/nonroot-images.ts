/**
 * Base images whose default user is not root, so a final stage built on them without a USER
 * instruction does not run as root. Matched against the image reference without the registry.
 */
export const NONROOT_IMAGE_PATTERNS: readonly RegExp[] = [
  // Distroless and Chainguard-style tags.
  /:(?:[^@]*[-_.])?nonroot(?:[-_.][^@]*)?(?:@|$)/,
  /:(?:[^@]*[-_.])?rootless(?:[-_.][^@]*)?(?:@|$)/,
  // Chainguard images default to a non-root user (except the -dev variants).
  /^chainguard\/(?!.*:.*-dev\b)/,
  // Bitnami images run as uid 1001.
  /^bitnami\//,
  // Red Hat UBI runtimes for languages run as uid 1001.
  /^ubi\d*\/(?:nodejs|python|openjdk|php|ruby|go-toolset|dotnet)/,
  // NGINX's unprivileged image runs nginx as uid 101 (user nginx) and listens on 8080.
  /^nginxinc\/nginx-unprivileged(?::|@|$)/,
  // .NET chiseled images run as app.
  /^dotnet\/(?:nightly\/)?(?:runtime|aspnet|runtime-deps).*chiseled/,
];

/**
 * Base images whose default user is an account given passwordless sudo by design, the way the image
 * expects a Dockerfile to install or change system files: OCaml's `ocaml/opam` (user opam),
 * Conan's `conanio/*` build images (user conan) and Gitpod's `gitpod/workspace-*` images (user gitpod).
 * Matched against the image name without the registry.
 */
export const SUDO_USER_IMAGES: readonly RegExp[] = [/^ocaml\/opam$/, /^conanio\//, /^gitpod\/workspace-/];

/**
 * Microsoft's dev container images (`mcr.microsoft.com/devcontainers/base`, the older
 * `mcr.microsoft.com/vscode/devcontainers/java`): made for a developer working inside the container,
 * with a non-root user (vscode, node) that has passwordless sudo by design. Matched against the image
 * name without the registry.
 */
export const DEV_CONTAINER_IMAGES = /(^|\/)devcontainers\//;
