import type { DockerfileModel, StageReference } from '../model';
import { stageLabel, type Rule } from './types';

/** The references that close a cycle: a stage that, through its references, needs itself. */
function cyclicReferences(model: DockerfileModel): StageReference[] {
  const edges = new Map<number, StageReference[]>();
  for (const ref of model.references) {
    if (ref.target.kind !== 'stage') continue;
    const list = edges.get(ref.fromStage) ?? [];
    list.push(ref);
    edges.set(ref.fromStage, list);
  }
  const reaches = (from: number, goal: number): boolean => {
    const seen = new Set<number>();
    const stack = [from];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s === goal) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const r of edges.get(s) ?? []) if (r.target.kind === 'stage') stack.push(r.target.stage);
    }
    return false;
  };
  return model.references.filter((r) => r.target.kind === 'stage' && reaches(r.target.stage, r.fromStage));
}

export const circularStageReference: Rule = {
  meta: {
    id: 'circular-stage-reference',
    severity: 'error',
    title: 'A stage reads from itself, directly or through other stages',
    peers: { hadolint: ['DL3023'] },
    docs: {
      what: 'Flags a `--from` or `from=` that names the stage it stands in, or a later stage that in turn reads from this one.',
      why: 'The build fails with a circular dependency: a stage cannot use its own result while it is being built.',
      example: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nCOPY --from=builder /app /usr/local/bin/app\nUSER nobody\n',
      better: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /usr/local/bin/app\nUSER nobody\n',
    },
  },
  check({ model, report }) {
    for (const ref of cyclicReferences(model)) {
      if (ref.target.kind !== 'stage') continue;
      const target = model.stages[ref.target.stage]!;
      const message =
        ref.target.stage === ref.fromStage
          ? `Stage '${stageLabel(target)}' cannot read from itself.`
          : `Circular reference: stage '${stageLabel(target)}' also depends on this stage ('${stageLabel(model.stages[ref.fromStage]!)}').`;
      report({ range: ref.range, message });
    }
  },
};
