import type { DockerfileModel, StageReference } from '../model';
import { fileRule, stageLabel, type Rule } from './types';

/**
 * Strongly connected components of the stage graph (iterative Tarjan), so that the whole file is
 * checked in one pass: a reference closes a cycle when it points back into its own component.
 */
function components(stageCount: number, edges: number[][]): Int32Array {
  const component = new Int32Array(stageCount).fill(-1);
  const index = new Int32Array(stageCount).fill(-1);
  const low = new Int32Array(stageCount);
  const onStack = new Uint8Array(stageCount);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < stageCount; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, next] = frame;
      const out = edges[v]!;
      if (next < out.length) {
        frame[1] = next + 1;
        const w = out[next]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return component;
}

/** The references that close a cycle: a stage that, through its references, needs itself. */
function cyclicReferences(model: DockerfileModel): StageReference[] {
  // Every reference to an earlier stage: the graph has no cycle (the usual case, decided without building it).
  let backward = true;
  for (const ref of model.references) {
    if (ref.target.kind === 'stage' && ref.target.stage >= ref.fromStage) {
      backward = false;
      break;
    }
  }
  if (backward) return [];
  const edges: number[][] = model.stages.map(() => []);
  for (const ref of model.references) {
    if (ref.target.kind === 'stage') edges[ref.fromStage]!.push(ref.target.stage);
  }
  const component = components(model.stages.length, edges);
  // The target reaches the referencing stage exactly when both are in one component (or are one stage).
  return model.references.filter(
    (r) =>
      r.target.kind === 'stage' &&
      (r.target.stage === r.fromStage || component[r.target.stage] === component[r.fromStage]),
  );
}

export const circularStageReference: Rule = fileRule({
  meta: {
    id: 'circular-stage-reference',
    severity: 'error',
    title: 'A stage reads from itself, directly or through other stages',
    peers: { hadolint: ['DL3023'] },
    docs: {
      what: 'Flags a `--from` or `from=` that names the stage it stands in, or a later stage that in turn reads from this one.',
      why: 'The build fails with a circular dependency: a stage cannot use its own result while it is being built.',
      example:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\nCOPY --from=builder /app /usr/local/bin/app\nUSER nobody\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /usr/local/bin/app\nUSER nobody\n',
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
});
