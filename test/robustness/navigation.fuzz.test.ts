import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
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
  type DocumentSymbol,
  type Position,
} from '../../server/src/core';
import { loadCorpus } from '../support/corpus';
import { applyMutations, fuzzRuns, fuzzSeed, lineLengths, mutationArb, rangeInside } from '../support/mutations';

const corpus = loadCorpus().files;
const corpusArb = fc.constantFrom(...corpus.map((f) => f.text));
const mutatedArb = fc
  .tuple(corpusArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 }))
  .map(([text, ms]) => applyMutations(text, ms));
const options = { seed: fuzzSeed(), numRuns: fuzzRuns(200), includeErrorInReport: true };

function positionsArb(text: string): fc.Arbitrary<Position[]> {
  const lengths = lineLengths(text);
  const one = fc
    .nat({ max: lengths.length })
    .chain((line) => fc.nat({ max: (lengths[line] ?? 0) + 2 }).map((character) => ({ line, character })));
  return fc.array(one, { minLength: 1, maxLength: 25 });
}

function checkSymbols(symbols: DocumentSymbol[], lengths: number[]): void {
  for (const s of symbols) {
    assert.ok(rangeInside(s.range, lengths) && rangeInside(s.selectionRange, lengths), `symbol ${s.name}`);
    checkSymbols(s.children, lengths);
  }
}

test('every language feature answers at random positions of mutated corpus files, with ranges inside the document', {
  timeout: 300_000,
}, () => {
  const docAndPositions = fc
    .oneof(corpusArb, mutatedArb)
    .chain((text) => fc.tuple(fc.constant(text), positionsArb(text)));
  fc.assert(
    fc.property(
      docAndPositions,
      fc.constantFrom('renamed', 'Other-1', 'bad name', 'scratch', ''),
      ([text, positions], newName) => {
        const model = parseDockerfile(text);
        const lengths = lineLengths(text);
        checkSymbols(documentSymbols(model), lengths);
        for (const f of foldingRanges(model))
          assert.ok(f.startLine < f.endLine && f.endLine < lengths.length, 'folding range');
        for (const lens of codeLenses(model)) {
          assert.ok(rangeInside(lens.range, lengths) && lens.title.length > 0, 'code lens');
          for (const r of lens.locations) assert.ok(rangeInside(r, lengths), 'code lens location');
        }
        for (const position of positions) {
          const h = hover(model, position);
          if (h) assert.ok(rangeInside(h.range, lengths) && h.markdown.length > 0, 'hover');
          const d = definition(model, position);
          if (d)
            assert.ok(
              rangeInside(d.originRange, lengths) && rangeInside(d.targetSelectionRange, lengths),
              'definition',
            );
          for (const r of references(model, position, true)) assert.ok(rangeInside(r.range, lengths), 'reference');
          for (const r of documentHighlights(model, position)) assert.ok(rangeInside(r.range, lengths), 'highlight');
          const c = completions(model, position);
          if (c) assert.ok(rangeInside(c.range, lengths), 'completion range');
          const p = prepareRename(model, position);
          if (p?.ok) {
            assert.ok(rangeInside(p.range, lengths), 'prepareRename');
            const r = rename(model, position, newName);
            assert.ok(r, 'rename answers where prepareRename did');
            if (r.ok) {
              for (const e of r.edits) assert.ok(rangeInside(e.range, lengths), 'rename edit');
              const after = parseDockerfile(applyEdits(text, r.edits));
              assert.equal(after.stages.length, model.stages.length, 'a rename keeps the stages');
              assert.equal(
                after.references.filter((x) => x.target.kind === 'stage').length,
                model.references.filter((x) => x.target.kind === 'stage').length,
              );
            }
          }
        }
      },
    ),
    options,
  );
});

test('on every corpus file, every stage reference by name renames consistently and keeps the graph', {
  timeout: 300_000,
}, () => {
  for (const file of corpus) {
    const model = parseDockerfile(file.text);
    for (const stage of model.stages) {
      if (!stage.nameRange || !stage.name || stage.name.includes('$')) continue;
      const result = rename(model, stage.nameRange.start, `renamed-stage-${stage.index}`);
      if (!result?.ok) continue;
      const after = parseDockerfile(applyEdits(file.text, result.edits));
      const targets = (m: typeof model) =>
        m.references.map((r) => (r.target.kind === 'stage' ? r.target.stage : r.target.kind));
      assert.deepEqual(
        targets(after),
        targets(model),
        `${file.name}: renaming ${stage.name} changed what references point to`,
      );
      assert.deepEqual(after.reachable, model.reachable, file.name);
    }
  }
});
