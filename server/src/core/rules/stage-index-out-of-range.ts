import { fileRule, type Rule } from './types';

export const stageIndexOutOfRange: Rule = fileRule({
  meta: {
    id: 'stage-index-out-of-range',
    severity: 'error',
    title: 'A numeric `--from` index names no stage',
    peers: { hadolint: ['DL3022'] },
    docs: {
      what: 'Flags `--from=<n>` (and `from=<n>` in a mount) where the file has no stage number n. Stages count from 0.',
      why: 'The build fails: BuildKit reads a number as a stage index and there is no such stage.',
      example:
        'FROM golang:1.22\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=2 /app /app\nUSER nobody\nCMD ["/app"]\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\nCMD ["/app"]\n',
    },
  },
  check({ model, report }) {
    const count = model.stages.length;
    for (const ref of model.references) {
      if (ref.target.kind !== 'invalid-index') continue;
      report({
        range: ref.range,
        message: `There is no stage ${ref.value}: this Dockerfile has ${count} stage${count === 1 ? '' : 's'} (numbered from 0).`,
      });
    }
  },
});
