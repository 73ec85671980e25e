import { INSTRUCTIONS } from '../knowledge/dockerfile-syntax';
import type { Rule } from './types';

export const consistentInstructionCasing: Rule = {
  meta: {
    id: 'consistent-instruction-casing',
    severity: 'warning',
    title: 'Instruction keywords are not all written in the same case',
    fixTitle: 'Match the casing of the other instructions',
    peers: { buildkit: 'ConsistentInstructionCasing' },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags an instruction keyword whose case differs from the majority of the file (upper or lower), and keywords in mixed case such as `Run`.',
      why: 'Consistent keywords make a Dockerfile easy to scan and grep; mixed casing usually comes from pasted snippets.',
      example: 'FROM alpine:3.20\nrun apk add --no-cache curl\nUSER nobody\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  check({ model, report }) {
    const known = model.instructions.filter((i) => INSTRUCTIONS.includes(i.keyword));
    let upper = 0;
    let lower = 0;
    for (const i of known) {
      if (i.keywordText === i.keywordText.toUpperCase()) upper++;
      else if (i.keywordText === i.keywordText.toLowerCase()) lower++;
    }
    const majorityUpper = upper >= lower;
    for (const i of known) {
      const expected = majorityUpper ? i.keywordText.toUpperCase() : i.keywordText.toLowerCase();
      if (i.keywordText === expected) continue;
      report({
        range: i.keywordRange,
        message: `Command '${i.keywordText}' should match the case of the command majority (${majorityUpper ? 'uppercase' : 'lowercase'}).`,
        data: { replacement: expected },
      });
    }
  },
};
