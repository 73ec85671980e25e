import type { GraphEdge, GraphEdgeKind, GraphNode, StageGraph } from '../../../shared/graph-data';
import { buildersByStage, builtStages, type BuiltTarget } from './facts/build-targets';
import type { DockerfileModel, Stage } from './model';

export type { GraphEdge, GraphEdgeKind, GraphNode, StageGraph } from '../../../shared/graph-data';

function stageLabel(stage: Stage): string {
  return stage.name ?? `stage ${stage.index}`;
}

function baseLabel(stage: Stage, stages: Stage[]): string {
  switch (stage.base.kind) {
    case 'image':
      return stage.base.image.raw;
    case 'stage':
      return stageLabel(stages[stage.base.stage]!);
    case 'scratch':
      return 'scratch';
    case 'variable':
      return stage.base.raw;
  }
}

/**
 * The stages of a Dockerfile and what flows between them: FROM parents, COPY --from and
 * RUN --mount from=. References to external images become image nodes; references through
 * variables or to missing indexes are left out (nothing is known about their target). `targets`, the
 * stages built with `--target`, mark their stages as built (`builtBy`) and what they need as used.
 */
export function stageGraph(model: DockerfileModel, targets?: readonly BuiltTarget[]): StageGraph {
  const stages = model.stages;
  const builders = buildersByStage(model, targets);
  const built = builtStages(model, targets);
  const nodes: GraphNode[] = stages.map((stage) => ({
    id: `s${stage.index}`,
    kind: 'stage',
    label: stageLabel(stage),
    stage: stage.index,
    base: baseLabel(stage, stages),
    line: stage.from.range.start.line,
    instructions: stage.instructions.length,
    final: stage.index === model.finalStage,
    used: built[stage.index] === true,
    ...(builders[stage.index]!.length > 0 ? { builtBy: builders[stage.index] } : {}),
  }));

  const images = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const addEdge = (from: string, to: string, kind: GraphEdgeKind, line: number, backward: boolean): void => {
    const key = `${from}>${to}>${kind}`;
    const edge = edges.get(key);
    if (edge) {
      if (!edge.lines.includes(line)) edge.lines.push(line);
    } else {
      edges.set(key, { from, to, kind, lines: [line], backward });
    }
  };

  for (const ref of model.references) {
    const line = ref.instruction.range.start.line;
    const to = `s${ref.fromStage}`;
    if (ref.target.kind === 'stage') {
      addEdge(`s${ref.target.stage}`, to, ref.kind, line, ref.target.stage >= ref.fromStage);
    } else if (ref.target.kind === 'image' && ref.kind !== 'from') {
      const key = ref.value.toLowerCase();
      let image = images.get(key);
      if (!image) {
        image = {
          id: `i:${key}`,
          kind: 'image',
          label: ref.value,
          stage: -1,
          base: '',
          line,
          instructions: 0,
          final: false,
          used: true,
        };
        images.set(key, image);
      }
      addEdge(image.id, to, ref.kind, line, false);
    }
  }

  const edgeList = [...edges.values()].sort(
    (a, b) => a.lines[0]! - b.lines[0]! || a.from.localeCompare(b.from) || a.kind.localeCompare(b.kind),
  );
  return { nodes: [...nodes, ...images.values()], edges: edgeList };
}
