import assert from 'node:assert/strict';
import { analyze, type AnalysisSettings, type Finding } from '../../server/src/core';
import { describe as describeFinding, parseFixture, type Expectation } from './fixtures';

/** Multi-line findings are written with carets from their start to the end of their first line. */
function matches(expectation: Expectation, finding: Finding): boolean {
  if (expectation.ruleId !== finding.ruleId || expectation.severity !== finding.severity) return false;
  const e = expectation.range;
  const f = finding.range;
  if (e.start.line !== f.start.line || e.start.character !== f.start.character) return false;
  if (f.start.line === f.end.line && e.end.character !== f.end.character) return false;
  return expectation.messagePart === '' || finding.message.includes(expectation.messagePart);
}

/** Analyses a fixture and asserts its findings are exactly the expected ones. */
export function checkFixture(source: string, settings: AnalysisSettings = {}): Finding[] {
  const fixture = parseFixture(source);
  const { findings: all } = analyze(fixture.text, settings);
  const findings = fixture.only ? all.filter((f) => fixture.only!.includes(f.ruleId)) : all;
  const unmatched = [...findings];
  const missing: Expectation[] = [];
  for (const expectation of fixture.expectations) {
    const i = unmatched.findIndex((f) => matches(expectation, f));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(expectation);
  }
  if (missing.length > 0 || unmatched.length > 0) {
    const lines = [
      ...missing.map(
        (e) =>
          `missing:    ${describeFinding(e.severity, e.ruleId, e.range)}${e.messagePart ? ` "${e.messagePart}"` : ''} (fixture line ${e.fixtureLine})`,
      ),
      ...unmatched.map((f) => `unexpected: ${describeFinding(f.severity, f.ruleId, f.range)} ${f.message}`),
    ];
    assert.fail(`findings differ from the fixture:\n${lines.join('\n')}`);
  }
  return findings;
}
