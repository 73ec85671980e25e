import { releaseInName } from '../knowledge/official-images';
import {
  isWholeVariable,
  nameAndTagVariables,
  readsNamedContext,
  workspaceImageOf,
  workspaceImagesKey,
} from './helpers/image-ref';
import { stageRule, type Rule } from './types';

/** The variables written in the tag part of a FROM's image (`name:${TAG}` gives TAG). */
function tagVariables(written: string): string[] {
  const colon = written.lastIndexOf(':');
  if (colon < 0 || colon < written.lastIndexOf('/')) return [];
  return [...written.slice(colon + 1).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

export const baseImageLatestTag: Rule = stageRule({
  meta: {
    id: 'base-image-latest-tag',
    severity: 'warning',
    title: "Base image tagged 'latest'",
    peers: { hadolint: ['DL3007'] },
    docs: {
      what: "Flags a `FROM` whose image is tagged `latest` without a digest, also when the tag comes from the default value of a global ARG (`FROM alpine:${TAG}`). A base that is one build argument as a whole (`FROM ${BASE_IMAGE}`) is not flagged: the Dockerfile leaves the base to whoever builds it, and the default is only a fallback (hadolint does not check such a base either); nor is one whose repository and tag are both build arguments (`${CLI_IMAGE}:${CLI_TAG}`, `${FROM_REPO}/rpms:${FROM_TAG}`): the build names the image and its version. A tag alone from an ARG default (`alpine:${TAG}`) is still flagged, unless every build of the file in the workspace passes that ARG (compose `build.args`, bake `args`, a workflow's `build-args`, `--build-arg` in a script or Makefile): then the default is never used; nor an image that every build replaces with a named build context (a Bake file's `contexts`, compose `additional_contexts`, `--build-context`), or whose stage a context of the stage's name replaces, nor an image the workspace builds itself (a compose service's `image:` beside its `build:`, `docker build -t` in a script, Makefile or workflow, a Bake target's `tags`, the build-push-action's `tags`): its `latest` is the project's own last build. Images whose name carries the release are not flagged: distroless (`gcr.io/distroless/static-debian12:latest`, where `latest` only picks the variant beside `nonroot` and `debug`) and Red Hat's UBI (`registry.access.redhat.com/ubi9/ubi-minimal:latest` moves only within RHEL 9, as a floating major tag does; so does AlmaLinux's `almalinux/8-minimal:latest` within AlmaLinux 8), and a project's own rebuild of a release whose last name part ends in that release (`registry.example.org/library/alpine-3`, `myorg/debian12`, `myorg/node-18-alpine`, `myorg/eclipse-temurin-11-jdk`, `cern/cc7-base`), whose `latest` moves within it, and PyPA's wheel-building images named for their platform policy (`quay.io/pypa/manylinux2014_x86_64:latest`), whose tags are dated rebuilds of that policy.",
      why: '`latest` moves: the next build may get a new major version of the base, and two machines may build different images from the same Dockerfile. It says nothing about what was tested. Name the version (and pin a digest where builds must be reproducible); a digest beside `latest` pins it and is not flagged.',
      example: 'FROM alpine:latest\nRUN apk add --no-cache curl\nUSER nobody\n',
      better: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER nobody\n',
    },
  },
  // The build arguments the workspace's builds always pass decide whether a tag's default is used.
  settingsKey: (settings) =>
    `${(settings.passedArgs ?? []).join(',')}|${(settings.namedContexts ?? []).join(',')}|${workspaceImagesKey(settings.workspaceImages)}`,
  checkStage(stage, { settings, report }) {
    if (stage.base.kind !== 'image' || !stage.baseToken) return;
    const { image } = stage.base;
    // A default that BuildKit's expansion leaves unresolved here (an automatic platform ARG, a
    // substitution we do not model): what is pulled is not known.
    if (image.raw.includes('$')) return;
    // The whole image is a build argument: the build chooses the base, its default is a fallback.
    if (isWholeVariable(stage.baseToken.value)) return;
    // So do a repository and a tag that are both build arguments (`${CLI_IMAGE}:${CLI_TAG}`).
    if (nameAndTagVariables(stage.baseToken.value)) return;
    if (image.tag !== 'latest' || image.digest !== null) return;
    // Every build replaces the image with a named context (a Bake target's output): nothing is pulled.
    if (readsNamedContext(image, settings.namedContexts)) return;
    // A named context of the stage's own name replaces the whole stage (a placeholder a Bake file fills).
    if (stage.nameLower && settings.namedContexts?.some((c) => c.toLowerCase() === stage.nameLower)) return;
    // The tag comes from a build argument every build of the file passes: `latest` is only its
    // default, which those builds never use (elifesciences/journal's `:${image_tag}`, given by compose).
    if (image.hasVariable && tagVariables(stage.baseToken.value).some((n) => settings.passedArgs?.includes(n))) return;
    // The workspace builds the image itself and tags it `latest` (mfem's workflow builds its base
    // image and the image on it in one run): the tag is the project's own last build.
    if (workspaceImageOf(stage.base, settings.workspaceImages)) return;
    // The name carries the release (distroless, Red Hat UBI): `latest` only picks the variant.
    if (releaseInName(image)) return;
    report({
      range: stage.baseToken.range,
      message: image.hasVariable
        ? `The base image '${image.raw}' (the default of '${stage.baseToken.value}') is tagged 'latest', which changes without notice. Name a version, or pin a digest.`
        : `The base image '${image.raw}' is tagged 'latest', which changes without notice. Name a version, or pin a digest.`,
    });
  },
});
