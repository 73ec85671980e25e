import assert from 'node:assert/strict';
import { analyze, parseDockerfile, type DockerfileModel, type Instruction } from '../../server/src/core';
import { isBuildOnlyEnv, RUNTIME_KEYWORDS } from '../../server/src/core/knowledge/runtime-config';
import { keyValues, stageFacts } from '../../server/src/core/facts/stage-facts';
import { planSplit, type SplitPlan } from '../../server/src/core/facts/split/plan';

function instructionText(model: DockerfileModel, i: Instruction): string {
  const start = model.lineStarts[i.range.start.line]! + i.range.start.character;
  const end = model.lineStarts[i.range.end.line]! + i.range.end.character;
  return model.text.slice(start, end);
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
    if (i.keyword === 'ENV' && keyValues(i).some(([k]) => !isBuildOnlyEnv(k))) out.push(instructionText(model, i));
  }
  if (lastUser) out.push(instructionText(model, lastUser));
  return out;
}

/**
 * What every split must satisfy: the result parses into one more stage, its final stage keeps every
 * runtime instruction as written and the same WORKDIR, it has no error-severity finding, the
 * toolchain warning is gone, and the split is not offered again.
 */
export function assertSplitInvariants(before: string, after: string, plan: SplitPlan): void {
  const a = parseDockerfile(before);
  const b = parseDockerfile(after);
  assert.equal(b.skipped, null);
  assert.equal(b.stages.length, a.stages.length + 1, 'the split adds exactly one stage');
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
  assert.deepEqual(errors.map((f) => `${f.ruleId}: ${f.message}`), [], `no error-severity finding in\n${after}`);
  assert.deepEqual(findings.filter((f) => f.ruleId === 'toolchain-in-final-image').map((f) => f.message), [], 'the toolchain warning is gone');
  const again = planSplit(b);
  assert.equal(again.ok, false, 'the split is not offered on its own result');
}
