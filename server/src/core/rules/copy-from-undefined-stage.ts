import { likelyStageTypo, looksLikeImage } from '../model/stage-typo';
import { fileRule, type Rule } from './types';

export const copyFromUndefinedStage: Rule = fileRule({
  meta: {
    id: 'copy-from-undefined-stage',
    severity: 'warning',
    title: 'A `--from` value names no stage of this Dockerfile',
    fixTitle: 'Change to the stage name',
    peers: { hadolint: ['DL3022'] },
    docs: {
      what: 'Flags `COPY --from=<name>` and `RUN --mount=from=<name>` values that match no stage. When the value resembles a stage name, the finding suggests it.',
      why: 'BuildKit does not fail on an unknown name: it reads it as an image (or a named build context) and tries to pull it, so a typo shows up as a confusing registry error, or silently copies from an unrelated image.',
      example:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nUSER nobody\nCMD ["/app"]\n',
      better:
        'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app /app\nUSER nobody\nCMD ["/app"]\n',
    },
  },
  check({ model, report }) {
    for (const ref of model.references) {
      if (ref.kind === 'from' || ref.target.kind !== 'image') continue;
      if (looksLikeImage(ref.value)) continue;
      const suggestion = likelyStageTypo(model, ref.value);
      if (suggestion) {
        report({
          range: ref.range,
          message: `'${ref.value}' is not a stage of this Dockerfile; did you mean '${suggestion}'? BuildKit would try to pull an image named '${ref.value}'.`,
          data: { suggestion },
        });
      } else {
        report({
          range: ref.range,
          severity: 'information',
          message: `'${ref.value}' is not a stage of this Dockerfile: BuildKit reads it as an image or a named build context.`,
        });
      }
    }
  },
});
