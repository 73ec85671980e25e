import { PACKAGE_CACHES, type PackageCacheFact } from '../knowledge/package-caches';
import type { Instruction } from '../model';
import { commandWords } from '../syntax/shell';
import { finalImageStages } from '../model/queries';
import { parseKeyValues } from '../syntax/words';
import { fileRule, type Rule } from './types';

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

/** The caches a RUN leaves, before ENV that disables them is taken into account. */
function cachesLeftBy(instruction: Instruction, escapeChar: string): readonly PackageCacheFact[] {
  const command = instruction.argsText;
  const commands = commandWords(command, escapeChar);
  const mounts = cacheMountTargets(instruction);
  return PACKAGE_CACHES.filter(
    (fact) =>
      commands.some((words) => fact.install(words)) &&
      !fact.cleaned.some((c) => c.test(command)) &&
      !mounts.some((t) => fact.cacheDirs.test(t)),
  );
}

/** What one instruction says about package caches: those a RUN leaves, the names an ENV or ARG turns on. */
interface CacheReading {
  leaves: readonly PackageCacheFact[];
  enables: readonly string[];
}

const NONE: readonly never[] = [];
const NOTHING: CacheReading = { leaves: NONE, enables: NONE };

/** Names an ENV or ARG sets to a true-ish value (one that can disable a cache). */
function enablingNames(instruction: Instruction, escapeChar: string): readonly string[] {
  const names: string[] = [];
  for (const pair of parseKeyValues(instruction.argsText, escapeChar).pairs) {
    const value = (pair.value ?? '').toLowerCase();
    if (value !== '' && value !== '0' && value !== 'false' && value !== 'off') names.push(pair.key);
  }
  return names;
}

export const packageCacheInFinalImage: Rule = fileRule({
  meta: {
    id: 'package-cache-in-final-image',
    severity: 'warning',
    title: 'A package manager cache is left in the final image',
    peers: { hadolint: ['DL3009', 'DL3019', 'DL3042', 'DL3060', 'DL3040'] },
    docs: {
      what: "Flags a RUN in the final stage (or a stage it is built on) that installs packages and leaves the package manager's cache behind: apt-get install without removing /var/lib/apt/lists, apk add without --no-cache, pip install without --no-cache-dir, npm or yarn installs without cleaning their cache, dnf/yum without clean all. Builder stages and RUNs with a cache mount are not flagged.",
      why: 'The cache is written into the layer of that RUN, so removing it in a later RUN does not shrink the image; it only makes every pull slower. In a builder stage it does not matter: only the artifacts are copied out.',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\nCOPY app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
    },
  },
  // What each RUN, ENV and ARG says; the runner remembers it per instruction.
  readInstruction(instruction, escapeChar): CacheReading {
    if (instruction.keyword === 'RUN') return { leaves: cachesLeftBy(instruction, escapeChar), enables: NONE };
    if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG')
      return { leaves: NONE, enables: enablingNames(instruction, escapeChar) };
    return NOTHING;
  },
  check({ model, report, read }) {
    const chain = finalImageStages(model);
    const disabled = new Set<string>();
    for (const stage of chain) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
        const { leaves, enables } = read(instruction);
        for (const name of enables) disabled.add(name);
        for (const fact of leaves) {
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
});
