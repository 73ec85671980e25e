/**
 * OpenPGP key fingerprints and key ids: the values official images put in `GPG_KEYS`,
 * `NODE_RELEASE_KEY`, `PHP_SIGNING_KEY` or `TOMCAT_KEY_ID` to verify what they download. They name a
 * public key and are meant to be published.
 */

/** Words of a variable name that, alone among the secret-looking words, may name a public key. */
export const PUBLIC_KEY_NAME_WORDS: ReadonlySet<string> = new Set(['key', 'keys']);

/** A v4 fingerprint (40 hex digits) or a long key id (16), with an optional `0x`. */
const FINGERPRINT = /^(0x)?([0-9a-f]{40}|[0-9a-f]{16})$/i;

/**
 * Whether a value is one or more key fingerprints or long key ids: separated by spaces, commas or
 * semicolons, or one fingerprint written in groups of four digits (`1198 C011 7593 ...`, as gpg
 * prints it).
 */
export function isKeyFingerprintList(value: string): boolean {
  const tokens = value
    .trim()
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (tokens.length === 0) return false;
  if (tokens.every((t) => FINGERPRINT.test(t))) return true;
  return tokens.every((t) => /^[0-9a-f]{4}$/i.test(t)) && FINGERPRINT.test(tokens.join(''));
}
