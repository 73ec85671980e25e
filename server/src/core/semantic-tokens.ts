import type { DockerfileModel, Range } from './model';

/** Token types the server reports, in legend order. `stage` is declared to editors as a kind of namespace. */
export const SEMANTIC_TOKEN_TYPES = ['stage'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

/** Token modifiers, in legend order (bit i of the modifier set is SEMANTIC_TOKEN_MODIFIERS[i]). */
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** [line, character, length, type, modifiers]: zero-based, UTF-16, on one line. */
export type SemanticToken = [
  line: number,
  character: number,
  length: number,
  type: SemanticTokenType,
  modifiers: SemanticTokenModifier[],
];

function singleLine(range: Range): boolean {
  return range.start.line === range.end.line && range.end.character > range.start.character;
}

/**
 * Stage names wherever they stand: the name after `AS` (a declaration) and every reference that
 * resolves to a stage (`--from=`, mount `from=`, a FROM base naming an earlier stage) and is written
 * without variables. Sorted by position, without overlaps.
 */
export function semanticTokens(model: DockerfileModel): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (const stage of model.stages) {
    if (stage.nameRange && singleLine(stage.nameRange)) {
      const r = stage.nameRange;
      tokens.push([r.start.line, r.start.character, r.end.character - r.start.character, 'stage', ['declaration']]);
    }
  }
  for (const ref of model.references) {
    // A value built from variables (`FROM base-${VARIANT}`) stays a variable to the eye, even when the
    // ARG defaults make it name a stage.
    if (ref.target.kind !== 'stage' || !singleLine(ref.range) || ref.value.includes('$')) continue;
    const r = ref.range;
    tokens.push([r.start.line, r.start.character, r.end.character - r.start.character, 'stage', []]);
  }
  tokens.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const result: SemanticToken[] = [];
  for (const token of tokens) {
    const last = result[result.length - 1];
    if (last && last[0] === token[0] && last[1] + last[2] > token[1]) continue;
    result.push(token);
  }
  return result;
}
