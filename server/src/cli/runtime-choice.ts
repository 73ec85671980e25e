/**
 * `split --runtime`: a family (distroless, scratch, ...), one of the plan's images, or any image the
 * user names. A named image takes the place of the choice of its kind, so the runtime stage is laid
 * out for what that image has (a shell, a package manager, certificates).
 */
import { closestMatch, RUNTIME_FAMILIES, type RuntimeChoice } from '../core';
import { UsageError } from './files';

/**
 * An image reference as Docker reads one: an optional registry host (with port), lower-case path
 * components, an optional tag and an optional digest.
 */
const IMAGE_REFERENCE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/** The family whose choice a named image stands in for: told by its name, a distribution with a shell otherwise. */
export function familyOfImage(image: string): (typeof RUNTIME_FAMILIES)[number] {
  const withoutDigest = image.split('@')[0]!.toLowerCase();
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const name = colon >= 0 ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = colon >= 0 ? withoutDigest.slice(colon + 1) : '';
  const base = name.slice(name.lastIndexOf('/') + 1);
  // Google's distroless images, and Chainguard's shell-less static and glibc-dynamic ones.
  if (name.includes('distroless') || /^cgr\.dev\/chainguard\/(static|glibc-dynamic)$/.test(name)) return 'distroless';
  if (base === 'scratch') return 'scratch';
  if (base === 'busybox') return 'busybox';
  if (base === 'alpine' || /(^|[-.])alpine/.test(tag)) return 'alpine';
  return 'slim';
}

export interface PickedRuntime {
  choice: RuntimeChoice;
  /** Said on stderr when a named image stands in for a choice. */
  note: string | null;
}

export function pickRuntime(choices: readonly RuntimeChoice[], wanted: string): PickedRuntime {
  const found = choices.find((c) => c.family === wanted || c.image === wanted || c.label === wanted);
  if (found) return { choice: found, note: null };
  const known = choices.map((c) => `${c.family} (${c.image})`).join(', ');
  if ((RUNTIME_FAMILIES as readonly string[]).includes(wanted))
    throw new UsageError(`no '${wanted}' runtime fits this Dockerfile; choices: ${known}`);
  const family = closestMatch(wanted, RUNTIME_FAMILIES);
  if (family && !wanted.includes(':') && !wanted.includes('/'))
    throw new UsageError(
      `'${wanted}' is no runtime family; did you mean '${family}'? (or name an image, e.g. ${wanted}:latest)`,
    );
  if (!IMAGE_REFERENCE.test(wanted))
    throw new UsageError(
      `--runtime takes a family (${RUNTIME_FAMILIES.join(', ')}) or an image reference, not '${wanted}'`,
    );
  const kind = familyOfImage(wanted);
  // The choice of the image's kind; else one with a shell (most images have one); else the first.
  const template =
    choices.find((c) => c.family === kind) ?? choices.find((c) => c.base.shell && kind !== 'scratch') ?? choices[0]!;
  return {
    choice: { ...template, image: wanted, label: wanted },
    note: `stagewright: ${wanted} takes the place of ${template.image} (the ${template.family} choice): the runtime stage copies and installs what that choice does\n`,
  };
}
