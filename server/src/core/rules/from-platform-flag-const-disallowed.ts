import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const fromPlatformFlagConstDisallowed: Rule = instructionRule({
  meta: {
    id: 'from-platform-flag-const-disallowed',
    severity: 'warning',
    title: 'FROM --platform with a constant value',
    peers: { buildkit: 'FromPlatformFlagConstDisallowed', hadolint: ['DL3029'] },
    docs: {
      what: "Flags `FROM --platform=linux/amd64` and other constant platforms, unless the stage name mentions the platform's OS or architecture (a per-platform stage picked with `FROM build_${TARGETARCH}`).",
      why: 'A constant platform pins the stage to one platform: the Dockerfile can no longer build a multi-platform image, and builds on other machines run under emulation.',
      example: 'FROM --platform=linux/amd64 alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  keywords: ['FROM'],
  checkInstruction(instruction, { report }) {
    const stage = fromDeclaration(instruction);
    const flag = stage.platform;
    if (!flag?.value || flag.value.includes('$')) return;
    const [os = '', arch = ''] = flag.value.toLowerCase().split('/');
    const name = stage.nameLower ?? '';
    if (name !== '' && ((os !== '' && name.includes(os)) || (arch !== '' && name.includes(arch)))) return;
    report({ range: flag.range, message: `FROM --platform flag should not use constant value "${flag.value}".` });
  },
});
