/**
 * Stages built as targets (see types.ts): which files of a workspace are build files, the targets
 * they build, which of them build a given Dockerfile, and the stages a build of those targets runs.
 * Text in, plain data out; the shells find and read the files (server/src/host/build-targets.ts).
 */
import type { DockerfileModel } from '../../model';
import { isBakeFile, readBakeFiles } from './bake';
import { isCiConfigFile, readCiConfig } from './ci-configs';
import { isComposeFile, readComposeFiles } from './compose';
import { isDevcontainerFile, readDevcontainer } from './devcontainer';
import { namedForRegistry } from './images';
import { readMakefile, readShellScript } from './scripts';
import type { BuildFileText, BuildTarget, BuiltTarget, ReadRelated } from './types';
import { isWorkflowFile, readWorkflow } from './workflows';

export type { BuildFileText, BuildTarget, BuiltTarget, ReadRelated } from './types';
export { readBakeFiles } from './bake';
export { parseHcl, type HclBlock, type HclBody, type HclValue } from './hcl';
export { readComposeFiles } from './compose';
export { readMakefile, readShellScript } from './scripts';
export { readWorkflow } from './workflows';
export { readDevcontainer } from './devcontainer';
export {
  builtImageOf,
  builtImages,
  imageRepository,
  taggedRepositories,
  type BuiltImage,
  type WorkspaceImage,
} from './images';

export type BuildFileKind = 'compose' | 'bake' | 'workflow' | 'makefile' | 'script' | 'devcontainer' | 'ci-config';

/** What kind of build file a root-relative path is, or null for any other file. */
export function buildFileKind(path: string): BuildFileKind | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (isWorkflowFile(path)) return 'workflow';
  if (isDevcontainerFile(path)) return 'devcontainer';
  if (isCiConfigFile(path)) return 'ci-config';
  if (isComposeFile(name)) return 'compose';
  if (isBakeFile(name)) return 'bake';
  if (/^(?:GNUmakefile|[Mm]akefile)$/.test(name) || /\.mk$/.test(name)) return 'makefile';
  if (/\.(?:sh|bash)$/.test(name)) return 'script';
  return null;
}

/** Every target the build files build. `read` opens files they name that were not listed (compose `extends`). */
export function readBuildFiles(files: readonly BuildFileText[], read?: ReadRelated): BuildTarget[] {
  const byKind = new Map<BuildFileKind, BuildFileText[]>();
  for (const file of files) {
    const kind = buildFileKind(file.path);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), file]);
  }
  const out: BuildTarget[] = [];
  const guard = (read: () => BuildTarget[]) => {
    try {
      out.push(...read());
    } catch {
      // A reader that fails on odd input loses that file's targets, never the others'.
    }
  };
  guard(() => readComposeFiles(byKind.get('compose') ?? [], read));
  guard(() => readBakeFiles(byKind.get('bake') ?? []));
  for (const file of byKind.get('workflow') ?? []) guard(() => readWorkflow(file));
  for (const file of byKind.get('makefile') ?? []) guard(() => readMakefile(file));
  for (const file of byKind.get('script') ?? []) guard(() => readShellScript(file));
  for (const file of byKind.get('devcontainer') ?? []) guard(() => readDevcontainer(file));
  for (const file of byKind.get('ci-config') ?? []) guard(() => readCiConfig(file));
  return out;
}

/** How a target is shown after "built by": `compose.yaml: service api, target dev`. */
export function describeTarget(target: BuildTarget): string {
  return `${target.file}: ${target.what}, target ${target.stage}`;
}

/**
 * The targets that build the Dockerfile at `dockerfile` (root-relative), as the analysis takes them.
 * A target whose Dockerfile is unknown (a variable) may build any Dockerfile that has its stage.
 */
export function targetsFor(targets: readonly BuildTarget[], dockerfile: string): BuiltTarget[] {
  const out: BuiltTarget[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    if (target.stage === null) continue;
    if (target.dockerfiles !== null && !target.dockerfiles.includes(dockerfile)) continue;
    const by = describeTarget(target);
    if (seen.has(by)) continue;
    seen.add(by);
    out.push({ stage: target.stage, by });
  }
  return out;
}

/**
 * The names that every build of the Dockerfile at `dockerfile` (root-relative) gives, as `pick` reads
 * them from each build; empty when the build files show none of its builds. A build whose Dockerfile
 * is unknown (a variable) is not counted: it may build another file.
 */
function givenByEveryBuild(
  targets: readonly BuildTarget[],
  dockerfile: string,
  pick: (target: BuildTarget) => readonly string[],
): string[] {
  let common: string[] | null = null;
  for (const target of targets) {
    if (target.dockerfiles === null || !target.dockerfiles.includes(dockerfile)) continue;
    const names = new Set(pick(target));
    common = common === null ? [...names] : common.filter((n) => names.has(n));
  }
  return common === null ? [] : [...common].sort();
}

/** What the workspace's builds say of the image a Dockerfile's default target makes. */
export interface ImageRole {
  /** Why it is a development environment: every build of it shown makes one (null otherwise). */
  development: string | null;
  /**
   * Why it is built where it is used though not a development environment: the workspace builds it
   * and publishes no image at all (null otherwise).
   */
  local: string | null;
  /**
   * A build that may ship it (a workflow's, a script's, a Compose service without the sources
   * mounted, or a CI configuration the readers do not follow that builds and pushes images): `file: what`.
   */
  shippedBy: string | null;
}

/**
 * What the builds say of the image of the Dockerfile at `dockerfile` (root-relative), the one its
 * default target makes: only builds of the default target count (a Compose service that builds the
 * `dev` stage says nothing of the image the file ships). A build whose Dockerfile is unknown counts
 * only when it may push: it may ship any Dockerfile's image.
 */
export function imageRoleOf(targets: readonly BuildTarget[], dockerfile: string): ImageRole {
  const none: ImageRole = { development: null, local: null, shippedBy: null };
  let development: string | null = null;
  // The first build of the file that is not a development one and pushes nothing.
  let localBuild: BuildTarget | null = null;
  // A build of an unknown Dockerfile that may push (a CI configuration, an action the reading does
  // not follow): it may ship this image too, so the builds shown do not settle what it is for.
  let unknownPusher = false;
  for (const target of targets) {
    if (target.stage !== null) continue;
    if (target.dockerfiles === null) {
      if (target.pushes) unknownPusher = true;
      continue;
    }
    if (!target.dockerfiles.includes(dockerfile)) continue;
    if (!target.development) {
      if (target.pushes || publishing(target)) return { ...none, shippedBy: `${target.file}: ${target.what}` };
      localBuild ??= target;
      continue;
    }
    development ??= target.development;
  }
  if (unknownPusher) return none;
  if (localBuild === null) return { ...none, development };
  // A build that pushes nothing, in a workspace whose build files publish no image at all (none
  // pushes, logs in to a registry or names an image for one, and no CI or deployment configuration
  // the reading does not follow builds images): the image is built where it is used. Where the
  // workspace publishes others, such a build (a CI check with `push: false`) settles nothing.
  if (targets.some((t) => t.pushes || publishing(t))) return none;
  return {
    ...none,
    local: `${localBuild.file}: ${localBuild.what}, and no build file of the workspace publishes an image`,
  };
}

/** Whether a build names its image for a registry (`org/app`, `ghcr.io/org/app`; not `local/app`). */
function publishing(target: BuildTarget): boolean {
  return (target.images ?? []).some(namedForRegistry);
}

/** The build arguments every build of the Dockerfile passes. */
export function argsPassedTo(targets: readonly BuildTarget[], dockerfile: string): string[] {
  return givenByEveryBuild(targets, dockerfile, (t) => t.args);
}

/** The named build contexts every build of the Dockerfile sets: a FROM of such a name reads the context. */
export function contextsPassedTo(targets: readonly BuildTarget[], dockerfile: string): string[] {
  return givenByEveryBuild(targets, dockerfile, (t) => t.contexts ?? []);
}

/** The stages a target names (BuildKit matches names without case), in stage order. */
export function targetStages(model: DockerfileModel, targets: readonly BuiltTarget[] | undefined): number[] {
  if (!targets || targets.length === 0) return [];
  const wanted = new Set(targets.map((t) => t.stage.toLowerCase()));
  return model.stages.filter((s) => s.name !== null && wanted.has(s.name.toLowerCase())).map((s) => s.index);
}

/** What builds each stage, per stage index (empty for a stage no target names). */
export function buildersByStage(model: DockerfileModel, targets: readonly BuiltTarget[] | undefined): string[][] {
  const out: string[][] = model.stages.map(() => []);
  if (!targets || targets.length === 0) return out;
  const byName = new Map<string, number>();
  for (const stage of model.stages) {
    const name = stage.name?.toLowerCase();
    if (name !== undefined && !byName.has(name)) byName.set(name, stage.index);
  }
  for (const target of targets) {
    const index = byName.get(target.stage.toLowerCase());
    if (index !== undefined && !out[index]!.includes(target.by)) out[index]!.push(target.by);
  }
  return out;
}

/**
 * The stages that building the default target or one of `targets` builds: the model's reachable
 * stages, and every stage a target stage reaches through FROM and stage references.
 */
export function builtStages(model: DockerfileModel, targets: readonly BuiltTarget[] | undefined): boolean[] {
  const roots = targetStages(model, targets);
  if (roots.length === 0) return model.reachable;
  const built = [...model.reachable];
  const edges: number[][] = model.stages.map((s) => (s.base.kind === 'stage' ? [s.base.stage] : []));
  for (const ref of model.references) if (ref.target.kind === 'stage') edges[ref.fromStage]!.push(ref.target.stage);
  const visited = new Array<boolean>(model.stages.length).fill(false);
  const stack = [...roots];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (visited[s]) continue;
    visited[s] = true;
    built[s] = true;
    for (const t of edges[s]!) if (!visited[t]) stack.push(t);
  }
  return built;
}
