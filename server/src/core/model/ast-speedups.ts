/**
 * dockerfile-ast recomputes an instruction's arguments by scanning its text every time they are
 * asked for, and one instruction asks for them about ten times while it is built and converted
 * (flags, arguments range, arguments content, heredocs, JSON form). An instruction's text never
 * changes, so the first answer is kept on the instance and a copy handed out (callers shift flags
 * off the array they get). The model tests compare against a parse without this memo.
 */
import { Instruction } from 'dockerfile-ast';
import type { Argument } from 'dockerfile-ast';

type Raw = Argument[];
const MEMO = Symbol('stagewright.rawArguments');

interface Memoized {
  [MEMO]?: Raw;
}

const proto = Instruction.prototype as unknown as { getRawArguments(this: Memoized): Raw };
const original = proto.getRawArguments;
let enabled = true;

proto.getRawArguments = function getRawArguments(this: Memoized): Raw {
  if (!enabled) return original.call(this);
  let raw = this[MEMO];
  if (raw === undefined) {
    raw = original.call(this);
    this[MEMO] = raw;
  }
  return raw.slice();
};

/** Runs fn with the library's own, unmemoized argument scanning (for tests). */
export function withoutArgumentMemo<T>(fn: () => T): T {
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = true;
  }
}
