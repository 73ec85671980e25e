import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, codeActions, parseDockerfile } from '../../server/src/core';
import { stageFacts as hoverStageFacts } from '../../server/src/core/hover/stage-facts';
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

/**
 * The warning, the light bulb and the hover read the same facts: where toolchain-in-final-image
 * says a split is offered the split is offered (and where it says none, none is), with the same
 * artifacts; and every artifact the split takes from a build's output is what the hover's
 * "Produces" says of that stage.
 */
test('toolchain-in-final-image, the split action and the hover agree on every corpus Dockerfile', (t) => {
  const corpus = loadCorpus();
  if (corpus.files.length === 0) {
    t.skip('no corpus available');
    return;
  }
  const disagreements: string[] = [];
  let warned = 0;
  for (const file of corpus.files) {
    const analysis = analyze(file.text);
    const model = analysis.model;
    if (model.skipped || model.finalStage < 0) continue;
    const finding = analysis.findings.find((f) => f.ruleId === 'toolchain-in-final-image');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const offered = codeActions(analysis, range).some((a) => a.id.startsWith('split-multi-stage'));
    const plan = planSplit(model);
    if (finding) {
      warned++;
      const says = finding.data?.splitOffered === true;
      if (says !== offered)
        disagreements.push(
          `${file.name}: the warning says ${says ? 'a split is' : 'no split is'} offered, the light bulb ${offered ? 'offers one' : 'does not'}`,
        );
      if (
        says &&
        plan.ok &&
        JSON.stringify(finding.data?.artifacts) !== JSON.stringify(plan.plan.artifacts.map((a) => a.source))
      ) {
        disagreements.push(
          `${file.name}: the warning names ${JSON.stringify(finding.data?.artifacts)}, the split copies ${JSON.stringify(plan.plan.artifacts.map((a) => a.source))}`,
        );
      }
    }
    if (plan.ok) {
      const produced = hoverStageFacts(model, model.stages[model.finalStage]!).outputs;
      const fromBuilds = plan.plan.facts.builds.flatMap((b) => b.output.artifacts);
      for (const a of plan.plan.artifacts) {
        if (fromBuilds.includes(a.source) && !produced.includes(a.source))
          disagreements.push(
            `${file.name}: the split copies ${a.source}, the hover's Produces is ${JSON.stringify(produced)}`,
          );
      }
    }
  }
  t.diagnostic(`${corpus.source}: ${warned} files with the toolchain warning`);
  assert.deepEqual(disagreements, []);
});
