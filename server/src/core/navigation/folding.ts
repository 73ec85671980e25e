import type { DockerfileModel } from '../model/types';

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/**
 * Foldable regions: each stage (from its FROM to its last instruction), each instruction that spans
 * several lines, each heredoc body, and runs of two or more comment lines.
 */
export function foldingRanges(model: DockerfileModel): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  const add = (range: FoldingRange): void => {
    if (range.endLine <= range.startLine) return;
    // One range per start line: the first added (the widest) wins.
    if (!byStart.has(range.startLine)) byStart.set(range.startLine, range);
  };
  for (const stage of model.stages) {
    add({ startLine: stage.range.start.line, endLine: stage.range.end.line, kind: 'region' });
  }
  for (const instruction of model.instructions) {
    add({ startLine: instruction.range.start.line, endLine: instruction.range.end.line });
    for (const heredoc of instruction.heredocs) {
      const end = heredoc.endRange ?? heredoc.contentRange;
      if (end) add({ startLine: heredoc.startRange.start.line, endLine: end.end.line });
    }
  }
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0 && runEnd > runStart) add({ startLine: runStart, endLine: runEnd, kind: 'comment' });
  };
  for (const comment of model.comments) {
    const line = comment.range.start.line;
    if (runStart >= 0 && line === runEnd + 1) {
      runEnd = line;
    } else {
      flush();
      runStart = line;
      runEnd = line;
    }
  }
  flush();
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
