/**
 * Programs that start another program as a different user, the way entrypoints step down from root
 * (the official images' `exec gosu postgres "$@"`). Each says when a call of it drops privileges:
 * `gosu --version` or `setpriv --dump` does not.
 */
export interface PrivilegeDropTool {
  name: string;
  /** Whether a call with these arguments runs a program as another user. */
  drops(args: readonly string[]): boolean;
  /** Installed on purpose (not part of a base system), so installing it tells what the entrypoint does. */
  installedForEntrypoint: boolean;
}

const positional = (args: readonly string[]) => args.filter((a) => !a.startsWith('-'));

export const PRIVILEGE_DROP_TOOLS: readonly PrivilegeDropTool[] = [
  { name: 'gosu', drops: (a) => positional(a).length >= 2, installedForEntrypoint: true },
  { name: 'su-exec', drops: (a) => positional(a).length >= 2, installedForEntrypoint: true },
  {
    name: 'setpriv',
    drops: (a) => a.some((w) => /^--(reuid|regid|ruid|rgid|euid|egid|init-groups|clear-groups|groups)\b/.test(w)),
    installedForEntrypoint: false,
  },
  {
    name: 'runuser',
    drops: (a) => a.some((w) => w === '-u' || w.startsWith('--user')) || positional(a).length >= 1,
    installedForEntrypoint: false,
  },
  { name: 's6-setuidgid', drops: (a) => positional(a).length >= 2, installedForEntrypoint: true },
  { name: 's6-applyuidgid', drops: (a) => a.includes('-u') || a.includes('-U'), installedForEntrypoint: true },
  { name: 'setuidgid', drops: (a) => positional(a).length >= 2, installedForEntrypoint: true },
  { name: 'chpst', drops: (a) => a.includes('-u') || a.includes('-U'), installedForEntrypoint: true },
  { name: 'chroot', drops: (a) => a.some((w) => w.startsWith('--userspec')), installedForEntrypoint: false },
  {
    name: 'su',
    drops: (a) => a.includes('-c') || a.some((w) => w.startsWith('--command')),
    installedForEntrypoint: false,
  },
];

/** A word of a RUN or COPY that names one of the tools installed for an entrypoint (a package, a path, a call). */
export const INSTALLED_DROP_TOOL = new RegExp(
  `(^|[\\s/"'=,])(${PRIVILEGE_DROP_TOOLS.filter((t) => t.installedForEntrypoint)
    .map((t) => t.name.replace(/-/g, '\\-'))
    .join('|')})([\\s"',;&|)]|$)`,
);

/**
 * Distribution families whose every image ships a drop tool, so an entrypoint script can step down
 * without installing one: Debian and Ubuntu mark util-linux essential, and it holds `setpriv` (the
 * docker-library images of valkey, redis and couchdb run `exec setpriv --reuid=<user> …`). Alpine's
 * busybox has no setpriv; its images install su-exec or gosu, which the check above already reads.
 */
export const BASE_DROP_TOOL: ReadonlyMap<string, string> = new Map([
  ['debian', 'setpriv'],
  ['ubuntu', 'setpriv'],
]);

/** Account tools and the options that make the account a system one (no login, a service's own). */
export const SYSTEM_ACCOUNT_OPTIONS: ReadonlyMap<string, RegExp> = new Map([
  ['useradd', /^(--system|-[mMNUlo]*r[mMNUlo]*)$/],
  ['groupadd', /^(--system|-[fo]*r[fo]*)$/],
  ['adduser', /^(-S|--system)$/],
  ['addgroup', /^(-S|--system)$/],
]);

/**
 * Official images whose docker-entrypoint.sh steps down from root to the service's own account when
 * it starts the server (`exec gosu postgres "$BASH_SOURCE" "$@"` and the like), by image name: the
 * tool and the commands it does that for (the first word of CMD, its folder left out). Another
 * command runs as root.
 */
export const BASE_ENTRYPOINT_DROPS: ReadonlyMap<string, { tool: string; servers: readonly string[] }> = new Map([
  ['postgres', { tool: 'gosu', servers: ['postgres'] }],
  ['mysql', { tool: 'gosu', servers: ['mysqld'] }],
  ['mariadb', { tool: 'gosu', servers: ['mariadbd', 'mysqld'] }],
  ['mongo', { tool: 'gosu', servers: ['mongod', 'mongos'] }],
  ['redis', { tool: 'gosu', servers: ['redis-server'] }],
  ['rabbitmq', { tool: 'gosu', servers: ['rabbitmq-server'] }],
  ['cassandra', { tool: 'gosu', servers: ['cassandra'] }],
  ['couchdb', { tool: 'setpriv', servers: ['couchdb'] }],
  ['valkey', { tool: 'setpriv', servers: ['valkey-server'] }],
]);
