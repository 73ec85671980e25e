import { INSTRUCTIONS } from '../knowledge/dockerfile-syntax';
import { fileRule, type Rule } from './types';

const KNOWN = new Set(INSTRUCTIONS);

export const missingFrom: Rule = fileRule({
  meta: {
    id: 'missing-from',
    severity: 'error',
    title: 'Instruction before the first FROM',
    reportedByDockerExtension: true,
    docs: {
      what: "Flags the first instruction other than `ARG` that comes before the first `FROM`, and a file with instructions but no `FROM` at all. Under another frontend than BuildKit's own (`# syntax=devthefuture/dockerfile-x`), that frontend's own instructions (`INCLUDE_ARGS`) may come first.",
      why: 'Every build stage starts with FROM; only global ARGs may precede it. BuildKit fails with "no build stage in current context".',
      example: 'WORKDIR /app\nFROM python:3.12-slim\nCOPY app.py /app/\nUSER nobody\nCMD ["python", "app.py"]\n',
      better: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
    },
  },
  check({ model, report }) {
    // Another frontend's own instructions (dockerfile-x's `INCLUDE_ARGS`) may come before FROM.
    const other = model.frontend !== null;
    // The instructions before the first FROM come first in the list.
    let first: (typeof model.instructions)[number] | undefined;
    for (const i of model.instructions) {
      if (i.stage >= 0) break;
      if (other && !KNOWN.has(i.keyword)) continue;
      if (i.keyword !== 'ARG') {
        first = i;
        break;
      }
    }
    if (first) {
      report({
        range: first.keywordRange,
        message:
          model.stages.length === 0
            ? `'${first.keywordText}' needs a build stage: the file has no FROM instruction.`
            : `'${first.keywordText}' comes before the first FROM: only ARG may precede it.`,
      });
      return;
    }
    if (model.stages.length === 0 && model.instructions.length > 0) {
      report({
        range: model.instructions[0]!.keywordRange,
        message: 'The file has no FROM instruction: a Dockerfile needs at least one build stage.',
      });
    }
  },
});
