/**
 * Facts about run-time configuration: which environment variables only steer a build, which users
 * images ship, and which instructions configure the container rather than build it.
 */

/** Instructions that configure the container; they move to the runtime stage as written. */
export const RUNTIME_KEYWORDS: ReadonlySet<string> = new Set([
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'VOLUME',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
]);

/** Users present in every image with /etc/passwd (Debian, Ubuntu, Alpine, distroless). */
export const UNIVERSAL_USERS: ReadonlySet<string> = new Set(['root', '0', 'nobody', '65534']);

/** Users that images of a family ship, so USER needs no account created in a runtime of that family. */
export const IMAGE_USERS: readonly { image: RegExp; users: readonly string[] }[] = [
  { image: /^node(:|$)/, users: ['node'] },
  { image: /^gcr\.io\/distroless\//, users: ['nonroot', '65532'] },
  { image: /^nginx(:|$)/, users: ['nginx'] },
  { image: /^mcr\.microsoft\.com\/dotnet\/(aspnet|runtime)/, users: ['app', '1654'] },
];

/** Programs that a HEALTHCHECK may need and the package that provides them. */
export const HEALTHCHECK_TOOLS: Readonly<Record<string, string>> = { curl: 'curl', wget: 'wget' };

/** Commands that create accounts: such a RUN is repeated in the runtime stage. */
export const USER_SETUP_COMMANDS: ReadonlySet<string> = new Set([
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'usermod',
  'mkdir',
  'chown',
  'chmod',
  'install',
]);
