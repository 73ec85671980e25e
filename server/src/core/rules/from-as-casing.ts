import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const fromAsCasing: Rule = instructionRule({
  meta: {
    id: 'from-as-casing',
    severity: 'warning',
    title: "The 'AS' keyword's casing does not match the 'FROM' keyword's",
    fixTitle: "Match the casing of 'FROM'",
    peers: { buildkit: 'FromAsCasing' },
    docs: {
      what: 'Flags a `FROM ... as name` whose `as` is not written in the same case as its `FROM` keyword (upper with upper, lower with lower).',
      why: 'Mixed casing in one instruction reads as a mistake and makes stage declarations harder to search for; BuildKit warns about it.',
      example:
        'FROM golang:1.22 as build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      better:
        'FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  keywords: ['FROM'],
  checkInstruction(instruction, { report }) {
    const stage = fromDeclaration(instruction);
    if (!stage.asRange) return;
    const from = instruction.keywordText;
    const as = instruction.args[1]!.value;
    const expected = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : null;
    if (expected === null || as === expected) return;
    report({
      range: stage.asRange,
      message: `'${as}' and '${from}' keywords' casing do not match: write '${expected}'.`,
      data: { replacement: expected },
    });
  },
});
