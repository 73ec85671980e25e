import { normalizePlatform, onlyPlatformOf } from '../facts/platform';
import { fromDeclaration } from '../model/queries';
import { instructionRule, type Rule } from './types';

export const fromPlatformFlagConstDisallowed: Rule = instructionRule({
  meta: {
    id: 'from-platform-flag-const-disallowed',
    severity: 'warning',
    title: 'FROM --platform with a constant value',
    peers: { buildkit: 'FromPlatformFlagConstDisallowed', hadolint: ['DL3029'] },
    docs: {
      what: "Flags `FROM --platform=linux/amd64` and other constant platforms, unless the stage name mentions the platform's OS or architecture (a per-platform stage picked with `FROM build_${TARGETARCH}`), or the base image is published for that one platform only (Docker Hub's per-architecture namespaces such as `arm64v8/alpine`, NVIDIA's Jetson `l4t-*` images).",
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
    // An image published for this one platform only (arm64v8/alpine, NVIDIA's Jetson images): the
    // constant is the only value the stage can ever build with.
    const image = instruction.args[0]?.value;
    const only = image ? onlyPlatformOf(image) : null;
    if (only && normalizePlatform(only) === normalizePlatform(flag.value)) return;
    report({ range: flag.range, message: `FROM --platform flag should not use constant value "${flag.value}".` });
  },
});
