/**
 * The images a workspace builds itself: the names its build files give their results (`docker build
 * -t`, compose `image:` beside `build:`, bake `tags`, the build-push-action's `tags`). A FROM of such
 * a name reads the project's own image, which the workspace's Dockerfile describes.
 */
import { DOCKER_HUB } from '../../knowledge/official-images';
import type { DockerfileModel } from '../../model';
import { parseImageReference, shortImageName } from '../../model/image';
import { stageChain } from '../../model/queries';
import { stageFacts } from '../stage-facts';
import type { BuildTarget } from './types';

/**
 * The repository of an image reference as a build file writes it, lower-cased, without tag, digest,
 * Docker Hub's own registry names or `library/` (`docker.io/library/redis:7` gives `redis`); null
 * when the repository holds a part that is not known (`${REGISTRY}/app`, `ghcr.io/${{ github.repository }}`).
 * Compose's and the shell's `${NAME:-default}` count as their default.
 */
export function imageRepository(reference: string): string | null {
  const text = reference
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^{}$]*)\}/g, '$1');
  const image = parseImageReference(text);
  const host = image.registry?.toLowerCase() ?? null;
  const name = shortImageName(image);
  const repository = host === null || DOCKER_HUB.test(host) ? name : `${host}/${name}`;
  if (!/^[a-z0-9][a-z0-9._\-/:]*$/.test(repository) || repository.endsWith('/')) return null;
  return repository;
}

/**
 * Whether an image name, as written or as its repository, is named for a registry (`org/app`,
 * `ghcr.io/org/app`): one a push can publish. A `local/` or `localhost` name is not.
 */
export function namedForRegistry(image: string): boolean {
  const name = image.trim();
  return name.includes('/') && !/^(local|localhost(:\d+)?)\//i.test(name);
}

/**
 * The repositories of the tags a build file gives (`example/app:${VERSION}`), each once: `expand`
 * replaces the variables of the repository part the way that file's tool does (null when one is not
 * known); a tag's own variables do not matter. Tags whose repository is not known are left out.
 */
export function taggedRepositories(tags: readonly string[], expand: (text: string) => string | null): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    const written = repositoryWritten(tag.trim());
    const expanded = written === '' ? null : expand(written);
    const repository = expanded === null ? null : imageRepository(expanded);
    if (repository !== null) out.add(repository);
  }
  return [...out];
}

/** The repository part of a tag as written: before the tag's colon, found outside `${...}` and after the last slash. */
function repositoryWritten(tag: string): string {
  let depth = 0;
  let slash = -1;
  let colon = -1;
  for (let i = 0; i < tag.length; i++) {
    const c = tag[i]!;
    if (c === '{' && tag[i - 1] === '$') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (depth === 0 && c === '/') {
      slash = i;
      colon = -1;
    } else if (depth === 0 && c === ':' && colon < 0 && i > slash) colon = i;
  }
  return colon < 0 ? tag.replace(/@.*$/, '') : tag.slice(0, colon);
}

/** An image the workspace builds: its repository, and the Dockerfile and stage that build it. */
export interface BuiltImage {
  name: string;
  /** Root-relative path of the Dockerfile, or null when the build files do not say which. */
  dockerfile: string | null;
  /** The target stage, or null for the default target. */
  stage: string | null;
}

/**
 * Every image the builds name, with what builds it. One name built from two Dockerfiles (or two
 * stages) keeps each, so a reader can tell that the name is not one image.
 */
export function builtImages(targets: readonly BuildTarget[]): BuiltImage[] {
  const out: BuiltImage[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    // The stage whose image it is cannot be told.
    if (target.unknownTarget) continue;
    for (const name of target.images ?? []) {
      const dockerfile = target.dockerfiles?.length === 1 ? target.dockerfiles[0]! : null;
      const key = `${name}\u0000${dockerfile}\u0000${target.stage}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name, dockerfile, stage: target.stage });
    }
  }
  return out;
}

/** An image the workspace builds, as the analysis of a Dockerfile that starts from it takes it. */
export interface WorkspaceImage {
  /** Its repository, as `imageRepository` gives it. */
  name: string;
  /**
   * The working directory its Dockerfile leaves: a path where it is known, null where a WORKDIR is
   * set to something not known (a variable), absent where none is set in that Dockerfile.
   */
  workdir?: string | null;
}

/**
 * What an image built from `model` with target `stage` (null: the default target, the last stage)
 * leaves for the images built on it: the working directory, where a WORKDIR in the stage or the
 * stages it is built on sets one. Null when the stage is not in the file.
 */
export function builtImageOf(model: DockerfileModel, stage: string | null): Omit<WorkspaceImage, 'name'> | null {
  const wanted = stage?.toLowerCase();
  const target =
    wanted === undefined
      ? model.stages[model.stages.length - 1]
      : model.stages.find((s) => s.name?.toLowerCase() === wanted);
  if (!target) return null;
  const chain = stageChain(model, target);
  if (!chain.some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR'))) return {};
  return { workdir: stageFacts(model, target).workdir };
}
