/**
 * Package managers that leave a cache or index in the image after installing, how to spot the
 * install, and what removes the cache (or avoids it) in the same RUN.
 */
export interface PackageCacheFact {
  manager: string;
  /** Matches an install command in a shell command line. */
  install: RegExp;
  /** Any of these in the same RUN means the cache is not left behind. */
  cleaned: RegExp[];
  /** Cache-mount targets that keep the cache out of the image. */
  cacheDirs: RegExp;
  /** An ENV that disables the cache (e.g. PIP_NO_CACHE_DIR). */
  disablingEnv?: RegExp;
  /** What is left behind, for the message. */
  leftBehind: string;
  /** How to avoid it, for the message. */
  remedy: string;
  hadolint: string;
}

export const PACKAGE_CACHES: readonly PackageCacheFact[] = [
  {
    manager: 'apt-get',
    install: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/,
    cleaned: [/rm\s+(?:-\S+\s+)*[^;&|]*\/var\/lib\/apt\/lists/],
    cacheDirs: /^\/var\/(?:lib|cache)\/apt/,
    leftBehind: 'the apt package lists (/var/lib/apt/lists, tens of MB)',
    remedy: "add '&& rm -rf /var/lib/apt/lists/*' to the same RUN",
    hadolint: 'DL3009',
  },
  {
    manager: 'apk',
    install: /\bapk\s+(?:-\S+\s+)*add\b/,
    cleaned: [/--no-cache\b/, /rm\s+(?:-\S+\s+)*[^;&|]*\/var\/cache\/apk/],
    cacheDirs: /^\/var\/cache\/apk/,
    leftBehind: 'the apk index cache (/var/cache/apk)',
    remedy: "use 'apk add --no-cache'",
    hadolint: 'DL3019',
  },
  {
    manager: 'pip',
    install: /(?<!\buv\s+)\bpip[0-9.]*\s+(?:-\S+\s+)*install\b/,
    cleaned: [/--no-cache-dir\b/, /\bPIP_NO_CACHE_DIR=/, /rm\s+(?:-\S+\s+)*[^;&|]*\.cache\/pip/, /pip[0-9.]*\s+cache\s+purge/],
    cacheDirs: /\.cache(?:\/pip)?\/?$/,
    disablingEnv: /^PIP_NO_CACHE_DIR$/,
    leftBehind: "pip's download cache (~/.cache/pip)",
    remedy: "use 'pip install --no-cache-dir'",
    hadolint: 'DL3042',
  },
  {
    manager: 'npm',
    install: /\bnpm\s+(?:-\S+\s+)*(?:install|ci|i)(?:\s|$)/,
    cleaned: [/\bnpm\s+cache\s+clean\b/, /rm\s+(?:-\S+\s+)*[^;&|]*\.npm\b/],
    cacheDirs: /\.npm\/?$|\/npm-cache/,
    leftBehind: "npm's cache (~/.npm)",
    remedy: "add '&& npm cache clean --force' to the same RUN",
    hadolint: 'DL3060',
  },
  {
    manager: 'yarn',
    install: /\byarn(?:\s+(?:-\S+\s+)*install\b|\s*(?:&&|;|$))/,
    cleaned: [/\byarn\s+cache\s+clean\b/, /rm\s+(?:-\S+\s+)*[^;&|]*(?:yarn\/cache|\.yarn-cache|\.cache\/yarn)/],
    cacheDirs: /yarn/,
    leftBehind: "yarn's cache",
    remedy: "add '&& yarn cache clean' to the same RUN",
    hadolint: 'DL3060',
  },
  {
    manager: 'dnf/yum',
    install: /\b(?:dnf|yum|microdnf)\s+(?:-\S+\s+)*install\b/,
    cleaned: [/\b(?:dnf|yum|microdnf)\s+(?:-\S+\s+)*clean\s+all\b/, /rm\s+(?:-\S+\s+)*[^;&|]*\/var\/cache\/(?:dnf|yum)/],
    cacheDirs: /^\/var\/cache\/(?:dnf|yum)/,
    leftBehind: 'the dnf/yum metadata cache (/var/cache)',
    remedy: "add '&& dnf clean all' (or 'yum clean all') to the same RUN",
    hadolint: 'DL3040',
  },
];
