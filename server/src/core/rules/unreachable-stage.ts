import type { DockerfileModel } from '../model';
import { closestMatch } from '../util/strings';
import { stageLabel, type Rule } from './types';

/**
 * Stages the final stage reaches, counting a misspelled reference (one that another rule reports
 * with a suggestion) as a reference to the suggested stage, so a typo is reported once, not twice.
 */
function intendedReachable(model: DockerfileModel): boolean[] {
  const names = model.stages.map((s) => s.name).filter((n): n is string => n !== null);
  const edges: number[][] = model.stages.map(() => []);
  for (const ref of model.references) {
    if (ref.target.kind === 'stage') edges[ref.fromStage]!.push(ref.target.stage);
    else if (ref.target.kind === 'image') {
      const suggestion = closestMatch(ref.value, names);
      const stage = suggestion ? model.stages.find((s) => s.name === suggestion) : undefined;
      if (stage) edges[ref.fromStage]!.push(stage.index);
    }
  }
  for (const stage of model.stages) if (stage.base.kind === 'stage') edges[stage.index]!.push(stage.base.stage);
  const reachable = model.stages.map(() => false);
  const stack = model.finalStage >= 0 ? [model.finalStage] : [];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (reachable[s]) continue;
    reachable[s] = true;
    stack.push(...edges[s]!);
  }
  return reachable;
}

export const unreachableStage: Rule = {
  meta: {
    id: 'unreachable-stage',
    severity: 'hint',
    title: 'A stage is not built for the default target',
    docs: {
      what: 'Marks stages that the final stage never reads from, directly or through other stages.',
      why:
        'BuildKit skips them when building the default target, so their instructions have no effect on the image. They may be targets built with `--target`; otherwise they are dead code.',
      example: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM node:20 AS docs\nRUN npm run docs\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\n',
      better: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\n',
    },
  },
  check({ model, report }) {
    // Where a reference or a base depends on a build argument, or is a broken index, any stage
    // may be the one meant.
    if (model.references.some((r) => r.target.kind === 'variable' || r.target.kind === 'invalid-index')) return;
    if (model.stages.some((s) => s.base.kind === 'variable')) return;
    const reachable = intendedReachable(model);
    for (const stage of model.stages) {
      if (reachable[stage.index]) continue;
      report({
        range: stage.range,
        message: `Stage '${stageLabel(stage)}' is not used by the final stage and is not built for the default target.`,
        tags: ['unnecessary'],
      });
    }
  },
};
