/**
 * Every rule can be silenced by every suppression that applies to it: its docs example (which triggers
 * the rule) loses all findings of the rule after the suppress quick fixes are applied, after
 * `# check=skip=<its BuildKit check>`, and after hadolint's comment for its codes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analyze,
  applyEdits,
  buildkitDirectives,
  codeActions,
  RULES,
  type AnalysisSettings,
  type Finding,
} from '../../server/src/core';

/** Inserts a line after the parser directives, where a file-level comment belongs. */
function afterDirectives(text: string, line: string): string {
  const lines = text.split('\n');
  lines.splice(buildkitDirectives(text).length, 0, line);
  return lines.join('\n');
}

describe('every rule can be suppressed', () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    const example = rule.meta.docs.example;
    // Rules that read the .dockerignore document the one their example needs.
    const dockerignore = rule.meta.docs.dockerignore;
    const settings: AnalysisSettings = dockerignore === undefined ? {} : { dockerignore };
    // A rule that is off by default is turned on to be suppressed.
    if (rule.meta.enabledByDefault === false) settings.rules = { [id]: rule.meta.severity };
    const analyse = (text: string) => analyze(text, settings);
    const ofRule = (text: string, ruleId: string): Finding[] =>
      analyse(text).findings.filter((f) => f.ruleId === ruleId);

    if (rule.checksSkipped) {
      // A rule about a file that cannot be read (binary, not UTF-8): no comment in it is read, so no
      // comment is offered; the setting is the way to turn it off.
      test(`${id}: no suppression comment is offered, and the setting turns it off`, () => {
        const analysis = analyse(example);
        assert.ok(ofRule(example, id).length > 0, 'the docs example triggers the rule');
        const all = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
        assert.deepEqual(
          codeActions(analysis, all, settings).filter((p) => p.title.startsWith('Suppress ')),
          [],
        );
        const off = analyze(example, { ...settings, rules: { [id]: 'off' } });
        assert.deepEqual(
          off.findings.filter((f) => f.ruleId === id),
          [],
        );
      });
      continue;
    }
    test(`${id}: the suppress quick fixes silence it`, () => {
      let text = example;
      assert.ok(ofRule(text, id).length > 0, 'the docs example triggers the rule');
      // Apply "for this instruction" to each finding in turn (the file-level one where a finding is
      // outside any instruction); a bounded loop, as each fix removes at least one finding.
      for (let round = 0; round < 50; round++) {
        const finding = ofRule(text, id)[0];
        if (!finding) break;
        const actions = codeActions(analyse(text), finding.range, settings);
        const action =
          actions.find((a) => a.title === `Suppress ${id} for this instruction`) ??
          actions.find((a) => a.title === `Suppress ${id} in this file`);
        assert.ok(
          action,
          `no suppress action at ${JSON.stringify(finding.range)}: ${actions.map((a) => a.title).join(' | ')}`,
        );
        const next = applyEdits(text, action.edits());
        assert.ok(
          ofRule(next, id).length < ofRule(text, id).length,
          `"${action.title}" did not remove a finding:\n${next}`,
        );
        text = next;
      }
      assert.deepEqual(ofRule(text, id), []);
    });

    test(`${id}: # stagewright-ignore-file silences it`, () => {
      assert.deepEqual(ofRule(afterDirectives(example, `# stagewright-ignore-file ${id}`), id), []);
    });

    const buildkit = rule.meta.peers?.buildkit;
    if (buildkit) {
      test(`${id}: # check=skip=${buildkit} silences it, and error=true makes its warnings errors`, () => {
        assert.deepEqual(ofRule(`# check=skip=${buildkit}\n${example}`, id), []);
        const strict = ofRule(`# check=error=true\n${example}`, id);
        assert.ok(strict.length > 0);
        for (const f of strict) assert.notEqual(f.severity, 'warning');
      });
    }

    const hadolint = rule.meta.peers?.hadolint;
    if (hadolint?.length) {
      test(`${id}: # hadolint ignore=${hadolint.join(',')} silences it`, () => {
        assert.deepEqual(ofRule(afterDirectives(example, `# hadolint global ignore=${hadolint.join(',')}`), id), []);
        // The per-instruction form above each instruction with a finding.
        const model = analyse(example).model;
        const lines = example.split('\n');
        const starts = new Set(
          ofRule(example, id)
            .map((f) =>
              model.instructions.find(
                (i) => i.range.start.line <= f.range.start.line && f.range.start.line <= i.range.end.line,
              ),
            )
            .filter((i) => i !== undefined)
            .map((i) => i.range.start.line),
        );
        for (const line of [...starts].sort((a, b) => b - a))
          lines.splice(line, 0, `# hadolint ignore=${hadolint.join(',')}`);
        const remaining = ofRule(lines.join('\n'), id).filter((f) =>
          analyse(lines.join('\n')).model.instructions.some(
            (i) => i.range.start.line <= f.range.start.line && f.range.start.line <= i.range.end.line,
          ),
        );
        assert.deepEqual(remaining, []);
      });
    }
  }
});
