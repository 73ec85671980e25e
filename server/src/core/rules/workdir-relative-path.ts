import { stageChain } from './helpers/stages';
import { splitWords } from './helpers/words';
import type { Rule } from './types';

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export const workdirRelativePath: Rule = {
  meta: {
    id: 'workdir-relative-path',
    severity: 'warning',
    title: 'Relative WORKDIR without an absolute WORKDIR before it',
    peers: { buildkit: 'WorkdirRelativePath' },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags a relative `WORKDIR` in a stage where no earlier `WORKDIR` (in the stage or in the stages it is built on) set the directory it is relative to.',
      why: "A relative WORKDIR resolves against the base image's working directory, which the Dockerfile does not state and which can change when the base image changes.",
      example: 'FROM node:20-slim\nWORKDIR app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      better: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const chain = stageChain(model, stage);
      let workdirSet = chain.slice(0, -1).some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR'));
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'WORKDIR') continue;
        const path = splitWords(instruction.argsText, model.escapeChar)[0]?.value ?? '';
        if (!workdirSet && path !== '' && !path.startsWith('$') && !isAbsolute(path) && instruction.argsRange) {
          report({
            range: instruction.argsRange,
            message: `Relative workdir '${path}' can have unexpected results if the base image changes: use an absolute path.`,
          });
        }
        workdirSet = true;
      }
    }
  },
};
