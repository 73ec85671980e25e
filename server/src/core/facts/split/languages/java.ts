import * as path from 'node:path/posix';
import { resolveIn } from '../../../syntax/paths';
import { programWords, type StageFacts } from '../../stage-facts';
import { nativeArtifacts } from './native';
import { decline, planned, type LanguagePlanner } from './types';

/** The jars and class folders that `java -jar` or `-cp` name, else the build's own outputs. */
function javaArtifacts(facts: StageFacts, workdir: string, built: string[]): string[] {
  const words = programWords(facts.command);
  const out: string[] = [];
  const jarIndex = words.indexOf('-jar');
  if (jarIndex >= 0 && words[jarIndex + 1]) out.push(resolveIn(workdir, words[jarIndex + 1]!));
  const cpIndex = words.findIndex((w) => w === '-cp' || w === '-classpath' || w === '--class-path');
  if (cpIndex >= 0 && words[cpIndex + 1]) {
    for (const entry of words[cpIndex + 1]!.split(':')) {
      if (!entry) continue;
      out.push(resolveIn(workdir, entry.endsWith('/*') ? entry.slice(0, -2) : entry));
    }
  }
  return out.length > 0 ? out : built;
}

/** Java: the jar (Maven, Gradle, jar) or class folder, on a JRE of the builder's Java major. */
export const javaPlanner: LanguagePlanner = {
  language: 'java',
  plan({ facts, workdir }) {
    if (/^(mvn|gradle|\.\/gradlew|\.\/mvnw|gradlew|mvnw)$/.test(path.basename(programWords(facts.command)[0] ?? ''))) {
      return decline('the container runs the build tool itself');
    }
    const native = nativeArtifacts(facts);
    const files = javaArtifacts(facts, workdir, native.artifacts);
    if (files.length === 0)
      return decline(`no artifact found: ${native.reasons[0] ?? 'no jar or class directory is named'}`);
    return planned({
      profile: 'java',
      artifacts: files.map((f) => ({ source: f, dest: /[*?]/.test(f) ? path.dirname(f) + '/' : f })),
    });
  },
};
