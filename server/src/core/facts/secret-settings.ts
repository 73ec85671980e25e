/**
 * Whether an ARG or ENV puts a secret into the image. BuildKit's SecretsUsedInArgOrEnv goes by the
 * name alone: a word such as password, token or key between underscores. On real Dockerfiles that
 * also catches settings that are about a secret without being one, and those are left out here:
 * - where a secret is read from (`DB_PASSWORD_FILE`, `*_PATH`, `*_DIR`, the Docker secrets
 *   convention) and public GPG keys (`GPG_KEY`, or a KEY set to fingerprints);
 * - names whose last word says what the setting is, when that is not the secret itself: an
 *   address (`OAUTH2_TOKEN_ENDPOINT`, `AUTH_URL`), a switch (`PASSWORD_LOGIN_ENABLED`), a list of
 *   fields, a mode, a lifetime, the commit, tag or checksum of a download (`PG_AUTH_MON_COMMIT`). English compounds put the head last: `SECRET_KEY_BASE` is a key,
 *   `TOKEN_ENDPOINT` is an endpoint;
 * - variables front-end build tools compile into the browser code (`VITE_`, `NEXT_PUBLIC_`,
 *   `REACT_APP_`, ...): public by design;
 * - values that hold no secret: a boolean (`true`, `off`, `0`), or an ENV set to nothing (`ENV
 *   OAUTH2_SECRET=""`, a run-time setting left for the user) or to a placeholder of up to three marks
 *   and no letter or digit (`ENV sa_password="_"`, which the image's start script reads as "not given"
 *   before it turns to a secret file), or to a word that says it holds none (`unused`, `dummy`,
 *   `placeholder`, `none`), or to a file's path (`/app/credentials.json`: where it is read from). An ARG is reported whatever its default:
 *   the value given with `--build-arg` is what lands in the image history.
 */
import { NON_SECRET_NAME_WORDS, SECRET_NAME_WORDS } from '../knowledge/dockerfile-syntax';
import { isKeyFingerprintList, PUBLIC_KEY_NAME_WORDS } from '../knowledge/public-keys';
import { unquote } from '../syntax/words';

const SECRET_WORDS: ReadonlySet<string> = new Set(SECRET_NAME_WORDS);
const NON_SECRET_WORDS: ReadonlySet<string> = new Set(NON_SECRET_NAME_WORDS);

/** Last words of a name that make it a setting about a secret rather than the secret. */
const SETTING_HEADS: ReadonlySet<string> = new Set([
  // where to find something
  'endpoint',
  'url',
  'uri',
  'host',
  'hostname',
  'port',
  'server',
  'file',
  'path',
  'dir',
  'name',
  // switches and modes
  'enabled',
  'disabled',
  'enable',
  'disable',
  'required',
  'mode',
  'type',
  'method',
  'methods',
  'strategy',
  'policy',
  'provider',
  'providers',
  'issuer',
  'scope',
  'scopes',
  'format',
  'algorithm',
  // lists and sizes
  'field',
  'fields',
  'header',
  'length',
  'timeout',
  'ttl',
  'expiry',
  'expiration',
  'lifetime',
  'time',
  'validity',
  'duration',
  'interval',
  'age',
  'limit',
  'count',
  'size',
  // how a secret is used (`APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE`, a certificate's `KEY_USAGE`)
  'usage',
  'version',
  // which source or release: a commit, tag or checksum pinned for a download (`PG_AUTH_MON_COMMIT`)
  'commit',
  'revision',
  'sha',
  'sha256',
  'sha512',
  'checksum',
  'branch',
  'tag',
]);

const BOOLEAN = /^(true|false|yes|no|on|off|0|1)$/i;

/**
 * Words that say a setting holds no value: a build that needs the variable set, but not to anything
 * real (`ENV DEVISE_SECRET_KEY=unused` for `rails assets:precompile`).
 */
/** What `holdsNothing` says of a value whose words say it is a stand-in. */
const DUMMY_VALUE = 'a dummy value';

const NO_VALUE = /^(unused|dummy|placeholder|none|null|nil|unset|not[-_]?set|empty|fake|throwaway|foo|foobar|x+)$/i;

/**
 * Words that say a phrase is a stand-in (`TestKey`, `example_secret`, `DEFAULT_BAD_KEY`,
 * `insecure-dev-only`), though not alone (`test`).
 */
const PHRASE_NO_VALUE = /^(test|example|sample|placeholder|dummy|fake|unused|required|notused|bad|insecure|changeme)$/i;

/**
 * A file's path (`/app/dictionaries/credentials.json`, `~/.ssh/id_ed25519`, `C:\\keys\\app.pfx`):
 * it says where the secret or the setting is read from, not what it is.
 */
const FILE_PATH = /^(\/|~\/|\.\.?\/|[A-Za-z]:[\\/])[\w.@%+=:,/\\-]*$/;

/**
 * Why an ENV value holds nothing, or null: it is empty, a placeholder of up to three marks (`_`,
 * `*`), or a word that says so, alone, set off by marks (`**None**`, `<none>`) or starting a phrase
 * (`unused_yet_required`, `dummy-for-assets`).
 */
function holdsNothing(text: string): string | null {
  if (text === '') return 'an empty setting';
  if (FILE_PATH.test(text)) return 'a file path';
  if (/^[^\p{L}\p{N}]{1,3}$/u.test(text)) return 'a placeholder';
  const core = text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  // Alone, or written as one word (`fakekeyforassets`, `dummysecret`, `testkey`, `examplesecret`).
  if (NO_VALUE.test(core) || /^(fake|dummy)[a-z]+$/i.test(core)) return DUMMY_VALUE;
  if (/^(test|example|sample)(key|secret|token|password|pass|pwd)$/i.test(core)) return DUMMY_VALUE;
  // A word that says there is none (`nokey`, `notasecret`).
  if (/^(no|not|nota)(key|secret|token|password|pass|pwd)$/i.test(core)) return DUMMY_VALUE;
  // A phrase of letters only (`unused_yet_required`, `CREDENTIAL_PLACEHOLDER`, `TestKey`): one of its
  // words says it. Digits or other marks make it a value like any other.
  if (!/^[a-z]+(?:[-_ ]?[a-z]+)*$/i.test(core)) return null;
  const words = core.split(/[-_ ]|(?<=[a-z])(?=[A-Z])/);
  if (words.length < 2) return null;
  if (words.some((w) => NO_VALUE.test(w) || PHRASE_NO_VALUE.test(w))) return DUMMY_VALUE;
  // A phrase that asks to be replaced or says it is no secret (Symfony's
  // `ThisTokenIsNotSoSecretChangeIt`, `change_me_in_production`, `not-a-secret`).
  const joined = words.join('').toLowerCase();
  return /change(me|it|this)|not(so|a)?secret/.test(joined) ? DUMMY_VALUE : null;
}

/**
 * Prefixes with which front-end build tools compile a variable into the code sent to the browser:
 * Vite (`VITE_`), Next.js (`NEXT_PUBLIC_`), Create React App (`REACT_APP_`), Vue CLI (`VUE_APP_`),
 * Nuxt (`NUXT_PUBLIC_`), Expo (`EXPO_PUBLIC_`), Gatsby (`GATSBY_`) and SvelteKit (`PUBLIC_`). What
 * such a variable holds is public by design (an analytics or maps key meant for the browser).
 */
const BROWSER_PREFIX = /^(vite|next_public|react_app|vue_app|nuxt_public|expo_public|gatsby|public)_/;

/** The words of a variable name, lower-cased: `OAUTH2_TOKEN_ENDPOINT` -> oauth2, token, endpoint. */
function nameWords(name: string): string[] {
  return name.toLowerCase().split('_').filter(Boolean);
}

/** Why an ARG or ENV setting holds no secret though its name has a secret-looking word, or null. */
export function notASecret(keyword: string, name: string, value: string | null): string | null {
  const words = nameWords(name);
  if (words.some((w) => NON_SECRET_WORDS.has(w))) return 'a public value';
  if (BROWSER_PREFIX.test(name.toLowerCase())) return 'a value compiled into the browser code';
  if (words.includes('gpg')) return 'a public GPG key';
  // An OAuth client's identifier is public by design (a browser app sends it to every user); its
  // secret is `…_CLIENT_SECRET`.
  if (words.length >= 2 && words[words.length - 2] === 'client' && words[words.length - 1] === 'id')
    return 'an OAuth client identifier';
  // Keys a site hands to every visitor by design: a CAPTCHA's site key (reCAPTCHA, hCaptcha,
  // Turnstile: `HCAPTCHA_SITE_KEY`, `RECAPTCHA_SITEKEY`; its secret is the `…_SECRET_KEY`) and a
  // payment provider's publishable key (`STRIPE_PUBLISHABLE_KEY`).
  const lower = name.toLowerCase();
  if (/captcha|turnstile/.test(lower) && /(^|_)site_?key$/.test(lower)) return 'a CAPTCHA site key, public by design';
  if (words.includes('publishable')) return 'a publishable key, public by design';
  const last = words[words.length - 1] ?? '';
  if (!SECRET_WORDS.has(last) && SETTING_HEADS.has(last)) return `a ${last} setting`;
  if (value === null) return null;
  const text = unquote(value).trim();
  if (BOOLEAN.test(text)) return 'a boolean switch';
  const nothing = holdsNothing(text);
  // An ENV set to nothing is a slot for a value given at run time. An ARG's default is only what a
  // build gets when it passes none, so an empty one or a mark still expects a real value from
  // `--build-arg`; a default that says it is a stand-in (`ARG SECRET_KEY_BASE=fakekeyforassets`)
  // shows the build needs the variable set, not to anything real.
  if (nothing && (keyword === 'ENV' || nothing === DUMMY_VALUE)) return nothing;
  // A value that only repeats the setting's own name (`ENV password=password`, `API_TOKEN=api-token`):
  // a marker a start script or the user replaces, not a secret.
  const bare = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!text.includes('$') && bare(text) !== '' && bare(text) === bare(name)) return DUMMY_VALUE;
  const secretWords = words.filter((w) => SECRET_WORDS.has(w));
  if (secretWords.every((w) => PUBLIC_KEY_NAME_WORDS.has(w)) && isKeyFingerprintList(text))
    return 'a public key fingerprint';
  return null;
}

/** Whether a name has a secret-looking word (BuildKit's test). */
export function looksSecret(name: string): boolean {
  return nameWords(name).some((w) => SECRET_WORDS.has(w));
}

/** Whether the ARG or ENV setting `name=value` puts a secret into the image or its history. */
export function holdsSecret(keyword: string, name: string, value: string | null): boolean {
  return looksSecret(name) && notASecret(keyword, name, value) === null;
}
