import { INSTRUCTIONS } from '../knowledge/dockerfile-syntax';
import type { Rule } from './types';

const KNOWN: ReadonlySet<string> = new Set(INSTRUCTIONS);

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
    // The parser's keyword is the keyword text upper-cased, so a known keyword written as its
    // keyword is upper case: most are, and need no case conversion.
    let upper = 0;
    let lower = 0;
    let known = 0;
    for (const i of model.instructions) {
      if (!KNOWN.has(i.keyword)) continue;
      known++;
      const text = i.keywordText;
      if (text === i.keyword || text === text.toUpperCase()) upper++;
      else if (text === text.toLowerCase()) lower++;
    }
    const majorityUpper = upper >= lower;
    if ((majorityUpper ? upper : lower) === known) return;
    for (const i of model.instructions) {
      if (!KNOWN.has(i.keyword)) continue;
      const text = i.keywordText;
      if (majorityUpper && text === i.keyword) continue;
      const expected = majorityUpper ? text.toUpperCase() : text.toLowerCase();
      if (text === expected) continue;
      report({
        range: i.keywordRange,
        message: `Command '${text}' should match the case of the command majority (${majorityUpper ? 'uppercase' : 'lowercase'}).`,
        data: { replacement: expected },
      });
    }
  },
};
