import { INSTRUCTIONS } from '../knowledge/dockerfile-syntax';
import type { Instruction } from '../model';
import { summaryRule, type Rule } from './types';

const KNOWN: ReadonlySet<string> = new Set(INSTRUCTIONS);

/** Known keywords of a run of instructions by case, and those not in upper case. */
interface Tally {
  upper: number;
  lower: number;
  known: number;
  notUpper: Instruction[];
}

export const consistentInstructionCasing: Rule = summaryRule({
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
  summarize(instructions): Tally {
    // The parser's keyword is the keyword text upper-cased, so a known keyword written as its
    // keyword is upper case: most are, and need no case conversion.
    const tally: Tally = { upper: 0, lower: 0, known: 0, notUpper: [] };
    for (const i of instructions) {
      if (!KNOWN.has(i.keyword)) continue;
      tally.known++;
      const text = i.keywordText;
      if (text === i.keyword || text === text.toUpperCase()) {
        tally.upper++;
        continue;
      }
      if (text === text.toLowerCase()) tally.lower++;
      tally.notUpper.push(i);
    }
    return tally;
  },
  checkSummaries(tallies, { model, report }) {
    let upper = 0;
    let lower = 0;
    let known = 0;
    for (const t of tallies) {
      upper += t.upper;
      lower += t.lower;
      known += t.known;
    }
    const majorityUpper = upper >= lower;
    if ((majorityUpper ? upper : lower) === known) return;
    // Upper-case majority: the offenders are the keywords not written in upper case.
    const candidates = majorityUpper
      ? tallies.flatMap((t) => t.notUpper)
      : model.instructions.filter((i) => KNOWN.has(i.keyword));
    for (const i of candidates) {
      const text = i.keywordText;
      const expected = majorityUpper ? text.toUpperCase() : text.toLowerCase();
      if (text === expected) continue;
      report({
        range: i.keywordRange,
        message: `Command '${text}' should match the case of the command majority (${majorityUpper ? 'uppercase' : 'lowercase'}).`,
        data: { replacement: expected },
      });
    }
  },
});
