import { NON_SECRET_NAME_WORDS, SECRET_NAME_WORDS } from '../knowledge/dockerfile-syntax';
import { isKeyFingerprintList, PUBLIC_KEY_NAME_WORDS } from '../knowledge/public-keys';
import { parseKeyValues, unquote } from '../syntax/words';
import { instructionRule, type Rule } from './types';

const SECRET = new RegExp(`(?:_|^)(?:${SECRET_NAME_WORDS.join('|')})(?:_|$)`, 'i');
const ALLOWED = new RegExp(`(?:_|^)(?:${NON_SECRET_NAME_WORDS.join('|')})(?:_|$)`, 'i');
/**
 * Names that BuildKit also flags but that never hold a secret: `*_FILE`, `*_PATH`, `*_DIR` name where
 * a secret is read from (the Docker secrets convention `DB_PASSWORD_FILE=/run/secrets/db`), and GPG
 * key fingerprints (`GPG_KEY`, `NODE_GPG_KEYS`) are public by design.
 */
const LOCATION_OR_PUBLIC = /(?:_(?:FILE|PATH|DIR)$|(?:^|_)GPG(?:_|$))/i;

/** The secret-looking words of a name (`NODE_RELEASE_KEY` -> key). */
function secretWords(name: string): string[] {
  const words = new Set(SECRET_NAME_WORDS);
  return name
    .toLowerCase()
    .split('_')
    .filter((w) => words.has(w));
}

/**
 * A public key named by its fingerprint (`NODE_RELEASE_KEY=4ED778F5...`, `GPG_KEYS="A917... 5289..."`):
 * the name's only secret-looking word is KEY and the value is one or more fingerprints or long key
 * ids. A token of 40 hex digits under another name (`API_TOKEN`) is still reported.
 */
function isPublicKeyFingerprint(name: string, value: string | null): boolean {
  if (value === null) return false;
  const words = secretWords(name);
  return words.length > 0 && words.every((w) => PUBLIC_KEY_NAME_WORDS.has(w)) && isKeyFingerprintList(unquote(value));
}

export const secretsUsedInArgOrEnv: Rule = instructionRule({
  meta: {
    id: 'secrets-used-in-arg-or-env',
    severity: 'warning',
    title: 'ARG or ENV name suggests a secret',
    peers: { buildkit: 'SecretsUsedInArgOrEnv' },
    docs: {
      what: 'Flags `ARG` and `ENV` names that suggest sensitive data: words such as password, secret, token, key, auth or credentials separated by `_` (e.g. `NPM_TOKEN`, `DB_PASSWORD`). Unlike BuildKit, names of secret locations (`DB_PASSWORD_FILE`, `*_PATH`, `*_DIR`) and GPG key fingerprints are not flagged: they hold no secret. A fingerprint is told by its name (`GPG_KEY`, `NODE_GPG_KEYS`) or by its value: a name whose only secret-looking word is KEY (`NODE_RELEASE_KEY`, `PHP_SIGNING_KEY`, `TOMCAT_KEY_ID`, `GPG_KEYS`) set to one or more fingerprints (40 hex digits, also in groups of four) or long key ids (16 hex digits, `0x` allowed).',
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
      if (!SECRET.test(name) || ALLOWED.test(name) || LOCATION_OR_PUBLIC.test(name)) continue;
      if (isPublicKeyFingerprint(name, value)) continue;
      const token = instruction.args.find((a) => a.value === name || a.value.startsWith(`${name}=`));
      report({
        range: token?.range ?? instruction.keywordRange,
        message: `Do not use ${instruction.keyword} for sensitive data (${instruction.keyword} "${name}"): use a secret mount instead.`,
      });
    }
  },
});
