import { fileRule, stageLabel, type Rule } from './types';

export const forwardStageReference: Rule = fileRule({
  meta: {
    id: 'forward-stage-reference',
    severity: 'warning',
    title: 'A stage reads from a stage defined after it',
    docs: {
      what: 'Flags a `--from` or `from=` naming a stage that is defined later in the file.',
      why: 'BuildKit resolves it, but the legacy builder fails on it, and a reader following the file top to bottom meets the use before the definition. Moving the stage up makes the build order obvious.',
      example:
        'FROM debian:bookworm-slim AS runtime\nCOPY --from=builder /app /app\nUSER nobody\n\nFROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM runtime\nCMD ["/app"]\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\nCMD ["/app"]\n',
    },
  },
  check({ model, report }) {
    for (const ref of model.references) {
      if (ref.target.kind !== 'stage' || ref.target.stage <= ref.fromStage) continue;
      const target = model.stages[ref.target.stage]!;
      report({
        range: ref.range,
        message: `Stage '${stageLabel(target)}' is defined later (line ${target.from.range.start.line + 1}); define it before the stages that read from it.`,
      });
    }
  },
});
