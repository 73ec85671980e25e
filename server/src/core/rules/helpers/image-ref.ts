import { imageRepository, type WorkspaceImage } from '../../facts/build-targets';
import { imageDefaults } from '../../facts/image-defaults';
import { configurationKnown } from '../../knowledge/official-images';
import type { ImageReference, StageBase } from '../../model';
import { parseImageReference, shortImageName } from '../../model/image';
/** Validation of image references after variable expansion, following the distribution reference grammar. */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** True when the text is a valid image reference (`name[:tag][@digest]`). */
export function isValidImageReference(text: string): boolean {
  if (text.length === 0 || text.length > 255 + 128 + 80) return false;
  return REFERENCE.test(text);
}

/**
 * True when a FROM's image is one build argument and nothing else (`$BASE_IMAGE`, `${BASE_IMAGE}`,
 * `${BASE_IMAGE:-alpine}`): the Dockerfile is written for whoever builds it to choose the base, and
 * the default is only a fallback. hadolint does not check such a base either.
 */
export function isWholeVariable(text: string): boolean {
  return /^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*(?::?[-+][^{}$]*)?\})$/.test(text.trim());
}

/**
 * True when both the repository and the tag of a FROM's image are build arguments
 * (`${CLI_IMAGE}:${CLI_TAG}`, `${FROM_REPO}/rpms:${FROM_TAG}`): the build names the image and its
 * version, and the defaults are fallbacks, as with a base that is one argument as a whole.
 */
export function nameAndTagVariables(text: string): boolean {
  // `${NAME:-default}` holds colons of its own: mask each substitution before splitting off the tag.
  const masked = text
    .trim()
    .replace(/\$\{[^{}]*\}/g, '$V')
    .replace(/@.*$/, '');
  const slash = masked.lastIndexOf('/');
  const colon = masked.indexOf(':', slash + 1);
  if (colon < 0) return false;
  return masked.slice(0, colon).includes('$') && masked.slice(colon + 1).includes('$');
}

/**
 * Whether the configuration (working directory, user) of a stage's base image is known: a known
 * image (see `configurationKnown`), also when only its tag is a variable the global ARGs leave
 * unresolved (`mcr.microsoft.com/windows/nanoserver:${OSVERSION}`), and `scratch`.
 */
export function baseConfigurationKnown(base: StageBase): boolean {
  if (base.kind === 'scratch') return true;
  if (base.kind === 'image') return configurationKnown(base.image);
  if (base.kind !== 'variable') return false;
  const name = base.raw.replace(/[:@][^/]*$/, '');
  return name !== '' && !name.includes('$') && configurationKnown(parseImageReference(name));
}

/**
 * Whether the base image's name itself comes from a build argument (`FROM $BUILD_BASE`,
 * `FROM ${REGISTRY}/base:${TAG}`), not only its tag (`FROM myorg/base:${TAG}`): whoever builds chooses
 * the image.
 */
export function baseNameIsVariable(base: StageBase): boolean {
  return base.kind === 'variable' && base.raw.replace(/[:@][^/]*$/, '').includes('$');
}

/**
 * The working directory a stage starts in before any WORKDIR, where it is known: `/` on scratch, the
 * image's own (`/go` on golang, /var/task on AWS Lambda's images), `/` on other images whose
 * configuration is known; null on a vendor's or a project's own image, which may set its own.
 */
export function startingWorkdir(base: StageBase): string | null {
  if (base.kind === 'scratch') return '/';
  if (base.kind !== 'image') return null;
  return imageDefaults(shortImageName(base.image)).workdir ?? (baseConfigurationKnown(base) ? '/' : null);
}

/**
 * Whether a FROM's image is one of the named build contexts every build sets (bake `contexts`,
 * compose `additional_contexts`, `--build-context`): BuildKit reads that context instead of pulling
 * the image. It looks the context up by the reference as written, tag included, `:latest` being the
 * same as no tag (`FROM alpine` and `FROM alpine:latest` read a context named `alpine`; `FROM
 * alpine:3.20` one named `alpine:3.20`).
 */
export function readsNamedContext(image: ImageReference, namedContexts: readonly string[] | undefined): boolean {
  if (!namedContexts || namedContexts.length === 0) return false;
  const written = image.raw.replace(/^["']|["']$/g, '').toLowerCase();
  const candidates = new Set([written, written.replace(/:latest$/, '')]);
  return namedContexts.some((c) => candidates.has(c.toLowerCase().replace(/^docker-image:\/\//, '')));
}

/**
 * The image the workspace builds itself that a stage starts from (compose's `image:` of a service it
 * builds, `docker build -t` in a script, bake `tags`), matched by repository; undefined for any
 * other base. The tag does not matter: it is the project's own image, whichever build of it.
 */
export function workspaceImageOf(
  base: StageBase,
  images: readonly WorkspaceImage[] | undefined,
): WorkspaceImage | undefined {
  if (!images || images.length === 0) return undefined;
  const written = base.kind === 'image' ? base.image.raw : base.kind === 'variable' ? base.raw : null;
  const name = written === null ? null : imageRepository(written);
  return name === null ? undefined : images.find((i) => i.name === name);
}

/** The workspace's images as a memo key: names and working directories. */
export function workspaceImagesKey(images: readonly WorkspaceImage[] | undefined): string {
  return (images ?? []).map((i) => `${i.name}=${i.workdir === undefined ? '' : (i.workdir ?? '?')}`).join(',');
}
