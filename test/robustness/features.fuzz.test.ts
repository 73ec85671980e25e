import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  analyze,
  applyEdits,
  codeLenses,
  completions,
  definition,
  documentHighlights,
  documentSymbols,
  foldingRanges,
  hover,
  parseDockerfile,
  prepareRename,
  references,
  rename,
  semanticTokens,
  stageGraph,
} from '../../server/src/core';
import { loadCorpus } from '../support/corpus';
import { applyMutations, fuzzRuns, fuzzSeed, lineLengths, mutationArb, rangeInside } from '../support/mutations';

const corpus = loadCorpus().files;
const corpusArb = fc.constantFrom(...corpus.map((f) => f.text));
const textArb = fc.oneof(
  corpusArb,
  fc.tuple(corpusArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([t, ms]) => applyMutations(t, ms)),
);
const options = { seed: fuzzSeed(), numRuns: fuzzRuns(200), includeErrorInReport: true };

/** A text with positions biased towards the interesting places: stage names and references. */
const docWithPositions = textArb.chain((text) => {
  const model = parseDockerfile(text);
  const lengths = lineLengths(text);
  const hot = [
    ...model.references.map((r) => r.range.start),
    ...model.stages.flatMap((s) => (s.nameRange ? [s.nameRange.start, s.nameRange.end] : [])),
  ];
  const anywhere = fc
    .nat({ max: lengths.length })
    .chain((line) => fc.nat({ max: (lengths[line] ?? 0) + 2 }).map((character) => ({ line, character })));
  const position = hot.length > 0 ? fc.oneof(fc.constantFrom(...hot), anywhere) : anywhere;
  return fc.tuple(fc.constant(text), fc.array(position, { minLength: 1, maxLength: 5 }));
});

test('hover, definition, references, highlights, completion and rename never throw at any position', {
  timeout: 300_000,
}, () => {
  fc.assert(
    fc.property(docWithPositions, ([text, positions]) => {
      const { model } = analyze(text);
      const lengths = lineLengths(text);
      for (const position of positions) {
        const h = hover(model, position);
        if (h?.range) assert.ok(rangeInside(h.range, lengths), 'hover range');
        const d = definition(model, position);
        if (d)
          for (const r of [d.originRange, d.targetRange, d.targetSelectionRange])
            assert.ok(rangeInside(r, lengths), 'definition range');
        for (const r of references(model, position, true)) assert.ok(rangeInside(r.range, lengths), 'reference range');
        for (const r of documentHighlights(model, position))
          assert.ok(rangeInside(r.range, lengths), 'highlight range');
        completions(model, position);
        const p = prepareRename(model, position);
        if (p?.ok) assert.ok(rangeInside(p.range, lengths), 'prepareRename range');
      }
      documentSymbols(model);
      foldingRanges(model);
      codeLenses(model);
      semanticTokens(model);
      stageGraph(model);
    }),
    options,
  );
});

test('rename then rename back returns the original text', { timeout: 300_000 }, () => {
  // Files whose stage names are unique: with a duplicate, renaming back would clash, and is refused.
  const renamable = docWithPositions.filter(([text, positions]) => {
    const model = parseDockerfile(text);
    const names = model.stages.flatMap((s) => (s.nameLower ? [s.nameLower] : []));
    return new Set(names).size === names.length && positions.some((p) => prepareRename(model, p)?.ok === true);
  });
  fc.assert(
    fc.property(renamable, fc.constantFrom('renamed-stage', 'x', 'build.v2', 'b_1'), ([text, positions], newName) => {
      const model = parseDockerfile(text);
      const position = positions.find((p) => prepareRename(model, p)?.ok === true)!;
      const prepared = prepareRename(model, position);
      assert.ok(prepared?.ok);
      const oldName = prepared.placeholder;
      const forward = rename(model, position, newName);
      if (!forward?.ok) return; // refused (e.g. the new name clashes): nothing to undo
      const renamed = applyEdits(text, forward.edits);
      const renamedModel = parseDockerfile(renamed);
      const stage = renamedModel.stages.find((s) => s.nameLower === newName.toLowerCase());
      assert.ok(stage?.nameRange, `no stage named ${newName} after the rename`);
      const back = rename(renamedModel, stage.nameRange.start, oldName);
      assert.ok(back?.ok, `rename back refused: ${back && !back.ok ? back.message : 'null'}`);
      const restored = applyEdits(renamed, back.edits);
      // References may have been written in another case: compare case-insensitively there.
      assert.equal(restored.toLowerCase(), text.toLowerCase());
      assert.equal(restored.length, text.length);
    }),
    { ...options, numRuns: fuzzRuns(100) },
  );
});
