import type { ImageReference } from './types';

/** Splits an image reference into registry, repository, tag and digest. */
export function parseImageReference(raw: string): ImageReference {
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const firstSlash = rest.indexOf('/');
  if (firstSlash >= 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || /^\$/.test(first)) {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { raw, registry, name: rest, tag, digest, hasVariable: raw.includes('$') };
}

/** The repository name without `library/` and registry, lower-cased: `golang`, `eclipse-temurin`. */
export function shortImageName(image: ImageReference): string {
  const name = image.name.toLowerCase();
  return name.startsWith('library/') ? name.slice('library/'.length) : name;
}
