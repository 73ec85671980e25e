import { targetStages } from '../facts/build-targets';
import type { DockerfileModel, Stage } from '../model';
import { closestMatch } from './helpers/closest-match';
import { fileRule, stageLabel, type Report, type Rule } from './types';

/**
 * Stages the final stage or a built target (`roots`) reaches, counting a misspelled reference (one
 * that another rule reports with a suggestion) as a reference to the suggested stage, so a typo is
 * reported once, not twice.
 */
function intendedReachable(model: DockerfileModel, roots: readonly number[]): boolean[] {
  return backwardReachable(model, roots) ?? reachableThroughEdges(model, roots);
}

/**
 * The same when every stage reference (and every base) points to an earlier stage, the usual case:
 * one sweep from the last stage down, over the references grouped by stage (they are in document
 * order). Null when some edge points forward.
 */
export function backwardReachable(model: DockerfileModel, roots: readonly number[] = []): boolean[] | null {
  const stages = model.stages;
  const refs = model.references;
  const reachable = new Array<boolean>(stages.length).fill(false);
  let names: string[] | null = null;
  let r = refs.length - 1;
  if (model.finalStage >= 0) reachable[model.finalStage] = true;
  for (const root of roots) reachable[root] = true;
  for (let s = stages.length - 1; s >= 0; s--) {
    const stage = stages[s]!;
    const from = reachable[s]!;
    if (stage.base.kind === 'stage') {
      if (stage.base.stage >= s) return null;
      if (from) reachable[stage.base.stage] = true;
    }
    for (; r >= 0 && refs[r]!.fromStage >= s; r--) {
      const ref = refs[r]!;
      if (ref.fromStage !== s) return null;
      let target = -1;
      if (ref.target.kind === 'stage') target = ref.target.stage;
      else if (ref.target.kind === 'image') {
        names ??= stages.map((x) => x.name).filter((n): n is string => n !== null);
        const suggestion = closestMatch(ref.value, names);
        const named = suggestion ? stages.find((x) => x.name === suggestion) : undefined;
        if (named) target = named.index;
      }
      if (target < 0) continue;
      if (target >= s) return null;
      if (from) reachable[target] = true;
    }
  }
  return r < 0 ? reachable : null;
}

export function reachableThroughEdges(model: DockerfileModel, roots: readonly number[] = []): boolean[] {
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
  const stack = model.finalStage >= 0 ? [model.finalStage, ...roots] : [...roots];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (reachable[s]) continue;
    reachable[s] = true;
    stack.push(...edges[s]!);
  }
  return reachable;
}

const UNNECESSARY: Report['tags'] = ['unnecessary'];

function unusedReport(stage: Stage): Report {
  return {
    range: stage.range,
    message: `Stage '${stageLabel(stage)}' is not used by the final stage and is not built for the default target.`,
    tags: UNNECESSARY,
  };
}

export const unreachableStage: Rule = fileRule({
  meta: {
    id: 'unreachable-stage',
    severity: 'hint',
    title: 'A stage is not built for the default target',
    docs: {
      what: 'Marks stages that the final stage never reads from, directly or through other stages. Nothing is marked where a base or a stage reference holds a build argument (`FROM builder-${COMPRESS}`, `COPY --from=${FLAVOUR}`), even one whose default names a stage: another value picks another stage.',
      why: "BuildKit skips them when building the default target, so their instructions have no effect on the image. Stages built on purpose with `--target` are not reported: Stagewright reads the targets that compose files (`build.target`), Bake files (`target`), GitHub Actions workflows (`docker/build-push-action` and `docker build --target` in `run:` steps), Makefiles and shell scripts build, and the `stagewright.targets` setting (or the CLI's `--target`) adds more. Such a stage, and the stages it needs, are built. The rest are dead code.",
      example:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM node:20 AS docs\nRUN npm run docs\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\n',
    },
  },
  check({ model, settings, report }) {
    // Where a reference or a base depends on a build argument, or is a broken index, any stage
    // may be the one meant.
    // That holds also where the global ARGs' defaults resolve it (`FROM builder-${COMPRESS}` with
    // `ARG COMPRESS=false`): `--build-arg` picks another stage.
    for (const r of model.references)
      if (r.target.kind === 'variable' || r.target.kind === 'invalid-index' || r.value.includes('$')) return;
    for (const s of model.stages) if (s.base.kind === 'variable') return;
    const reachable = intendedReachable(model, targetStages(model, settings.targets));
    for (const stage of model.stages) {
      if (!reachable[stage.index]) report(unusedReport(stage));
    }
  },
});
