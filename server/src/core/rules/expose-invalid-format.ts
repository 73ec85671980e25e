import { instructionRule, type Rule } from './types';

export const exposeInvalidFormat: Rule = instructionRule({
  meta: {
    id: 'expose-invalid-format',
    severity: 'warning',
    title: 'EXPOSE with an IP address or a host port',
    peers: { buildkit: 'ExposeInvalidFormat' },
    docs: {
      what: 'Flags `EXPOSE` values that carry an IP address or a host-port mapping, such as `127.0.0.1:80:80` or `8080:80`.',
      why: 'EXPOSE only documents container ports. Publishing to a host address or port is decided by `docker run -p`; the extra parts are ignored and mislead readers.',
      example: 'FROM nginx:1.27-alpine\nEXPOSE 8080:80\nUSER nginx\n',
      better: 'FROM nginx:1.27-alpine\nEXPOSE 80\nUSER nginx\n',
    },
  },
  keywords: ['EXPOSE'],
  checkInstruction(instruction, { report }) {
    for (const arg of instruction.args) {
      if (!arg.value.includes(':') || arg.value.includes('$')) continue;
      report({
        range: arg.range,
        message: `EXPOSE '${arg.value}' should not define an IP address or host-port mapping; publish ports with 'docker run -p' instead.`,
      });
    }
  },
});
