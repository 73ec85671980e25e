import { INSTRUCTIONS } from '../knowledge/dockerfile-syntax';
import { closestMatch } from './helpers/closest-match';
import { instructionRule, type Rule } from './types';

const KNOWN = new Set(INSTRUCTIONS);

export const unknownInstruction: Rule = instructionRule({
  meta: {
    id: 'unknown-instruction',
    severity: 'error',
    title: 'Unknown instruction',
    fixTitle: 'Change to the suggested instruction',
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags a line that starts with a word that is not a Dockerfile instruction, with the closest instruction when it looks like a typo.',
      why: 'BuildKit stops with "unknown instruction" before building anything.',
      example:
        'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPPY entrypoint.sh /usr/local/bin/\nUSER nobody\nENTRYPOINT ["entrypoint.sh"]\n',
      better:
        'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY entrypoint.sh /usr/local/bin/\nUSER nobody\nENTRYPOINT ["entrypoint.sh"]\n',
    },
  },
  checkInstruction(instruction, { report }) {
    if (KNOWN.has(instruction.keyword)) return;
    const suggestion = closestMatch(instruction.keyword, INSTRUCTIONS);
    const replacement = suggestion
      ? instruction.keywordText === instruction.keywordText.toLowerCase()
        ? suggestion.toLowerCase()
        : suggestion
      : null;
    report({
      range: instruction.keywordRange,
      message: `Unknown instruction '${instruction.keywordText}'${replacement ? ` (did you mean '${replacement}'?)` : ''}.`,
      ...(replacement ? { data: { replacement } } : {}),
    });
  },
});
