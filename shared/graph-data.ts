/**
 * The stage graph as the core computes it and the server sends it to the client (the request is in
 * protocol.ts). Plain data with no imports, so the core, the server, the client bundle and the tests
 * can all share it.
 */

export type GraphNodeKind = 'stage' | 'image';

export interface GraphNode {
  /** `s<index>` for a stage, `i:<name>` for an external image read by COPY --from or a mount. */
  id: string;
  kind: GraphNodeKind;
  /** The stage name, `stage <index>` for an unnamed stage, or the image name. */
  label: string;
  /** Stage index, or -1 for an image. */
  stage: number;
  /** What the stage builds on: an image, `scratch`, a variable, or the parent stage's label. Empty for images. */
  base: string;
  /** Zero-based line of the FROM (stages) or of the first reference (images). */
  line: number;
  /** Number of instructions in the stage, the FROM included; 0 for images. */
  instructions: number;
  /** The last stage: what `docker build` builds without --target. */
  final: boolean;
  /**
   * False for a stage that neither building the final stage nor building a target (`builtBy`) builds.
   * Always true for images.
   */
  used: boolean;
  /** What builds this stage with `--target` ("compose.yaml: service api, target dev"); absent when nothing does. */
  builtBy?: string[];
}

export type GraphEdgeKind = 'from' | 'copy-from' | 'mount-from';

export interface GraphEdge {
  /** The node that provides: the parent stage, the stage copied from, the image mounted. */
  from: string;
  /** The stage that uses it. */
  to: string;
  kind: GraphEdgeKind;
  /** Lines (zero-based) of the instructions that make this edge, in order. */
  lines: number[];
  /** True when the provider is the stage itself or a later one (BuildKit accepts it, readers trip over it). */
  backward: boolean;
}

export interface StageGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
