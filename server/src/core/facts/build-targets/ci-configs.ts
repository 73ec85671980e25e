/**
 * CI configurations the readers do not follow (GitLab CI, CircleCI, Jenkins, Azure Pipelines,
 * Bitbucket Pipelines, Travis, Drone, Woodpecker, Cloud Build, CodeBuild), and deployment
 * configurations that build and run an image elsewhere (Fly.io, Heroku, Render, Railway, Docker Hub's
 * automated build hooks). What they build is not read; one that builds or pushes images may ship any
 * Dockerfile's image, which is all that is kept.
 */
import type { BuildFileText, BuildTarget } from './types';

/**
 * Deployment configurations that build the image from a Dockerfile and run it elsewhere (Fly.io,
 * Heroku's container stack, Render, Railway, Docker Hub's automated builds): each ships an image.
 */
function isDeployConfig(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    /^(?:fly\.toml|heroku\.yml|render\.ya?ml|railway\.(?:toml|json))$/.test(name) ||
    /(^|\/)hooks\/(?:build|push|pre_build|post_push)$/.test(path)
  );
}

/** Whether a root-relative path is such a CI or deployment configuration. */
export function isCiConfigFile(path: string): boolean {
  if (isDeployConfig(path)) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/(^|\/)\.circleci\/config\.ya?ml$/.test(path)) return true;
  if (/(^|\/)\.gitlab\/.*\.ya?ml$/.test(path)) return true;
  return /^(?:.*\.)?gitlab-ci\.ya?ml$|^Jenkinsfile(?:[.-].*)?$|^azure-pipelines.*\.ya?ml$|^bitbucket-pipelines\.ya?ml$|^\.travis\.ya?ml$|^\.drone\.ya?ml$|^\.woodpecker\.ya?ml$|^cloudbuild.*\.ya?ml$|^buildspec.*\.ya?ml$/.test(
    name,
  );
}

/** What in such a file builds or pushes an image: a Docker, Podman or Buildah command, Kaniko, an image-publishing orb or task. */
const BUILDS_IMAGES =
  /\b(?:docker|podman)\s+(?:buildx\s+)?(?:build|push)\b|\bbuildah\s+(?:bud|build|push)\b|\bkaniko\b|\bdocker-publish\b|\bdocker\/publish\b|\bsetup_remote_docker\b|\bbuildAndPush\b|\bDocker@\d|\bdocker\.build\(|\bpack\s+build\b|\bjib\b/i;

/** A build of any Dockerfile that may push, when the configuration builds images; nothing otherwise. */
export function readCiConfig(file: BuildFileText): BuildTarget[] {
  if (!isDeployConfig(file.path) && !BUILDS_IMAGES.test(file.text)) return [];
  return [
    {
      stage: null,
      args: [],
      dockerfiles: null,
      file: file.path,
      what: isDeployConfig(file.path) ? 'deployment configuration' : 'CI configuration',
      pushes: true,
    },
  ];
}
