/**
 * What a Dockerfile itself writes into the configuration of the image it builds (as opposed to what
 * its base image brings): the variables its ENV instructions set, the labels its LABELs set, the
 * folders it puts on PATH, and the base image. Verify uses it to tell a difference the Dockerfile
 * makes from one that only the base images make.
 */
import { keyValues } from '../facts/stage-facts';
import { stageChain } from '../model/queries';
import type { DockerfileModel, Stage } from '../model/types';

export interface DeclaredConfig {
  /** Names of the variables ENV sets in the image's stages. */
  env: Set<string>;
  /** Names of the labels LABEL (and MAINTAINER, as `maintainer`) sets. */
  labels: Set<string>;
  /**
   * The folders ENV PATH adds, as written without variables (`/opt/app/bin` of
   * `PATH=/opt/app/bin:$PATH`), in order.
   */
  pathFolders: string[];
  /** The image the stages start from, as written; null for scratch or a base given by a variable. */
  baseImage: string | null;
}

/** The stage a build of `target` produces (the last stage without one); undefined when no stage has that name. */
export function targetStage(model: DockerfileModel, target?: string): Stage | undefined {
  if (target === undefined) return model.stages[model.finalStage];
  const lower = target.toLowerCase();
  return model.stages.find((s) => s.nameLower === lower);
}

export function declaredConfig(model: DockerfileModel, target?: string): DeclaredConfig {
  const declared: DeclaredConfig = { env: new Set(), labels: new Set(), pathFolders: [], baseImage: null };
  const stage = targetStage(model, target);
  if (!stage) return declared;
  const chain = stageChain(model, stage);
  const root = chain[0]!;
  if (root.base.kind === 'image') declared.baseImage = root.base.image.raw;
  for (const s of chain) {
    for (const instruction of s.instructions) {
      if (instruction.keyword === 'ENV') {
        for (const [key, value] of keyValues(instruction)) {
          const name = unquoteKey(key);
          declared.env.add(name);
          if (name === 'PATH' && value !== null) {
            for (const folder of value.split(':')) {
              if (folder !== '' && !folder.includes('$') && !declared.pathFolders.includes(folder)) {
                declared.pathFolders.push(folder);
              }
            }
          }
        }
      } else if (instruction.keyword === 'LABEL') {
        for (const [name] of keyValues(instruction)) declared.labels.add(unquoteKey(name));
      } else if (instruction.keyword === 'MAINTAINER') {
        declared.labels.add('maintainer');
      }
    }
  }
  return declared;
}

function unquoteKey(key: string): string {
  return key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.endsWith(key[0]) ? key.slice(1, -1) : key;
}
