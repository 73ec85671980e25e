import { isUnservedBareName, releaseInName } from '../knowledge/official-images';
import { isWholeVariable, readsNamedContext, workspaceImageOf, workspaceImagesKey } from './helpers/image-ref';
import { stageRule, type Rule } from './types';

export const baseImageUntagged: Rule = stageRule({
  meta: {
    id: 'base-image-untagged',
    severity: 'warning',
    title: 'Base image without a tag or digest',
    peers: { hadolint: ['DL3006'] },
    docs: {
      what: "Flags a `FROM` whose image has neither a tag nor a digest, also when part of the image comes from the default value of a global ARG (`FROM ${REGISTRY}nginx`). A base that is one build argument as a whole (`FROM ${BASE_IMAGE}`) is not flagged: the Dockerfile leaves the base to whoever builds it, and the default is only a fallback (hadolint does not check such a base either). A stage name, `scratch` and a variable without a default are not images and stay silent; nor do images whose name carries the release: distroless (`gcr.io/distroless/static-debian12`, whose tags only pick a variant) and Red Hat's UBI (`registry.access.redhat.com/ubi9-minimal`, `ubi9/ubi-minimal`, `redhat/ubi9`, which move only within RHEL 9, as a floating major tag does), and a project's own rebuild of a release whose last name part ends in that release (`registry.example.org/library/alpine-3`, `myorg/debian12`, `myorg/node-18-alpine`, `myorg/eclipse-temurin-11-jdk`, `gcp-runtimes/ubuntu_18_0_4`, `cern/cc7-base`, `myorg/builder-el8`), whose `latest` moves within it, and PyPA's wheel-building images named for their platform policy (`quay.io/pypa/manylinux2014_x86_64`, `musllinux_1_2_aarch64`), whose tags are dated rebuilds of that policy. A bare name that is not a Docker Hub official image (`FROM base`, a named build context set by a Bake file or `--build-context`; an `ARG` default such as `placeholder` that every build overrides) is not pulled from a registry and stays silent too, and so is an image that every build of the file in the workspace replaces with a named build context (a Bake file's `contexts`, compose `additional_contexts`, `--build-context`; the editor and the command line read them with the build targets), or whose stage a context of the stage's name replaces (a placeholder stage a Bake file fills). Nor is an image the workspace builds itself (a compose service's `image:` beside its `build:`, `docker build -t` in a script, Makefile or workflow, a Bake target's `tags`, the build-push-action's `tags`): that is the project's own image, whose latest build is the one meant.",
      why: 'Without a tag Docker pulls `latest`, whatever it is on the day of the build: the next build may get a new major version of the base, and two machines may build different images from the same Dockerfile. Name the version (and pin a digest where builds must be reproducible).',
      example: 'FROM node\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      better: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  // Named build contexts the workspace's builds set replace the image.
  settingsKey: (settings) =>
    `${(settings.namedContexts ?? []).join(',')}|${workspaceImagesKey(settings.workspaceImages)}`,
  checkStage(stage, { settings, report }) {
    if (stage.base.kind !== 'image' || !stage.baseToken) return;
    const { image } = stage.base;
    // A default that BuildKit's expansion leaves unresolved here (an automatic platform ARG, a
    // substitution we do not model): what is pulled is not known.
    if (image.raw.includes('$')) return;
    // The whole image is a build argument: the build chooses the base, its default is a fallback.
    if (isWholeVariable(stage.baseToken.value)) return;
    if (image.tag !== null || image.digest !== null || image.name === '' || releaseInName(image)) return;
    // A bare word Docker Hub does not serve (`FROM base`, a named build context; `placeholder`, a
    // default every build overrides): there is no `latest` to pull.
    if (isUnservedBareName(image)) return;
    // Every build replaces the image with a named context (lagoon's bake file maps
    // `lagoon/yarn-workspace-builder` to its own target): nothing is pulled.
    if (readsNamedContext(image, settings.namedContexts)) return;
    // A named context of the stage's own name replaces the whole stage (a placeholder a Bake file fills).
    if (stage.nameLower && settings.namedContexts?.some((c) => c.toLowerCase() === stage.nameLower)) return;
    // The workspace builds the image itself (elifesciences/journal's compose builds
    // `elifesciences/journal` for its CI image): its `latest` is the project's own last build.
    if (workspaceImageOf(stage.base, settings.workspaceImages)) return;
    report({
      range: stage.baseToken.range,
      message: image.hasVariable
        ? `The base image '${image.raw}' (the default of '${stage.baseToken.value}') has no tag: it pulls 'latest', whatever that is at build time. Name a version, or pin a digest.`
        : `The base image '${image.raw}' has no tag: it pulls 'latest', whatever that is at build time. Name a version, or pin a digest.`,
    });
  },
});
