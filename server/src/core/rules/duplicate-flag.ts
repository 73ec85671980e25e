import { INSTRUCTION_FLAGS } from '../knowledge/dockerfile-syntax';
import { instructionRule, type Rule } from './types';

export const duplicateFlag: Rule = instructionRule({
  meta: {
    id: 'duplicate-flag',
    severity: 'error',
    title: 'A flag is given twice',
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags the second use of an instruction flag that may be given only once, such as two `--chown` on one COPY (`--mount`, `--exclude` and `--device` may repeat).',
      why: 'BuildKit rejects the instruction ("duplicate flag specified"); one of the two values was meant to win and it is not clear which.',
      example:
        'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node --chown=root:root . .\nUSER node\nCMD ["node", "server.js"]\n',
      better: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  checkInstruction(instruction, { report }) {
    if (instruction.flags.length < 2) return;
    const known = INSTRUCTION_FLAGS[instruction.keyword];
    if (!known) return;
    const seen = new Set<string>();
    for (const flag of instruction.flags) {
      const name = flag.name.toLowerCase();
      const spec = known[name];
      if (!spec || spec.repeatable) continue;
      if (seen.has(name)) {
        report({
          range: flag.range,
          message: `Duplicate flag '--${flag.name}' on ${instruction.keyword}: give it once.`,
        });
      }
      seen.add(name);
    }
  },
});
