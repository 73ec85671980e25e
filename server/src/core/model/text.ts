import type { Position, Range } from './types';

/** Offsets at which each line starts; a line ends at \n, \r\n or a lone \r. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetAt(lineStarts: number[], text: string, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lineStarts.length) return text.length;
  const start = lineStarts[pos.line]!;
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1]! : text.length;
  // Do not step past the line break.
  let end = next;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return Math.min(start + Math.max(0, pos.character), end);
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo]! };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function textOfRange(text: string, lineStarts: number[], range: Range): string {
  return text.slice(offsetAt(lineStarts, text, range.start), offsetAt(lineStarts, text, range.end));
}

/**
 * Heuristic for input that is not text: NUL bytes, or mostly control characters; or text that was not
 * valid UTF-8 (the editor and the CLI decode invalid bytes as U+FFFD, the replacement character).
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\uFFFD')) return true;
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
