import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const redundantTargetPlatform: Rule = instructionRule({
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
  keywords: ['FROM'],
  checkInstruction(instruction, { report }) {
    const flag = fromDeclaration(instruction).platform;
    if (!flag?.value) return;
    if (flag.value !== '$TARGETPLATFORM' && flag.value !== '${TARGETPLATFORM}') return;
    report({
      range: flag.range,
      message: `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior.`,
      tags: ['unnecessary'],
    });
  },
});
