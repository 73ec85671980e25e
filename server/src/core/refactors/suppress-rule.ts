import { INTERNAL_ERROR_RULE_ID } from '../analysis-types';
import type { DockerfileModel, Instruction, Position } from '../model';
import { buildkitDirectives, IGNORE_COMMENT, IGNORE_FILE_COMMENT } from '../suppressions';
import type { ActionProposal, ActionProvider, TextEdit } from './types';

function lineText(model: DockerfileModel, line: number): string {
  const start = model.lineStarts[line] ?? model.text.length;
  const end = model.lineStarts[line + 1] ?? model.text.length;
  return model.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

function eol(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

function instructionAtLine(model: DockerfileModel, line: number): Instruction | undefined {
  return model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
}

const EXISTING = new RegExp(`^(\\s*#\\s*${IGNORE_COMMENT}\\s+)(.*?)(\\s+--(?:\\s.*)?)?\\s*$`, 'i');

/** The edit that suppresses a rule for an instruction: extend the comment above it, or add one. */
function suppressForInstruction(model: DockerfileModel, instruction: Instruction, ruleId: string): TextEdit {
  const line = instruction.range.start.line;
  if (line > 0) {
    const above = lineText(model, line - 1);
    const m = EXISTING.exec(above);
    // Only a comment that is not inside the previous instruction (a continuation comment) counts.
    if (m?.[2] && !instructionAtLine(model, line - 1)) {
      const at: Position = { line: line - 1, character: m[1]!.length + m[2].length };
      return { range: { start: at, end: at }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^\s*/.exec(lineText(model, line))![0];
  const at: Position = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# ${IGNORE_COMMENT} ${ruleId}${eol(model)}` };
}

/** The edit that suppresses a rule for the file: a comment after the parser directives. */
function suppressForFile(model: DockerfileModel, ruleId: string): TextEdit {
  const line = buildkitDirectives(model.text).length;
  const at: Position = { line, character: 0 };
  const atEnd = line >= model.lineStarts.length;
  const text = `# ${IGNORE_FILE_COMMENT} ${ruleId}`;
  if (atEnd) {
    // The directives are the whole file and it does not end with a line break.
    const last = model.lineStarts.length - 1;
    const end: Position = { line: last, character: lineText(model, last).length };
    return { range: { start: end, end }, newText: eol(model) + text };
  }
  return { range: { start: at, end: at }, newText: text + eol(model) };
}

/**
 * Quick fixes that silence a finding with a comment: `# stagewright-ignore <rule>` above its
 * instruction (same indentation), or `# stagewright-ignore-file <rule>` at the top of the file.
 */
export const suppressRule: ActionProvider = {
  id: 'suppress-rule',
  provide({ analysis, findings }) {
    const { model } = analysis;
    // A file that could not be read has no comments to honour: the setting turns its rule off.
    if (model.skipped) return [];
    const proposals: ActionProposal[] = [];
    const seen = new Set<string>();
    for (const finding of findings) {
      if (finding.ruleId === INTERNAL_ERROR_RULE_ID) continue;
      const instruction = instructionAtLine(model, finding.range.start.line);
      if (instruction) {
        const id = `suppress-rule:${finding.ruleId}:${instruction.index}`;
        if (!seen.has(id)) {
          seen.add(id);
          proposals.push({
            id,
            title: `Suppress ${finding.ruleId} for this instruction`,
            kind: 'quickfix',
            fixes: findings.filter(
              (f) => f.ruleId === finding.ruleId && instructionAtLine(model, f.range.start.line) === instruction,
            ),
            edits: () => [suppressForInstruction(model, instruction, finding.ruleId)],
          });
        }
      }
      const fileId = `suppress-rule-file:${finding.ruleId}`;
      if (!seen.has(fileId)) {
        seen.add(fileId);
        proposals.push({
          id: fileId,
          title: `Suppress ${finding.ruleId} in this file`,
          kind: 'quickfix',
          fixes: findings.filter((f) => f.ruleId === finding.ruleId),
          edits: () => [suppressForFile(model, finding.ruleId)],
        });
      }
    }
    // Instruction-level suppressions first: they are the narrower choice.
    return proposals.sort(
      (a, b) => Number(a.id.startsWith('suppress-rule-file')) - Number(b.id.startsWith('suppress-rule-file')),
    );
  },
};
