import type { Range } from '../../server/src/core';

/**
 * Shows a range as the text it covers, bracketed in its line(s): `COPY --from=[builder] /a /b`.
 * Tests compare these strings, so positions never have to be typed as numbers.
 */
export function markRange(text: string, range: Range): string {
  const lines = text.split(/\r?\n/);
  const { start, end } = range;
  if (start.line === end.line) {
    const line = lines[start.line] ?? '';
    return `${line.slice(0, start.character)}[${line.slice(start.character, end.character)}]${line.slice(end.character)}`;
  }
  const first = lines[start.line] ?? '';
  const last = lines[end.line] ?? '';
  return `${first.slice(0, start.character)}[${first.slice(start.character)} … ${last.slice(0, end.character)}]${last.slice(end.character)}`;
}
