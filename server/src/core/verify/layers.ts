/**
 * The layers an image adds over its base image, from the two images' histories (`docker history`,
 * newest first). The base's history is the tail of the image's: the entries before that tail are
 * what the Dockerfile made. A tail that does not match (the base tag moved since the build) gives no
 * answer rather than a wrong one.
 */
import type { LayerInfo } from '../../../../shared/verify-data';
import type { HistoryEntryJson } from './inspect';

export function historySize(entry: HistoryEntryJson): number {
  const n = typeof entry.Size === 'number' ? entry.Size : Number(entry.Size ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The entries over the base, newest first; undefined when the base's history is not the image's tail. */
export function layersOverBase(
  image: readonly HistoryEntryJson[],
  base: readonly HistoryEntryJson[] | undefined,
): LayerInfo[] | undefined {
  if (base === undefined) return image.map(layerInfo);
  if (base.length > image.length) return undefined;
  const own = image.length - base.length;
  for (let i = 0; i < base.length; i++) {
    const a = image[own + i]!;
    const b = base[i]!;
    if ((a.CreatedBy ?? '') !== (b.CreatedBy ?? '') || historySize(a) !== historySize(b)) return undefined;
  }
  return image.slice(0, own).map(layerInfo);
}

function layerInfo(entry: HistoryEntryJson): LayerInfo {
  return { createdBy: cleanCreatedBy(entry.CreatedBy ?? ''), size: historySize(entry) };
}

/** The legacy builder writes `/bin/sh -c #(nop) ` before configuration steps and `/bin/sh -c ` before RUN. */
export function cleanCreatedBy(text: string): string {
  const nop = /^\/bin\/sh -c #\(nop\)\s*/;
  if (nop.test(text)) return text.replace(nop, '').trim();
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length)}`;
  return text.replace(/ # buildkit$/, '');
}

/** The bytes of the layers an image adds over its base. */
export function ownBytes(layers: readonly LayerInfo[]): number {
  return layers.reduce((sum, l) => sum + l.size, 0);
}
