import { PREDEFINED_ARGS } from '../knowledge/dockerfile-syntax';
import { closestMatch } from './helpers/closest-match';
import { argNames, renamedReference, variableUses } from './helpers/variables';
import { stageRule, type Rule } from './types';

export const undefinedArgInFrom: Rule = stageRule({
  meta: {
    id: 'undefined-arg-in-from',
    severity: 'warning',
    title: 'FROM uses an ARG that is not declared',
    fixTitle: 'Change to the declared ARG it resembles',
    peers: { buildkit: 'UndefinedArgInFrom' },
    docs: {
      what: "Flags a variable in a `FROM` line (image or `--platform`) that no global `ARG` before the first `FROM` declares and that is not one of the build arguments BuildKit predefines. Not under another frontend than BuildKit's own (`# syntax=devthefuture/dockerfile-x`), which may declare ARGs in ways this analysis does not read (`INCLUDE_ARGS .env.versions`).",
      why: 'Only global ARGs are visible to FROM. An undeclared (or misspelled) variable expands to nothing, so the build pulls a different image than intended, or fails.',
      example: 'FROM node:20${VARIANT}\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      better:
        'ARG VARIANT=-slim\nFROM node:20${VARIANT}\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  checkStage(stage, { globalArgs, frontend, source, report }) {
    // Another frontend may declare ARGs in ways not read here (dockerfile-x's `INCLUDE_ARGS .env`).
    if (frontend) return;
    const variables = stage.from.variables;
    if (variables.length === 0) return;
    const declared = new Set(globalArgs.flatMap(argNames));
    let candidates: string[] | null = null;
    for (const use of variableUses(source, stage.from)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(use.name)?.[0] ?? use.name;
      if (declared.has(name) || PREDEFINED_ARGS.has(name) || use.modifier || name !== use.name) continue;
      candidates ??= [...declared, ...PREDEFINED_ARGS];
      const suggestion = closestMatch(use.name, candidates);
      report({
        range: use.range,
        message: `FROM argument '${use.name}' is not declared${suggestion ? ` (did you mean '${suggestion}'?)` : ''}: declare it with ARG before the first FROM.`,
        ...(suggestion ? { data: { suggestion, replacement: renamedReference(source, use, suggestion) } } : {}),
      });
    }
  },
});
