/**
 * The shell script of a shell-form RUN as the shell receives it, with the way back from the script's
 * offsets to the Dockerfile's positions. The Dockerfile's line continuations (the escape character
 * at the end of a line) are removed, as are the comment lines between continued lines, exactly as
 * BuildKit joins the lines before the shell sees them.
 */
import type { Instruction, Position, Range } from '../model';
import { readScript, type ScriptCommand } from '../syntax/shell-script';

/** The text of a file with the offsets of its lines. */
export interface SourceText {
  text: string;
  lineStarts: number[];
}

export interface RunScript {
  script: string;
  commands: ScriptCommand[];
  /** The Dockerfile position of a script offset (the end of the script maps past its last character). */
  positionAt(offset: number): Position;
  /** The Dockerfile range of script offsets [start, end). */
  rangeOf(start: number, end: number): Range;
}

function offsetOf(source: SourceText, position: Position): number {
  return (source.lineStarts[position.line] ?? source.text.length) + position.character;
}

/**
 * The script of a RUN in shell form, or null for the exec form, a RUN with heredocs (its body is a
 * script of its own) or one without arguments.
 */
export function runScript(instruction: Instruction, source: SourceText, escapeChar: string): RunScript | null {
  if (instruction.keyword !== 'RUN' || instruction.json || instruction.heredocs.length > 0) return null;
  if (!instruction.argsRange) return null;
  const text = source.text;
  const from = offsetOf(source, instruction.argsRange.start);
  const to = Math.min(text.length, offsetOf(source, instruction.range.end));
  let script = '';
  const map: number[] = [];
  let i = from;
  let lineStart = false;
  while (i < to) {
    // A comment line among continued lines is dropped, and so is an empty one.
    if (lineStart) {
      let j = i;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#' || text[j] === '\n' || (text[j] === '\r' && text[j + 1] === '\n')) {
        const nl = text.indexOf('\n', j);
        i = nl < 0 || nl >= to ? to : nl + 1;
        continue;
      }
      lineStart = false;
    }
    const c = text[i]!;
    if (c === escapeChar) {
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r' && text[j + 1] === '\n') j++;
      if (text[j] === '\n') {
        i = j + 1;
        lineStart = true;
        continue;
      }
    }
    if (c === '\n') break;
    script += c;
    map.push(i);
    i++;
  }
  if (script.endsWith('\r')) {
    script = script.slice(0, -1);
    map.pop();
  }
  const toOffset = (offset: number): number => {
    if (offset < map.length) return map[offset]!;
    return map.length > 0 ? map[map.length - 1]! + 1 : from;
  };
  const positionAt = (offset: number): Position => {
    const absolute = toOffset(offset);
    const starts = source.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= absolute) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: absolute - starts[lo]! };
  };
  const rangeOf = (start: number, end: number): Range => {
    const endPosition = end > start ? positionAt(end - 1) : positionAt(start);
    return {
      start: positionAt(start),
      end: { line: endPosition.line, character: endPosition.character + (end > start ? 1 : 0) },
    };
  };
  return { script, commands: readScript(script), positionAt, rangeOf };
}
