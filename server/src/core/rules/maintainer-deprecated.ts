import { instructionRule, type Rule } from './types';

export const maintainerDeprecated: Rule = instructionRule({
  meta: {
    id: 'maintainer-deprecated',
    severity: 'warning',
    title: 'MAINTAINER is deprecated',
    fixTitle: 'Replace with an authors LABEL',
    peers: { buildkit: 'MaintainerDeprecated', hadolint: ['DL4000'] },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags the `MAINTAINER` instruction.',
      why: 'MAINTAINER has been deprecated since Docker 1.13; the `org.opencontainers.image.authors` label carries the same information where every tool looks for it.',
      example: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nUSER nobody\nCMD ["sh"]\n',
      better:
        'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  keywords: ['MAINTAINER'],
  checkInstruction(instruction, { report }) {
    report({
      range: instruction.keywordRange,
      message:
        'The MAINTAINER instruction is deprecated; use a label (org.opencontainers.image.authors) to name the image author.',
      tags: ['deprecated'],
    });
  },
});
