import type { Instruction, Range, Token } from '../../model';
import type { SourceText } from '../types';
import { offsetAt } from '../../model';

export interface VariableUse {
  name: string;
  range: Range;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?` when the reference carries a default or alternative, else null. */
  modifier: string | null;
}

/** The variables an instruction references outside heredoc bodies, with their modifiers. */
export function variableUses(model: SourceText, instruction: Instruction): VariableUse[] {
  const bodies = instruction.heredocs.map((h) => h.contentRange).filter((r): r is Range => r !== null);
  return instruction.variables
    .filter((v) => !bodies.some((b) => v.range.start.line >= b.start.line && v.range.start.line <= b.end.line))
    .map((v) => ({ name: v.value, range: v.range, modifier: modifierAfter(model, v) }));
}

/** The token's range covers the whole reference (`$X` or `${X:-default}`); read the modifier from it. */
function modifierAfter(model: SourceText, variable: Token): string | null {
  const start = offsetAt(model.lineStarts, model.text, variable.range.start);
  const end = offsetAt(model.lineStarts, model.text, variable.range.end);
  const text = model.text.slice(start, end);
  const at = text.indexOf(variable.value);
  if (!text.startsWith('${') || at < 0) return null;
  const m = /^(:?[-+?])/.exec(text.slice(at + variable.value.length));
  return m ? m[1]! : null;
}

/** Names declared by an ARG instruction (`ARG A=1 B` declares A and B). */
export function argNames(instruction: Instruction): string[] {
  return instruction.args.map((a) => a.value.split('=')[0]!).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

/** The text of a variable reference with another name: `${APP_HOEM}` -> `${APP_HOME}`. */
export function renamedReference(model: SourceText, use: VariableUse, name: string): string {
  const start = offsetAt(model.lineStarts, model.text, use.range.start);
  const end = offsetAt(model.lineStarts, model.text, use.range.end);
  const text = model.text.slice(start, end);
  return text.replace(use.name, name);
}
