import { instructionRule, type Rule } from './types';

export const fromArgumentCount: Rule = instructionRule({
  meta: {
    id: 'from-argument-count',
    severity: 'error',
    title: 'FROM takes an image and optionally `AS name`',
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags a `FROM` that is not `FROM [--platform=...] image` or `FROM [--platform=...] image AS name`.',
      why: 'BuildKit rejects any other shape ("FROM requires either one or three arguments"); a missing `AS` or a space in a stage name is the usual cause.',
      example: 'FROM python:3.12-slim runtime\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
      better: 'FROM python:3.12-slim AS runtime\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
    },
  },
  keywords: ['FROM'],
  checkInstruction(from, { report }) {
    const args = from.args;
    if (args.length === 1 || (args.length === 3 && args[1]!.value.toUpperCase() === 'AS')) return;
    const range = from.argsRange ?? from.keywordRange;
    const message =
      args.length === 0
        ? 'FROM needs an image (or a stage name) to build on.'
        : args.length === 3
          ? `FROM expects 'AS' before the stage name, not '${args[1]!.value}'.`
          : `FROM requires either one or three arguments ('image' or 'image AS name'), found ${args.length}${args.length === 2 ? " (is 'AS' missing before the stage name?)" : ''}.`;
    report({ range, message });
  },
});
