import assert from 'node:assert/strict';
import { analyze, parseDockerfile, type DockerfileModel, type Instruction } from '../../server/src/core';
import { RUNTIME_KEYWORDS } from '../../server/src/core/knowledge/runtime-config';
import { stageFacts } from '../../server/src/core/facts/stage-facts';
import { planSplit, type PlanOptions, type SplitPlan } from '../../server/src/core/facts/split/plan';
import { renderSplit } from '../../server/src/core/refactors/split/render';

function instructionText(model: DockerfileModel, i: Instruction): string {
  const start = model.lineStarts[i.range.start.line]! + i.range.start.character;
  const end = model.lineStarts[i.range.end.line]! + i.range.end.character;
  return model.text.slice(start, end);
}

/** The split planned for a Dockerfile; fails the test with the reason when none is offered. */
export function planOf(dockerfile: string, options: PlanOptions = {}): { model: DockerfileModel; plan: SplitPlan } {
  const model = parseDockerfile(dockerfile);
  const result = planSplit(model, options);
  assert.ok(result.ok, result.ok ? '' : `no split is offered: ${result.reason}`);
  return { model, plan: result.plan };
}

/** Why no split is offered for a Dockerfile; fails the test when one is. */
export function declineOf(dockerfile: string, options: PlanOptions = {}): string {
  const result = planSplit(parseDockerfile(dockerfile), options);
  assert.ok(!result.ok, 'a split is offered');
  return result.reason;
}

/** The runtime stage each runtime choice of a plan renders, by image: the text from its FROM on. */
export function runtimesOf(
  model: DockerfileModel,
  plan: SplitPlan,
): { image: string; runtime: string; packages: string | null }[] {
  return plan.choices.map((choice) => {
    const text = renderSplit(model, plan, choice).text;
    return { image: choice.image, runtime: text.slice(text.lastIndexOf('\nFROM ')), packages: choice.base.packages };
  });
}

/** The runtime instructions of a final stage, as written: what a split must keep. */
export function runtimeInstructions(model: DockerfileModel, plan?: SplitPlan): string[] {
  const stage = model.stages[model.finalStage]!;
  let lastUser: Instruction | null = null;
  const out: string[] = [];
  for (const i of stage.instructions) {
    if (plan?.profile === 'static-site' && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) continue;
    if (RUNTIME_KEYWORDS.has(i.keyword)) out.push(instructionText(model, i));
    if (i.keyword === 'USER') lastUser = i;
    if (i.keyword === 'ENV') out.push(instructionText(model, i));
  }
  if (lastUser) out.push(instructionText(model, lastUser));
  return out;
}

/**
 * What every split must satisfy: the result parses into one more stage, the builder keeps the
 * original's instructions byte for byte (less those that moved to the runtime; a prune of dev
 * dependencies may follow), its final stage keeps every runtime instruction (every ENV included) as
 * written and the same WORKDIR, it has no error-severity finding, the
 * toolchain warning is gone, and the split is not offered again.
 */
export function assertSplitInvariants(before: string, after: string, plan: SplitPlan): void {
  const a = parseDockerfile(before);
  const b = parseDockerfile(after);
  assert.equal(b.skipped, null);
  assert.equal(b.stages.length, a.stages.length + 1, 'the split adds exactly one stage');
  const original = a.stages[a.finalStage]!;
  const builder = b.stages[a.finalStage]!;
  const movedIndexes = new Set(
    plan.moved
      .filter((i) => plan.profile !== 'static-site' || (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT'))
      .map((i) => i.index),
  );
  const kept = original.instructions
    .slice(1)
    .filter((i) => !movedIndexes.has(i.index))
    .map((i) => instructionText(a, i));
  const built = builder.instructions.slice(1).map((i) => instructionText(b, i));
  assert.deepEqual(built.slice(0, kept.length), kept, 'the builder runs the original build unchanged');
  assert.ok(
    built
      .slice(kept.length)
      .every((t) => /^RUN (npm prune|pnpm prune|yarn install --production|mkdir -p \/runtime-state && tar )/.test(t)),
    `only a prune or the staging of prepared folders follows the build: ${built.slice(kept.length).join(' | ')}`,
  );
  const finalTexts = b.stages[b.finalStage]!.instructions.map((i) => instructionText(b, i));
  for (const text of runtimeInstructions(a, plan)) {
    assert.ok(finalTexts.includes(text), `the runtime stage keeps ${JSON.stringify(text)}\n--- result:\n${after}`);
  }
  if (plan.profile !== 'static-site') {
    const wa = stageFacts(a, a.stages[a.finalStage]!).workdir;
    const wb = stageFacts(b, b.stages[b.finalStage]!).workdir;
    assert.equal(wb, wa, 'the runtime stage has the same WORKDIR');
  }
  const findings = analyze(after).findings;
  const errors = findings.filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((f) => `${f.ruleId}: ${f.message}`),
    [],
    `no error-severity finding in\n${after}`,
  );
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'toolchain-in-final-image').map((f) => f.message),
    [],
    'the toolchain warning is gone',
  );
  const again = planSplit(b);
  assert.equal(again.ok, false, 'the split is not offered on its own result');
}
