/**
 * The first index in [0, count) at which a predicate holds, for a predicate that is false up to some
 * index and true from there on (the items are ordered by what it tests); `count` when it never holds.
 * Every ordered lookup over the model (lines, instructions, stages, references, comments) is one.
 */
export function firstIndex(count: number, holds: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
