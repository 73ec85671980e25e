import type { Rule } from './types';

export const redundantTargetPlatform: Rule = {
  meta: {
    id: 'redundant-target-platform',
    severity: 'warning',
    title: 'FROM --platform=$TARGETPLATFORM is redundant',
    peers: { buildkit: 'RedundantTargetPlatform' },
    docs: {
      what: 'Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).',
      why: 'A stage is built for the target platform by default, so the flag changes nothing and suggests a cross-compilation setup that is not there.',
      example: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = stage.platform;
      if (!flag || !flag.value) continue;
      if (flag.value !== '$TARGETPLATFORM' && flag.value !== '${TARGETPLATFORM}') continue;
      report({
        range: flag.range,
        message: `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior.`,
        tags: ['unnecessary'],
      });
    }
  },
};
