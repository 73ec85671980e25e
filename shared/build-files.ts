/**
 * The files that say which stages a workspace builds as targets, as glob patterns for the client's
 * file watcher (the server reads them; see server/src/host/build-targets.ts). Each kind the server
 * reads has a pattern here; test/shared/build-files.test.ts keeps the two in step.
 */
export const BUILD_FILE_GLOBS: readonly string[] = [
  '**/{compose,docker-compose}*.{yaml,yml}',
  '**/docker-bake*.{hcl,json}',
  '**/{Makefile,makefile,GNUmakefile,*.mk}',
  '**/*.{sh,bash}',
  '**/.github/workflows/*.{yml,yaml}',
  '**/.devcontainer/devcontainer.json',
  '**/.devcontainer/*/devcontainer.json',
  '**/.devcontainer.json',
];
