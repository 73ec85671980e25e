import assert from 'node:assert/strict';
import { analyze, applyEdits, codeActions, type AnalysisSettings, type Finding } from '../../server/src/core';

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character
  );
}

/**
 * Applies a rule's quick fix to its findings one at a time, re-analysing after each edit as the
 * editor would, until the rule has nothing left to report. Fails when a finding has no fix (other
 * than suppressing it) or the fixes do not converge.
 */
export function applyRuleFixes(source: string, ruleId: string, settings: AnalysisSettings = {}): string {
  let text = source;
  for (let round = 0; round < 20; round++) {
    const analysis = analyze(text, settings);
    const finding = analysis.findings.find((f) => f.ruleId === ruleId);
    if (!finding) return text;
    const fix = codeActions(analysis, finding.range, settings).find(
      (p) =>
        p.kind === 'quickfix' && !p.id.startsWith('suppress') && (p.fixes ?? []).some((f) => sameFinding(f, finding)),
    );
    assert.ok(
      fix,
      `no quick fix offered for ${ruleId} at ${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.message}`,
    );
    text = applyEdits(text, fix.edits());
  }
  assert.fail(`the fixes for ${ruleId} did not converge`);
}

/**
 * Checks a rule's quick fix: the fixed text is the expected one, has no finding of the rule, and has
 * no finding of a rule that the original did not have (the fix breaks nothing else).
 */
export function checkRuleFix(before: string, after: string, ruleId: string, settings: AnalysisSettings = {}): void {
  const originally = new Set(analyze(before, settings).findings.map((f) => f.ruleId));
  assert.ok(originally.has(ruleId), `the text before has no finding of ${ruleId}`);
  const fixed = applyRuleFixes(before, ruleId, settings);
  assert.equal(fixed, after);
  const remaining = analyze(fixed, settings).findings;
  assert.deepEqual(
    remaining.filter((f) => f.ruleId === ruleId),
    [],
  );
  const introduced = remaining.filter((f) => !originally.has(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`);
  assert.deepEqual(introduced, [], 'the fix introduced new findings');
}
