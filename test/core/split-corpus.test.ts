import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../server/src/core';
import { planSplit } from '../../server/src/core/facts/split/plan';
import { renderSplit } from '../../server/src/core/refactors/split/render';
import { loadCorpus } from '../support/corpus';
import { assertSplitInvariants } from '../support/split-invariants';

/**
 * Property over real Dockerfiles: wherever the split is offered, every runtime choice's result
 * parses, keeps every runtime instruction of the final stage, has no error-severity finding, and is
 * not offered the split again.
 */
test('the split keeps its invariants on every corpus Dockerfile where it is offered', (t) => {
  const corpus = loadCorpus();
  if (corpus.files.length === 0) {
    t.skip('no corpus available');
    return;
  }
  let offered = 0;
  const failures: string[] = [];
  for (const file of corpus.files) {
    const model = parseDockerfile(file.text);
    const result = planSplit(model);
    if (!result.ok) continue;
    offered++;
    for (const choice of result.plan.choices) {
      try {
        assertSplitInvariants(file.text, renderSplit(model, result.plan, choice).text, result.plan);
      } catch (error) {
        failures.push(`${file.name} → ${choice.image}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  t.diagnostic(`${corpus.source}: split offered on ${offered} of ${corpus.files.length} files`);
  assert.deepEqual(failures, []);
  assert.ok(offered > 0, 'the split is offered somewhere in the corpus');
});
