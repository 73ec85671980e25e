import { PREDEFINED_ARGS } from '../knowledge/dockerfile-syntax';
import { AUTOMATIC_PLATFORM_ARG_SAMPLES } from '../knowledge/platform-args';
import { isValidImageReference } from './helpers/image-ref';
import { splitWords, unquote } from '../syntax/words';
import { expand, VARIABLE_REFERENCE as VARIABLE } from '../syntax/variables';
import { fileRule, type Rule } from './types';

/** Expands as BuildKit does with no --build-arg: a declared ARG without a default is empty. */
function expandDefaults(value: string, defaults: ReadonlyMap<string, string>): string {
  return expand(value, defaults, 'empty') ?? '';
}

export const invalidDefaultArgInFrom: Rule = fileRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    severity: 'warning',
    title: 'The default values of global ARGs give an invalid base image',
    peers: { buildkit: 'InvalidDefaultArgInFrom' },
    docs: {
      what: "Flags a `FROM` whose image, expanded with the default values of the global ARGs (as a build without `--build-arg` does), is empty or not a valid image reference. BuildKit's automatic platform ARGs (`TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`, `TARGETVARIANT` and their `BUILD*` counterparts) have a value in every build, so `ARG FLAVOR=${TARGETARCH}` names something; a name is reported only when it is invalid on every platform. An ARG that every build of the file in the workspace passes (compose `build.args`, bake `args`, a workflow's `build-args`, `--build-arg` in a script or Makefile; the editor and the command line read them with the build targets) never falls back to its default and is not held to it.",
      why: 'A Dockerfile should build without extra arguments. `ARG TAG` without a default makes `FROM node:${TAG}` read `node:`, which fails.',
      example: 'ARG NODE_TAG\nFROM node:${NODE_TAG}\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      better:
        'ARG NODE_TAG=20-slim\nFROM node:${NODE_TAG}\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  check({ model, settings, report }) {
    // Build arguments every build of the file passes (the workspace's compose, bake, workflow and
    // script builds): their defaults are never used. A word valid in an image's name and tag stands in.
    const passed = settings.passedArgs ?? [];
    // The defaults of the global ARGs, once per sample of the automatic platform ARGs' values.
    const samples = AUTOMATIC_PLATFORM_ARG_SAMPLES.map((platform) => {
      const defaults = new Map<string, string>(platform);
      for (const arg of model.globalArgs) {
        for (const token of arg.args) {
          const eq = token.value.indexOf('=');
          if (eq < 0) {
            if (!defaults.has(token.value)) defaults.set(token.value, '');
          } else {
            defaults.set(token.value.slice(0, eq), expandDefaults(unquote(token.value.slice(eq + 1)), defaults));
          }
        }
      }
      for (const name of passed) if (defaults.has(name)) defaults.set(name, 'passed');
      return defaults;
    });
    const declared = samples[0]!;
    let stageNames: Set<string> | null = null;
    for (const stage of model.stages) {
      const token = stage.baseToken;
      if (!token?.value.includes('$')) continue;
      // Undeclared variables are UndefinedArgInFrom's to report; the other predefined ones (the
      // proxy ARGs) have no value without --build-arg.
      const names = [...token.value.matchAll(VARIABLE)].map((m) => (m[1] ?? m[4])!);
      if (names.some((n) => !declared.has(n) && !PREDEFINED_ARGS.has(n))) continue;
      if (names.some((n) => PREDEFINED_ARGS.has(n) && !declared.has(n))) continue;
      stageNames ??= new Set(model.stages.map((s) => s.nameLower).filter((n): n is string => n !== null));
      const known = stageNames;
      // Invalid only when invalid whatever the platform of the build.
      const invalid = samples.map((defaults) => {
        // The shell-like lexer of BuildKit removes quotes after expansion: alpine:"${TAG}" is fine.
        const expanded = splitWords(expandDefaults(token.value, defaults))
          .map((w) => w.value)
          .join(' ');
        // `${VAR/pattern/replacement}`, `${VAR#prefix}`...: forms we do not evaluate; leave them alone.
        if (expanded.includes('${')) return null;
        const lower = expanded.toLowerCase();
        if (lower === 'scratch' || isValidImageReference(expanded) || known.has(lower)) return null;
        return expanded;
      });
      if (invalid.some((e) => e === null)) continue;
      const expanded = invalid[0]!;
      report({
        range: token.range,
        message: `Default value for ARG ${token.value} results in ${expanded === '' ? 'an empty' : `an invalid ('${expanded}')`} base image name.`,
      });
    }
  },
});
