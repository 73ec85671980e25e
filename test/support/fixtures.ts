/**
 * Fixture notation shared by the core tests.
 *
 * - Expectations are comment lines under the line they describe:
 *       COPY --from=biulder /app /app
 *       #           ^^^^^^^ warning copy-from-undefined-stage did you mean
 *   The carets mark the columns of the finding on the nearest line above that is not an expectation;
 *   after the severity and rule id, optional text must occur in the message. `#^^^` (no space) starts
 *   at column 0, the `#` standing for the first caret. Expectation lines are
 *   removed before the text is analysed, so positions refer to the Dockerfile as a user sees it.
 * - A line `# fixture-only: rule-a rule-b` (removed too) limits the comparison to those rules.
 * - `$0` marks a cursor; two of them mark a selection. They are removed from the text.
 */
import type { Position, Range } from '../../server/src/core';

export interface Expectation {
  severity: string;
  ruleId: string;
  messagePart: string;
  range: Range;
  /** Line of the expectation comment in the fixture file, for error messages. */
  fixtureLine: number;
}

export interface Fixture {
  text: string;
  expectations: Expectation[];
  only: string[] | null;
}

const EXPECTATION = /^(\s*#\s*)(\^+)\s+(error|warning|information|hint)\s+([a-z0-9-]+)(?:\s+(.*))?$/;
const ONLY = /^\s*#\s*fixture-only:\s*(.+)$/;

export function parseFixture(source: string): Fixture {
  const lines = source.split(/\r?\n/);
  const kept: string[] = [];
  const expectations: Expectation[] = [];
  let only: string[] | null = null;
  lines.forEach((line, i) => {
    const onlyMatch = ONLY.exec(line);
    if (onlyMatch) {
      only = onlyMatch[1]!.split(/[\s,]+/).filter(Boolean);
      return;
    }
    const m = EXPECTATION.exec(line);
    if (!m) {
      kept.push(line);
      return;
    }
    if (kept.length === 0) throw new Error(`fixture line ${i + 1}: an expectation needs a line above it`);
    const target = kept.length - 1;
    // `#^^^` starts at column 0: the `#` stands for the first caret.
    const fromColumnZero = m[1] === '#';
    const start = fromColumnZero ? 0 : m[1]!.length;
    const end = m[1]!.length + m[2]!.length;
    expectations.push({
      severity: m[3]!,
      ruleId: m[4]!,
      messagePart: (m[5] ?? '').trim(),
      range: { start: { line: target, character: start }, end: { line: target, character: end } },
      fixtureLine: i + 1,
    });
  });
  return { text: kept.join('\n'), expectations, only };
}

/** Removes `$0` markers: one gives a cursor, two a selection. */
export function extractCursor(source: string): { text: string; position: Position; selection: Range } {
  const positions: Position[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('$0', i)) {
      positions.push({ line, character });
      i++;
      continue;
    }
    const c = source[i]!;
    text += c;
    if (c === '\n') {
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  if (positions.length === 0 || positions.length > 2)
    throw new Error(`expected one or two $0 markers, found ${positions.length}`);
  const start = positions[0]!;
  const end = positions[1] ?? start;
  return { text, position: start, selection: { start, end } };
}

/** Renders a finding or expectation as one comparable line. */
export function describe(severity: string, ruleId: string, range: Range): string {
  const r = range;
  const where =
    r.start.line === r.end.line
      ? `${r.start.line + 1}:${r.start.character + 1}-${r.end.character + 1}`
      : `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
  return `${where} ${severity} ${ruleId}`;
}
