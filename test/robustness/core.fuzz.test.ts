import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, applyEdits, codeActions, comparePositions, parseDockerfile } from '../../server/src/core';
import { loadCorpus } from '../support/corpus';
import { applyMutations, fuzzRuns, fuzzSeed, lineLengths, mutationArb, rangeInside } from '../support/mutations';

const corpus = loadCorpus().files;
const corpusArb = fc.constantFrom(...corpus.map((f) => f.text));
const mutatedArb = fc
  .tuple(corpusArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 }))
  .map(([text, ms]) => applyMutations(text, ms));

/** A position anywhere in the text, including one past the end of a line and of the file. */
function positionArb(text: string) {
  const lengths = lineLengths(text);
  return fc
    .nat({ max: lengths.length })
    .chain((line) => fc.nat({ max: (lengths[line] ?? 0) + 2 }).map((character) => ({ line, character })));
}

const options = { seed: fuzzSeed(), numRuns: fuzzRuns(300), includeErrorInReport: true };

test('analysis of mutated corpus files never throws and keeps every range inside the document', {
  timeout: 300_000,
}, () => {
  fc.assert(
    fc.property(mutatedArb, (text) => {
      const { model, findings } = analyze(text);
      const lengths = lineLengths(text);
      for (const f of findings) {
        assert.notEqual(f.ruleId, 'internal-error', f.message);
        assert.ok(rangeInside(f.range, lengths), `${f.ruleId} ${JSON.stringify(f.range)}`);
      }
      for (const ref of model.references) assert.ok(rangeInside(ref.range, lengths));
      for (const stage of model.stages) assert.ok(rangeInside(stage.range, lengths));
    }),
    options,
  );
});

test('random text and bytes never make the parser throw', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 400 }),
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
      ),
      (text) => {
        parseDockerfile(text);
        analyze(text);
      },
    ),
    options,
  );
});

test('every code action at a random position applies cleanly and yields a parseable file', { timeout: 300_000 }, () => {
  const docAndRange = fc.oneof(corpusArb, mutatedArb).chain((text) =>
    fc.tuple(fc.constant(text), positionArb(text), positionArb(text)).map(([t, a, b]) => ({
      text: t,
      range: comparePositions(a, b) <= 0 ? { start: a, end: b } : { start: b, end: a },
    })),
  );
  fc.assert(
    fc.property(docAndRange, ({ text, range }) => {
      const analysis = analyze(text);
      for (const action of codeActions(analysis, range)) {
        const edits = action.edits();
        const lengths = lineLengths(text);
        for (const e of edits)
          assert.ok(rangeInside(e.range, lengths), `${action.id}: edit range outside the document`);
        const fixed = applyEdits(text, edits);
        const after = analyze(fixed);
        assert.ok(
          after.findings.every((f) => f.ruleId !== 'internal-error'),
          action.id,
        );
      }
    }),
    options,
  );
});

test('each fix of a finding removes that finding on the corpus', { timeout: 300_000 }, () => {
  for (const file of corpus) {
    const analysis = analyze(file.text);
    for (const finding of analysis.findings) {
      for (const action of codeActions(analysis, finding.range)) {
        if (action.kind !== 'quickfix' || !action.fixes?.some((f) => f === finding)) continue;
        const fixed = applyEdits(file.text, action.edits());
        const remaining = analyze(fixed).findings.filter(
          (f) =>
            f.ruleId === finding.ruleId &&
            f.range.start.line === finding.range.start.line &&
            f.message === finding.message,
        );
        assert.deepEqual(remaining, [], `${file.name}: ${action.title} left the finding in place`);
      }
    }
  }
});
