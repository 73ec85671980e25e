import { VALID_STAGE_NAME } from '../knowledge/dockerfile-syntax';
import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const invalidStageName: Rule = instructionRule({
  meta: {
    id: 'invalid-stage-name',
    severity: 'error',
    title: 'A stage name has characters BuildKit does not accept',
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags stage names that do not start with a letter or contain characters other than letters, digits, `-`, `_` and `.`.',
      why: 'BuildKit stops with "invalid name for build stage" before building anything.',
      example: 'FROM alpine:3.20 AS tools/base\nRUN echo ready\nUSER nobody\n',
      better: 'FROM alpine:3.20 AS tools-base\nRUN echo ready\nUSER nobody\n',
    },
  },
  keywords: ['FROM'],
  checkInstruction(instruction, { report }) {
    const stage = fromDeclaration(instruction);
    if (!stage.nameLower || !stage.nameRange || stage.nameLower.includes('$')) return;
    if (VALID_STAGE_NAME.test(stage.nameLower)) return;
    report({
      range: stage.nameRange,
      message: `'${stage.name}' is not a valid stage name: start with a letter and use only letters, digits, '-', '_' and '.'.`,
    });
  },
});
