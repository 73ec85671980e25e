import { instructionRule, type Rule } from './types';

export const exposeProtoCasing: Rule = instructionRule({
  meta: {
    id: 'expose-proto-casing',
    severity: 'warning',
    title: 'EXPOSE protocol not in lower case',
    fixTitle: 'Lower-case the protocol',
    peers: { buildkit: 'ExposeProtoCasing' },
    docs: {
      what: 'Flags an `EXPOSE` port whose protocol is not lower-case, such as `8080/TCP`.',
      why: 'Protocols are `tcp` and `udp`; other spellings are accepted only by accident and read inconsistently in image metadata.',
      example: 'FROM nginx:1.27-alpine\nEXPOSE 8080/TCP\nUSER nginx\n',
      better: 'FROM nginx:1.27-alpine\nEXPOSE 8080/tcp\nUSER nginx\n',
    },
  },
  keywords: ['EXPOSE'],
  checkInstruction(instruction, { report }) {
    for (const arg of instruction.args) {
      const slash = arg.value.lastIndexOf('/');
      if (slash < 0) continue;
      const proto = arg.value.slice(slash + 1);
      if (proto === proto.toLowerCase() || proto.includes('$')) continue;
      report({
        range: arg.range,
        message: `Defined protocol '${proto}' in EXPOSE instruction should be lower case.`,
        data: { replacement: arg.value.slice(0, slash + 1) + proto.toLowerCase() },
      });
    }
  },
});
