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
  // CI configurations that are not read, only noted when they build images (they may ship any image).
  '**/{.gitlab-ci,*.gitlab-ci}.{yml,yaml}',
  '**/.gitlab/**/*.{yml,yaml}',
  '**/.circleci/config.{yml,yaml}',
  '**/{Jenkinsfile,Jenkinsfile.*,Jenkinsfile-*}',
  '**/{azure-pipelines*,bitbucket-pipelines,.travis,.drone,.woodpecker,cloudbuild*,buildspec*}.{yml,yaml}',
  // Deployment configurations that build and ship an image (Fly.io, Heroku, Render, Railway, Docker Hub hooks).
  '**/{fly.toml,heroku.yml,render.yaml,render.yml,railway.toml,railway.json}',
  '**/hooks/{build,push,pre_build,post_push}',
];

/**
 * Dockerfiles, by the names people give them, watched because an image the workspace builds is
 * described by its Dockerfile: a change of its WORKDIR changes what the Dockerfiles built on that
 * image are told (server/src/host/build-targets.ts reads them for the working directory).
 */
export const DOCKERFILE_GLOBS: readonly string[] = [
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/{Dockerfile,Containerfile}.*',
  '**/*.{Dockerfile,dockerfile,Containerfile}',
  // `**` passes over hidden folders: a dev container's Dockerfile is named outright.
  '**/.devcontainer/{Dockerfile,Containerfile}',
  '**/.devcontainer/*/{Dockerfile,Containerfile}',
];
