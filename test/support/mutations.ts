/**
 * fast-check arbitraries that damage real Dockerfiles the way editing does: lines deleted, duplicated,
 * swapped, truncated in the middle of a heredoc or continuation, random bytes, odd escapes, huge lines.
 */
import fc from 'fast-check';
import { comparePositions, type Range } from '../../server/src/core';

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'continuation'; at: number }
  | { kind: 'huge-line'; at: number; length: number };

const SNIPPETS = [
  '\\',
  '\\\n',
  '`\n',
  '<<EOF',
  '<<-"END"\n',
  'EOF\n',
  '# escape=`\n',
  '# check=skip=all\n',
  'FROM ',
  'FROM scratch AS ',
  ' AS builder',
  'COPY --from=',
  '--from=0 ',
  '--mount=type=bind,from=',
  'RUN --mount=from=',
  '${',
  '$',
  '"',
  "'",
  '[',
  '["',
  '\u0000',
  '\ufeff',
  '\r',
  '\t',
  '\ud800',
  '\udc00',
  '🐳',
  'ARG X=${Y:-',
  'ONBUILD ',
  'HEALTHCHECK CMD ',
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...SNIPPETS),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('continuation' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('huge-line' as const), at: fc.nat(), length: fc.integer({ min: 1_000, max: 20_000 }) }),
);

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const n = Math.max(lines.length, 1);
  switch (m.kind) {
    case 'delete':
      lines.splice(m.at % n, 1);
      return lines.join('\n');
    case 'duplicate': {
      const i = m.at % n;
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'swap': {
      const a = m.at % n;
      const b = m.with % n;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'continuation': {
      const i = m.at % n;
      lines[i] = (lines[i] ?? '') + ' \\';
      return lines.join('\n');
    }
    case 'huge-line': {
      const i = m.at % n;
      lines.splice(i, 0, 'RUN echo ' + 'x'.repeat(m.length));
      return lines.join('\n');
    }
  }
}

export function applyMutations(text: string, mutations: Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

/** Runs per property: a fixed, small number in CI; STAGEWRIGHT_FUZZ_RUNS raises it for long local runs. */
export function fuzzRuns(defaultRuns: number): number {
  const configured = Number(process.env.STAGEWRIGHT_FUZZ_RUNS);
  return Number.isFinite(configured) && configured > 0 ? configured : defaultRuns;
}

/** A fixed seed keeps CI reproducible; STAGEWRIGHT_FUZZ_SEED changes it. */
export function fuzzSeed(): number {
  const configured = Number(process.env.STAGEWRIGHT_FUZZ_SEED);
  return Number.isFinite(configured) && process.env.STAGEWRIGHT_FUZZ_SEED ? configured : 20261127;
}

/** Lengths of the text's lines, split as the editor splits them. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Whether a range is well-formed and lies inside a document with these line lengths. */
export function rangeInside(range: Range, lengths: number[]): boolean {
  const { start, end } = range;
  return (
    comparePositions(start, end) <= 0 &&
    start.line >= 0 &&
    end.line < lengths.length &&
    start.character >= 0 &&
    start.character <= lengths[start.line]! &&
    end.character <= lengths[end.line]!
  );
}
