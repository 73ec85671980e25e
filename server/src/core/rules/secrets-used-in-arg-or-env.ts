import { holdsSecret, looksSecret } from '../facts/secret-settings';
import type { Instruction } from '../model';
import { finalImageStages } from '../model/queries';
import { parseKeyValues, unquote } from '../syntax/words';
import { fileRule, type Report, type Rule } from './types';

/** `$NAME` or `${NAME}` and nothing else: the value of one variable. */
const ONE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * `$NAME`, `${NAME}`, `${NAME:-}` or `${NAME-""}`, one or more and nothing else: a value made only of
 * variables, each with no default of its own.
 */
const ONLY_VARIABLES = /^(?:\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?::?-(?:""|'')?)?\}|[A-Za-z_][A-Za-z0-9_]*))+$/;
const VARIABLE_NAMES = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Whether an ENV value is made only of variables that nothing before it in the scope declares (no
 * ARG, no ENV): `ENV API_KEY=${API_KEY:-}` with no `ARG API_KEY` is empty when the image is built,
 * a slot for the value given at run time, or at most what the base image already set. The file
 * puts nothing into it.
 */
function fromNowhere(value: string, declared: ReadonlySet<string>): boolean {
  const text = unquote(value).trim();
  if (!ONLY_VARIABLES.test(text)) return false;
  return [...text.matchAll(VARIABLE_NAMES)].every((m) => !declared.has(m[1]!));
}

/**
 * Checks the ARG and ENV instructions of one scope (the global ARGs, or one stage) in order. An ENV
 * whose value is one ARG of the scope (`ENV SIGNING_KEY=$SIGNING_KEY`) holds what that ARG holds: it
 * is silent when the ARG's name looks secret but its default was found to hold no secret (a key
 * fingerprint), and judged by its own name otherwise.
 */
function checkScope(
  instructions: readonly Instruction[],
  escapeChar: string,
  globalDefaults: ReadonlyMap<string, string | null>,
  report: (r: Report) => void,
  shipped: boolean,
): void {
  /** The scope's ARGs whose names look secret and whose defaults hold no secret. */
  const cleared = new Set<string>();
  /** The names the scope's ARGs and ENVs have declared so far. */
  const declared = new Set<string>();
  for (const instruction of instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    const pairs = parseKeyValues(instruction.argsText, escapeChar).pairs.filter((p) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(p.key),
    );
    for (const { key: name, value } of pairs) {
      if (instruction.keyword === 'ARG') {
        declared.add(name);
        const given = value ?? globalDefaults.get(name) ?? null;
        if (looksSecret(name) && !holdsSecret('ARG', name, given)) cleared.add(name);
        else cleared.delete(name);
        // `ARG NAME` in a stage takes the global default.
        if (!holdsSecret('ARG', name, given)) continue;
      } else {
        const variable = value === null ? null : ONE_VARIABLE.exec(unquote(value).trim());
        const silent =
          (variable && cleared.has((variable[1] ?? variable[2])!)) ||
          (value !== null && fromNowhere(value, declared)) ||
          !holdsSecret('ENV', name, value) ||
          // A value written out in a stage the image does not ship (a builder's test database
          // password): the Dockerfile publishes it already, and it stays out of the image.
          (!shipped && value !== null && !value.includes('$'));
        declared.add(name);
        if (silent) continue;
      }
      const token = instruction.args.find((a) => a.value === name || a.value.startsWith(`${name}=`));
      report({
        range: token?.range ?? instruction.keywordRange,
        message: `Do not use ${instruction.keyword} for sensitive data (${instruction.keyword} "${name}"): use a secret mount instead.`,
      });
    }
  }
}

export const secretsUsedInArgOrEnv: Rule = fileRule({
  meta: {
    id: 'secrets-used-in-arg-or-env',
    severity: 'warning',
    title: 'ARG or ENV name suggests a secret',
    peers: { buildkit: 'SecretsUsedInArgOrEnv' },
    docs: {
      what: 'Flags `ARG` and `ENV` names that suggest sensitive data: words such as password, secret, token, key, auth or credentials separated by `_` (e.g. `NPM_TOKEN`, `DB_PASSWORD`). Unlike BuildKit, settings that are about a secret without holding one are not flagged: names of secret locations (`DB_PASSWORD_FILE`, `*_PATH`, `*_DIR`), names whose last word says what else the setting is (`OAUTH2_TOKEN_ENDPOINT`, `AUTH_URL`, `PASSWORD_LOGIN_ENABLED`, `TOKEN_TTL`, `WEB_AUTHENTICATION_TOKEN_VALIDITY_TIME`, `AUTH_PROVIDERS`, `PG_AUTH_MON_COMMIT`, `APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE`: an address, a switch, a list of fields or providers, a mode, a lifetime or a size, how a key is used, or the commit, tag or checksum a download is pinned to), boolean values (`LDAP_AUTH=true`), an ENV set to nothing (`ENV OAUTH2_SECRET=""`, left for the user to set at run time) or to a placeholder of up to three marks with no letter or digit (`ENV sa_password="_"`, which a start script reads as not given) or to a word that says it holds none (`ENV DEVISE_SECRET_KEY=unused`, `dummy`, `placeholder`, `throwaway`, `none`, `foo`, also written into one word such as `fakekeyforassets`, or `testkey` and `examplesecret`: a stand-in word and the kind of value, or `nokey`) or only its own name (`ENV password=password`, a marker a start script replaces) or a phrase that asks to be replaced or says it is no secret (Symfony\'s `ThisTokenIsNotSoSecretChangeIt`, `change_me_in_production`) or a phrase of letters one of whose words does (`CREDENTIAL_PLACEHOLDER`, `DEFAULT_BAD_KEY`, `insecure-dev-only`), or to a file path (`ENV APP_CREDENTIALS=/app/dictionaries/credentials.json`: where it is read from), or only to variables that nothing before it in the stage declares (`ENV API_KEY=${API_KEY:-}` with no `ARG API_KEY`: empty at build time, a slot for the value given at run time), an OAuth client\'s identifier (`AUTH_GITHUB_CLIENT_ID`: public by design, unlike its `CLIENT_SECRET`), a CAPTCHA\'s site key (`HCAPTCHA_SITE_KEY`, `RECAPTCHA_SITEKEY`: every page the site serves carries it, unlike its `SECRET_KEY`) and a payment provider\'s publishable key (`STRIPE_PUBLISHABLE_KEY`), variables that front-end build tools compile into the code sent to the browser, public by design (`VITE_`, `NEXT_PUBLIC_`, `REACT_APP_`, `VUE_APP_`, `NUXT_PUBLIC_`, `EXPO_PUBLIC_`, `GATSBY_` and `PUBLIC_` names) and GPG key fingerprints, also when an ENV takes one from an ARG (`ENV SIGNING_KEY=$SIGNING_KEY` after an ARG whose default is a fingerprint). Nor is an ENV with a value written out in a stage the image does not ship (`ENV MYSQL_ROOT_PASSWORD=pass` in a builder that initialises a test database): the Dockerfile publishes the value already, and it stays out of the image; one that takes its value from a build argument (`ENV SENTRY_AUTH_TOKEN=$SENTRY_AUTH_TOKEN`) writes the real token into the configuration of that stage and is flagged in any stage. An ARG is flagged whatever its default (the value passed with `--build-arg` is what lands in the image history), unless the default says it is a stand-in (`ARG SECRET_KEY_BASE=fakekeyforassets`, `unused`, `dummy`, `foo`): the build needs the variable set, not a real value. An empty default or a mark (`_`) still expects one from `--build-arg`. A fingerprint is told by its name (`GPG_KEY`, `NODE_GPG_KEYS`) or by its value: a name whose only secret-looking word is KEY (`NODE_RELEASE_KEY`, `PHP_SIGNING_KEY`, `TOMCAT_KEY_ID`, `GPG_KEYS`) set to one or more fingerprints (40 hex digits, also in groups of four) or long key ids (16 hex digits, `0x` allowed).',
      why: 'ARG values end up in the image history and ENV values in the image configuration, readable by anyone who can pull the image. Secret mounts (`RUN --mount=type=secret`) leave nothing behind.',
      example:
        'FROM node:20-slim\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN NPM_TOKEN=$NPM_TOKEN npm ci --omit=dev && npm cache clean --force\nUSER node\nCMD ["node", "server.js"]\n',
      better:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev && npm cache clean --force\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  check({ model, report }) {
    const globalDefaults = new Map<string, string | null>();
    checkScope(model.globalArgs, model.escapeChar, new Map(), report, true);
    for (const arg of model.globalArgs) {
      for (const { key, value } of parseKeyValues(arg.argsText, model.escapeChar).pairs)
        globalDefaults.set(key, value === null ? (globalDefaults.get(key) ?? null) : unquote(value));
    }
    const shipped = new Set(finalImageStages(model).map((s) => s.index));
    for (const stage of model.stages)
      checkScope(stage.instructions, model.escapeChar, globalDefaults, report, shipped.has(stage.index));
  },
});
