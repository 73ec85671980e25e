import { PREDEFINED_ARGS } from '../knowledge/dockerfile-syntax';
import { isValidImageReference } from './helpers/image-ref';
import { splitWords, unquote } from '../syntax/words';
import { expand, VARIABLE_REFERENCE as VARIABLE } from '../syntax/variables';
import { fileRule, type Rule } from './types';

/** Expands as BuildKit does with no --build-arg: a declared ARG without a default is empty. */
function expandDefaults(value: string, defaults: Map<string, string>): string {
  return expand(value, defaults, 'empty') ?? '';
}

export const invalidDefaultArgInFrom: Rule = fileRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    severity: 'warning',
    title: 'The default values of global ARGs give an invalid base image',
    peers: { buildkit: 'InvalidDefaultArgInFrom' },
    docs: {
      what: 'Flags a `FROM` whose image, expanded with the default values of the global ARGs (as a build without `--build-arg` does), is empty or not a valid image reference.',
      why: 'A Dockerfile should build without extra arguments. `ARG TAG` without a default makes `FROM node:${TAG}` read `node:`, which fails.',
      example: 'ARG NODE_TAG\nFROM node:${NODE_TAG}\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      better:
        'ARG NODE_TAG=20-slim\nFROM node:${NODE_TAG}\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  check({ model, report }) {
    const defaults = new Map<string, string>();
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
    let stageNames: Set<string> | null = null;
    for (const stage of model.stages) {
      const token = stage.baseToken;
      if (!token?.value.includes('$')) continue;
      // Undeclared variables are UndefinedArgInFrom's to report; predefined ones have no default here.
      const names = [...token.value.matchAll(VARIABLE)].map((m) => (m[1] ?? m[4])!);
      if (names.some((n) => !defaults.has(n) && !PREDEFINED_ARGS.has(n))) continue;
      if (names.some((n) => PREDEFINED_ARGS.has(n) && !defaults.has(n))) continue;
      // The shell-like lexer of BuildKit removes quotes after expansion: alpine:"${TAG}" is fine.
      const expanded = splitWords(expandDefaults(token.value, defaults))
        .map((w) => w.value)
        .join(' ');
      // `${VAR/pattern/replacement}`, `${VAR#prefix}`...: forms we do not evaluate; leave them alone.
      if (expanded.includes('${')) continue;
      const lower = expanded.toLowerCase();
      if (lower === 'scratch' || isValidImageReference(expanded)) continue;
      stageNames ??= new Set(model.stages.map((s) => s.nameLower).filter((n): n is string => n !== null));
      if (stageNames.has(lower)) continue;
      report({
        range: token.range,
        message: `Default value for ARG ${token.value} results in ${expanded === '' ? 'an empty' : `an invalid ('${expanded}')`} base image name.`,
      });
    }
  },
});
