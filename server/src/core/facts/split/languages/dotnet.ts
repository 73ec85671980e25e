import * as path from 'node:path/posix';
import { resolveIn } from '../../../syntax/paths';
import { programWords, type StageFacts } from '../../stage-facts';
import { nativeArtifacts } from './native';
import { decline, planned, type LanguagePlanner } from './types';

/** The project file `dotnet publish` builds: named on its command line, or the one in its folder. */
function projectFile(facts: StageFacts): string | undefined {
  for (const step of facts.builds) {
    if (step.row.id !== 'dotnet publish') continue;
    const named = step.command.words.find((w) => /\.(cs|fs|vb)proj$/.test(w));
    if (named) return facts.readImageFile(resolveIn(step.cwd, named));
    const listed = facts.listImageDir(step.cwd)?.find((e) => /\.(cs|fs|vb)proj$/.test(e));
    if (listed) return facts.readImageFile(path.join(step.cwd, listed));
  }
  return undefined;
}

/** A self-contained publish carries its own runtime: only runtime-deps is needed. */
function selfContained(facts: StageFacts, project: string | undefined): boolean {
  return (
    facts.builds.some((b) => {
      if (b.row.id !== 'dotnet publish') return false;
      const w = b.command.words;
      const i = w.findIndex((x) => x === '--self-contained' || x === '--sc' || x.startsWith('--self-contained='));
      if (i >= 0) return !/false$/i.test(w[i]!) && w[i + 1]?.toLowerCase() !== 'false';
      return w.some((x) => /^[-/]p:PublishSelfContained=true$/i.test(x));
    }) || /<SelfContained>\s*true\s*<\/SelfContained>|<PublishSelfContained>\s*true/i.test(project ?? '')
  );
}

/** .NET: the publish folder on aspnet (a web SDK project), runtime, or runtime-deps (self-contained). */
export const dotnetPlanner: LanguagePlanner = {
  language: 'dotnet',
  plan({ facts, workdir, exposes }) {
    const native = nativeArtifacts(facts);
    let dirs = native.artifacts;
    if (dirs.length === 0) {
      const dll = programWords(facts.command).find((w) => w.endsWith('.dll'));
      if (dll) dirs = [path.dirname(resolveIn(workdir, dll))];
    }
    if (dirs.length === 0) return decline(`no artifact found: ${native.reasons[0] ?? 'dotnet publish has no -o'}`);
    const project = projectFile(facts);
    let profile: 'dotnet-web' | 'dotnet-console' | 'dotnet-self-contained';
    if (selfContained(facts, project)) profile = 'dotnet-self-contained';
    else if (project !== undefined)
      profile = /Sdk\s*=\s*"Microsoft\.NET\.Sdk\.(Web|Razor|BlazorWebAssembly)"/.test(project)
        ? 'dotnet-web'
        : 'dotnet-console';
    else
      profile =
        exposes.length > 0 || [...facts.env.keys()].some((k) => k.startsWith('ASPNETCORE_'))
          ? 'dotnet-web'
          : 'dotnet-console';
    return planned({ profile, artifacts: dirs.map((d) => ({ source: d, dest: d })) });
  },
};
