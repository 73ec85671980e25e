import { holdsSecret } from '../facts/secret-settings';
import { parseKeyValues } from '../syntax/words';
import { instructionRule, type Rule } from './types';

export const secretsUsedInArgOrEnv: Rule = instructionRule({
  meta: {
    id: 'secrets-used-in-arg-or-env',
    severity: 'warning',
    title: 'ARG or ENV name suggests a secret',
    peers: { buildkit: 'SecretsUsedInArgOrEnv' },
    docs: {
      what: 'Flags `ARG` and `ENV` names that suggest sensitive data: words such as password, secret, token, key, auth or credentials separated by `_` (e.g. `NPM_TOKEN`, `DB_PASSWORD`). Unlike BuildKit, settings that are about a secret without holding one are not flagged: names of secret locations (`DB_PASSWORD_FILE`, `*_PATH`, `*_DIR`), names whose last word says what else the setting is (`OAUTH2_TOKEN_ENDPOINT`, `AUTH_URL`, `PASSWORD_LOGIN_ENABLED`, `TOKEN_TTL`: an address, a switch, a list of fields, a mode or a lifetime), boolean values (`LDAP_AUTH=true`), an ENV set to nothing (`ENV OAUTH2_SECRET=""`, left for the user to set at run time) and GPG key fingerprints. An ARG is flagged whatever its default: the value passed with `--build-arg` is what lands in the image history. A fingerprint is told by its name (`GPG_KEY`, `NODE_GPG_KEYS`) or by its value: a name whose only secret-looking word is KEY (`NODE_RELEASE_KEY`, `PHP_SIGNING_KEY`, `TOMCAT_KEY_ID`, `GPG_KEYS`) set to one or more fingerprints (40 hex digits, also in groups of four) or long key ids (16 hex digits, `0x` allowed).',
      why: 'ARG values end up in the image history and ENV values in the image configuration, readable by anyone who can pull the image. Secret mounts (`RUN --mount=type=secret`) leave nothing behind.',
      example:
        'FROM node:20-slim\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN NPM_TOKEN=$NPM_TOKEN npm ci --omit=dev && npm cache clean --force\nUSER node\nCMD ["node", "server.js"]\n',
      better:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev && npm cache clean --force\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  keywords: ['ARG', 'ENV'],
  checkInstruction(instruction, { escapeChar, report }) {
    const pairs = parseKeyValues(instruction.argsText, escapeChar).pairs.filter((p) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(p.key),
    );
    for (const { key: name, value } of pairs) {
      if (!holdsSecret(instruction.keyword, name, value)) continue;
      const token = instruction.args.find((a) => a.value === name || a.value.startsWith(`${name}=`));
      report({
        range: token?.range ?? instruction.keywordRange,
        message: `Do not use ${instruction.keyword} for sensitive data (${instruction.keyword} "${name}"): use a secret mount instead.`,
      });
    }
  },
});
