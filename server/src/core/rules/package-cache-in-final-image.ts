import { PACKAGE_CACHES } from '../knowledge/package-caches';
import type { Instruction } from '../model';
import { simpleCommands } from './helpers/shell';
import { finalImageStages } from './helpers/stages';
import { parseKeyValues } from './helpers/words';
import type { Rule } from './types';

/** Targets of `--mount=type=cache` on a RUN. */
function cacheMountTargets(instruction: Instruction): string[] {
  const targets: string[] = [];
  for (const flag of instruction.flags) {
    if (flag.name.toLowerCase() !== 'mount') continue;
    const type = flag.options.find((o) => o.name.toLowerCase() === 'type')?.value;
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = flag.options.find((o) => ['target', 'dst', 'destination'].includes(o.name.toLowerCase()))?.value;
    if (target) targets.push(target);
  }
  return targets;
}

export const packageCacheInFinalImage: Rule = {
  meta: {
    id: 'package-cache-in-final-image',
    severity: 'warning',
    title: 'A package manager cache is left in the final image',
    peers: { hadolint: ['DL3009', 'DL3019', 'DL3042', 'DL3060', 'DL3040'] },
    docs: {
      what: 'Flags a RUN in the final stage (or a stage it is built on) that installs packages and leaves the package manager\'s cache behind: apt-get install without removing /var/lib/apt/lists, apk add without --no-cache, pip install without --no-cache-dir, npm or yarn installs without cleaning their cache, dnf/yum without clean all. Builder stages and RUNs with a cache mount are not flagged.',
      why: 'The cache is written into the layer of that RUN, so removing it in a later RUN does not shrink the image; it only makes every pull slower. In a builder stage it does not matter: only the artifacts are copied out.',
      example: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\nCOPY app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
      better: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
    },
  },
  check({ model, report }) {
    const chain = finalImageStages(model);
    const disabled = new Set<string>();
    for (const stage of chain) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
          for (const pair of parseKeyValues(instruction.argsText, model.escapeChar).pairs) {
            const value = (pair.value ?? '').toLowerCase();
            if (value !== '' && value !== '0' && value !== 'false' && value !== 'off') disabled.add(pair.key);
          }
        }
        if (instruction.keyword !== 'RUN') continue;
        const command = instruction.argsText;
        const commands = simpleCommands(command, model.escapeChar);
        const mounts = cacheMountTargets(instruction);
        for (const fact of PACKAGE_CACHES) {
          if (!commands.some((words) => fact.install(words))) continue;
          if (fact.cleaned.some((c) => c.test(command))) continue;
          if (mounts.some((t) => fact.cacheDirs.test(t))) continue;
          if (fact.disablingEnv && [...disabled].some((name) => fact.disablingEnv!.test(name))) continue;
          report({
            range: instruction.keywordRange,
            message: `${fact.manager} leaves ${fact.leftBehind} in the final image: ${fact.remedy}, or use a cache mount.`,
            data: { manager: fact.manager },
          });
        }
      }
    }
  },
};
