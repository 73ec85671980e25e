import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const stageNameCasing: Rule = instructionRule({
  meta: {
    id: 'stage-name-casing',
    severity: 'warning',
    title: 'A stage name has upper-case letters',
    fixTitle: 'Lower-case the stage name and its references',
    peers: { buildkit: 'StageNameCasing' },
    docs: {
      what: 'Flags stage names that are not all lower-case.',
      why: 'BuildKit compares stage names without regard to case, so `Builder` and `builder` are the same stage; writing them in lower case keeps references and image names consistent.',
      example:
        'FROM golang:1.22 AS Builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=Builder /app /app\nUSER nobody\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\n',
    },
  },
  keywords: ['FROM'],
  checkInstruction(instruction, { report }) {
    const stage = fromDeclaration(instruction);
    if (!stage.name || !stage.nameRange || stage.name === stage.nameLower) return;
    report({
      range: stage.nameRange,
      message: `Stage name '${stage.name}' should be lower-case ('${stage.nameLower}').`,
      data: { name: stage.nameLower },
    });
  },
});
