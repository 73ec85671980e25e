import { INSTRUCTION_FLAGS } from '../knowledge/dockerfile-syntax';
import { closestMatch } from './helpers/closest-match';
import { instructionRule, type Rule } from './types';

export const unknownFlag: Rule = instructionRule({
  meta: {
    id: 'unknown-flag',
    severity: 'error',
    title: 'Unknown flag for the instruction',
    fixTitle: 'Change to the suggested flag',
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags an option such as `--chwon` that the instruction does not accept (COPY: --from, --chown, --chmod, --link, --parents, --exclude; ADD: --chown, --chmod, --link, --checksum, --keep-git-dir, --exclude, --unpack; RUN: --mount, --network, --security, --device; FROM: --platform; HEALTHCHECK: --interval, --timeout, --start-period, --start-interval, --retries).',
      why: 'BuildKit stops with "unknown flag" before building anything.',
      example: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chwon=node:node . .\nUSER node\nCMD ["node", "server.js"]\n',
      better: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  checkInstruction(instruction, { report }) {
    if (instruction.flags.length === 0) return;
    const known = INSTRUCTION_FLAGS[instruction.keyword];
    if (!known) return;
    const names = Object.keys(known);
    for (const flag of instruction.flags) {
      const name = flag.name.toLowerCase();
      if (name === '' || names.includes(name)) continue;
      const suggestion = closestMatch(name, names);
      report({
        range: flag.nameRange,
        message: `Unknown flag '--${flag.name}' for ${instruction.keyword}${suggestion ? ` (did you mean '--${suggestion}'?)` : ''}.`,
        ...(suggestion ? { data: { replacement: suggestion } } : {}),
      });
    }
  },
});
