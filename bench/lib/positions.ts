/**
 * Finds the positions the benchmark asks about, from the text alone (so both servers get exactly
 * the same requests): a `--from=` value, a FROM line's image, and where a keystroke goes.
 */

export interface Pos {
  line: number;
  character: number;
}

function middleFirst(count: number, middle: number): number[] {
  const order: number[] = [];
  for (let d = 0; order.length < count; d++) {
    if (middle + d < count) order.push(middle + d);
    if (d > 0 && middle - d >= 0) order.push(middle - d);
  }
  return order;
}

/** The start of the `--from=` value nearest the middle of the file, and the position just after `=`. */
export function fromValue(lines: string[]): { hover: Pos; completion: Pos } | null {
  for (const i of middleFirst(lines.length, lines.length >> 1)) {
    const m = /^\s*(?:COPY|ADD)\s.*?--from=(\S)/i.exec(lines[i]!);
    if (m) {
      const after = m.index + m[0].length - 1;
      return { hover: { line: i, character: after + 1 }, completion: { line: i, character: after } };
    }
  }
  return null;
}

/** A position on the image of the FROM line nearest the middle of the file. */
export function fromLine(lines: string[]): Pos | null {
  for (const i of middleFirst(lines.length, lines.length >> 1)) {
    const m = /^(\s*FROM\s+(?:--\S+\s+)*)(\S)/i.exec(lines[i]!);
    if (m) return { line: i, character: m[1]!.length + 1 };
  }
  return null;
}

/**
 * Where a typed character goes: just after the keyword of the instruction nearest the middle of
 * the file (a line that starts an instruction), or the end of the file when there is none.
 */
export function keystroke(lines: string[]): Pos {
  for (const i of middleFirst(lines.length, lines.length >> 1)) {
    const m = /^(\s*(?:RUN|ENV|WORKDIR|COPY|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|ADD)\s+)\S/i.exec(lines[i]!);
    if (m) return { line: i, character: m[1]!.length };
  }
  const last = lines.length - 1;
  return { line: Math.max(0, last), character: lines[last]?.length ?? 0 };
}
