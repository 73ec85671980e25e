import { NON_SECRET_NAME_WORDS, SECRET_NAME_WORDS } from '../knowledge/dockerfile-syntax';
import { argNames } from './helpers/variables';
import { parseKeyValues } from '../syntax/words';
import { instructionRule, type Rule } from './types';

const SECRET = new RegExp(`(?:_|^)(?:${SECRET_NAME_WORDS.join('|')})(?:_|$)`, 'i');
const ALLOWED = new RegExp(`(?:_|^)(?:${NON_SECRET_NAME_WORDS.join('|')})(?:_|$)`, 'i');
/**
 * Names that BuildKit also flags but that never hold a secret: `*_FILE`, `*_PATH`, `*_DIR` name where
 * a secret is read from (the Docker secrets convention `DB_PASSWORD_FILE=/run/secrets/db`), and GPG
 * key fingerprints (`GPG_KEY`, `NODE_GPG_KEYS`) are public by design.
 */
const LOCATION_OR_PUBLIC = /(?:_(?:FILE|PATH|DIR)$|(?:^|_)GPG(?:_|$))/i;

export const secretsUsedInArgOrEnv: Rule = instructionRule({
  meta: {
    id: 'secrets-used-in-arg-or-env',
    severity: 'warning',
    title: 'ARG or ENV name suggests a secret',
    peers: { buildkit: 'SecretsUsedInArgOrEnv' },
    docs: {
      what: 'Flags `ARG` and `ENV` names that suggest sensitive data: words such as password, secret, token, key, auth or credentials separated by `_` (e.g. `NPM_TOKEN`, `DB_PASSWORD`). Unlike BuildKit, names of secret locations (`DB_PASSWORD_FILE`, `*_PATH`, `*_DIR`) and GPG key fingerprints (`GPG_KEY`) are not flagged: they hold no secret.',
      why: 'ARG values end up in the image history and ENV values in the image configuration, readable by anyone who can pull the image. Secret mounts (`RUN --mount=type=secret`) leave nothing behind.',
      example:
        'FROM node:20-slim\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN NPM_TOKEN=$NPM_TOKEN npm ci --omit=dev && npm cache clean --force\nUSER node\nCMD ["node", "server.js"]\n',
      better:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev && npm cache clean --force\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  keywords: ['ARG', 'ENV'],
  checkInstruction(instruction, { escapeChar, report }) {
    const names =
      instruction.keyword === 'ARG'
        ? argNames(instruction)
        : parseKeyValues(instruction.argsText, escapeChar).pairs.map((p) => p.key);
    for (const name of names) {
      if (!SECRET.test(name) || ALLOWED.test(name) || LOCATION_OR_PUBLIC.test(name)) continue;
      const token = instruction.args.find((a) => a.value === name || a.value.startsWith(`${name}=`));
      report({
        range: token?.range ?? instruction.keywordRange,
        message: `Do not use ${instruction.keyword} for sensitive data (${instruction.keyword} "${name}"): use a secret mount instead.`,
      });
    }
  },
});
