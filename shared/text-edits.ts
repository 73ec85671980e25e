/** A replacement of the characters from `start` to `end` (offsets into the text) by `text`. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits given by offsets into one text, as an editor applies a workspace edit: each range
 * refers to the text before any edit, and edits at the same place keep their order. Throws on
 * overlapping edits, which an editor refuses too.
 */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
