import { textOfRange } from '../model/text';
import type { DockerfileModel, Instruction, Range } from '../model/types';
import { stageLabel } from '../model/labels';
import { baseText, foldContinuations } from './locate';

export type SymbolKind = 'stage' | 'variable' | 'instruction' | 'property';

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbol[];
}

const MAX_DETAIL = 60;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL - 1)}…` : oneLine;
}

function instructionKind(keyword: string): SymbolKind {
  if (keyword === 'ARG' || keyword === 'ENV') return 'variable';
  if (keyword === 'LABEL' || keyword === 'EXPOSE' || keyword === 'USER' || keyword === 'WORKDIR') return 'property';
  return 'instruction';
}

/** The instruction after its keyword, flags included, on one line (a heredoc's first line only). */
function instructionDetail(model: DockerfileModel, instruction: Instruction): string {
  const after = textOfRange(model.text, model.lineStarts, {
    start: instruction.keywordRange.end,
    end: instruction.range.end,
  });
  if (instruction.heredocs.length > 0) return shorten(after.split(/\r?\n/)[0] ?? '');
  return shorten(foldContinuations(after, model.escapeChar));
}

function instructionSymbol(model: DockerfileModel, instruction: Instruction): DocumentSymbol {
  const detail = instructionDetail(model, instruction);
  return {
    name: instruction.keyword,
    detail,
    kind: instructionKind(instruction.keyword),
    range: instruction.range,
    selectionRange: instruction.keywordRange,
    children: [],
  };
}

/**
 * The outline: global ARGs first, then one symbol per stage holding its instructions. The detail of
 * a stage shows its base and marks the final stage (the image `docker build` produces).
 */
export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = model.globalArgs.map((i) => instructionSymbol(model, i));
  for (const stage of model.stages) {
    const parts = [`FROM ${baseText(stage)}`.trim()];
    if (stage.index === model.finalStage) parts.push('final image');
    else if (!model.reachable[stage.index]) parts.push('not built by default');
    symbols.push({
      name: stageLabel(stage),
      detail: parts.join(' · '),
      kind: 'stage',
      range: stage.range,
      selectionRange: stage.nameRange ?? stage.from.keywordRange,
      children: stage.instructions.slice(1).map((i) => instructionSymbol(model, i)),
    });
  }
  return symbols;
}
