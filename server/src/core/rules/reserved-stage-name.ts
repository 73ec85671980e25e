import { RESERVED_STAGE_NAMES } from '../knowledge/dockerfile-syntax';
import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const reservedStageName: Rule = instructionRule({
  meta: {
    id: 'reserved-stage-name',
    severity: 'warning',
    title: 'A stage is named with a reserved word',
    peers: { buildkit: 'ReservedStageName' },
    docs: {
      what: 'Flags stages named `scratch` or `context`.',
      why: '`scratch` is the empty base image and `context` names the build context in `COPY --from`; a stage with either name makes later references mean something other than they seem.',
      example:
        'FROM golang:1.22 AS context\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=context /app /app\nUSER nobody\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\n',
    },
  },
  keywords: ['FROM'],
  checkInstruction(instruction, { report }) {
    const stage = fromDeclaration(instruction);
    if (!stage.nameLower || !stage.nameRange || !RESERVED_STAGE_NAMES.has(stage.nameLower)) return;
    report({
      range: stage.nameRange,
      message: `'${stage.name}' is a reserved name and cannot be used as a stage name.`,
    });
  },
});
