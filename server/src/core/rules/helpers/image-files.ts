import type { DockerfileModel, Stage } from '../../model';
import type { AnalysisSettings } from '../../analysis-types';
import { stageFacts } from '../../facts/stage-facts';
import type { RuleContext } from '../types';

/**
 * Reads a file of the final image that the Dockerfile copied in from the build context (an
 * entrypoint script, a cleanup script), where the editor or the command line can read the context;
 * undefined when it cannot. The file is looked up from the last stage of the chain back to the
 * stages it is built on: it may come with the base stage. Each stage's facts (where its files come
 * from) are remembered per version of the stages and global ARGs they depend on, so a long file is
 * not read again on every keystroke; within one analysis each file is read once.
 */
export function imageFileReader(
  model: DockerfileModel,
  chain: readonly Stage[],
  settings: AnalysisSettings,
  remember: RuleContext['remember'],
): ((imagePath: string) => string | undefined) | undefined {
  const readContext = settings.readWorkspaceFile;
  if (!readContext) return undefined;
  // A file asked for again in the same analysis (a cleanup script run by every RUN) is read once.
  const read = new Map<string, string | undefined>();
  return (imagePath: string): string | undefined => {
    if (read.has(imagePath)) return read.get(imagePath);
    const text = lookUp(imagePath);
    read.set(imagePath, text);
    return text;
  };

  function lookUp(imagePath: string): string | undefined {
    for (let k = chain.length - 1; k >= 0; k--) {
      const stage = chain[k]!;
      const facts = remember(stage, [readContext, ...chain.slice(0, k + 1), ...model.globalArgs], () =>
        stageFacts(model, stage, readContext),
      );
      const text = facts.readImageFile(imagePath);
      if (text !== undefined) return text;
    }
    return undefined;
  }
}
