import { splitWords } from '../syntax/words';
import { stageRule, type Rule } from './types';

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export const workdirRelativePath: Rule = stageRule({
  meta: {
    id: 'workdir-relative-path',
    severity: 'warning',
    title: 'Relative WORKDIR without an absolute WORKDIR before it',
    peers: { buildkit: 'WorkdirRelativePath', hadolint: ['DL3000'] },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags a relative `WORKDIR` in a stage where no earlier `WORKDIR` (in the stage or in the stages it is built on) set the directory it is relative to.',
      why: "A relative WORKDIR resolves against the base image's working directory, which the Dockerfile does not state and which can change when the base image changes.",
      example: 'FROM node:20-slim\nWORKDIR app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      better: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  checkStage(stage, { chain, escapeChar, report }) {
    let workdirSet = false;
    for (let c = 0; c < chain.length - 1 && !workdirSet; c++)
      workdirSet = chain[c]!.instructions.some((i) => i.keyword === 'WORKDIR');
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'WORKDIR') continue;
      const path = splitWords(instruction.argsText, escapeChar)[0]?.value ?? '';
      if (!workdirSet && path !== '' && !path.startsWith('$') && !isAbsolute(path) && instruction.argsRange) {
        report({
          range: instruction.argsRange,
          message: `Relative workdir '${path}' can have unexpected results if the base image changes: use an absolute path.`,
        });
      }
      workdirSet = true;
    }
  },
});
