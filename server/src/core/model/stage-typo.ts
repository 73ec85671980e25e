/**
 * Whether a `--from` or `from=` value that names no stage is a likely typo of one: one shared
 * answer for `copy-from-undefined-stage` ("did you mean 'deps'?") and the hover on the value, so the
 * two never disagree.
 */
import { WELL_KNOWN_IMAGES } from '../knowledge/well-known-images';
import { closestMatch } from '../syntax/closest-match';
import type { DockerfileModel } from './types';

/** A value BuildKit would read as an image on purpose: it has a registry, path, tag or digest, or is a well-known image. */
export function looksLikeImage(value: string): boolean {
  return /[/:@.]/.test(value) || WELL_KNOWN_IMAGES.has(value.toLowerCase());
}

/**
 * The stage name `value` is a likely typo of, or null: the value does not look like an image on
 * purpose and is within a few edits of a stage's name.
 */
export function likelyStageTypo(model: DockerfileModel, value: string): string | null {
  if (looksLikeImage(value)) return null;
  const names = model.stages.map((s) => s.name).filter((n): n is string => n !== null);
  return closestMatch(value, names);
}
