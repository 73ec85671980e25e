import { fileRule, type Rule } from './types';

export const stageReferenceVariable: Rule = fileRule({
  meta: {
    id: 'stage-reference-variable',
    severity: 'information',
    title: 'A `--from` value is a variable, resolved only at build time',
    docs: {
      what: 'Notes `--from` and `from=` values that contain a variable (`--from=$BUILDER`).',
      why: 'Which stage or image is read depends on build arguments, so neither a reader nor a checker can tell what the final image contains; a typo in the argument is found only by a failing build.',
      example:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nARG SOURCE=builder\nCOPY --from=$SOURCE /app /app\nUSER nobody\nCMD ["/app"]\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\nCMD ["/app"]\n',
    },
  },
  check({ model, report }) {
    for (const ref of model.references) {
      if (ref.target.kind !== 'variable') continue;
      report({
        range: ref.range,
        message: `'${ref.value}' is resolved only at build time; the stage or image it names cannot be checked here.`,
      });
    }
  },
});
