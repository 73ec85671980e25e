import { applyOffsetEdits } from '../../../../shared/text-edits';
import { computeLineStarts, offsetAt } from '../model/text';
import type { TextEdit } from './types';

/** Applies non-overlapping edits to a text, as an editor would. Throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = computeLineStarts(text);
  return applyOffsetEdits(
    text,
    edits.map((e) => ({
      start: offsetAt(lineStarts, text, e.range.start),
      end: offsetAt(lineStarts, text, e.range.end),
      text: e.newText,
    })),
  );
}
