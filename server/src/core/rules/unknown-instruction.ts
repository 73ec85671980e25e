import { INSTRUCTIONS } from '../knowledge/dockerfile-syntax';
import { closestMatch } from './helpers/closest-match';
import { fileRule, type Rule } from './types';

const KNOWN = new Set(INSTRUCTIONS);

export const unknownInstruction: Rule = fileRule({
  meta: {
    id: 'unknown-instruction',
    severity: 'error',
    title: 'Unknown instruction',
    fixTitle: 'Change to the suggested instruction',
    reportedByDockerExtension: true,
    docs: {
      what: "Flags a line that starts with a word that is not a Dockerfile instruction, with the closest instruction when it looks like a typo. Not in a file whose `# syntax=` directive names another frontend than BuildKit's own (`docker/dockerfile`): such a frontend (dockerfile-x, say) adds instructions of its own, such as `INCLUDE_ARGS`.",
      why: 'BuildKit stops with "unknown instruction" before building anything.',
      example:
        'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPPY entrypoint.sh /usr/local/bin/\nUSER nobody\nENTRYPOINT ["entrypoint.sh"]\n',
      better:
        'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY entrypoint.sh /usr/local/bin/\nUSER nobody\nENTRYPOINT ["entrypoint.sh"]\n',
    },
  },
  check({ model, report }) {
    // Another frontend (`# syntax=devthefuture/dockerfile-x`) defines instructions of its own.
    if (model.frontend) return;
    for (const instruction of model.instructions) {
      if (KNOWN.has(instruction.keyword)) continue;
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
    }
  },
});
