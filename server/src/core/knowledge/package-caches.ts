/**
 * Package managers that leave a cache or index in the image after installing, how to spot the
 * install, and what removes the cache (or avoids it) in the same RUN.
 */
export interface PackageCacheFact {
  manager: string;
  /** Whether a simple command (its words, environment assignments and sudo left out) installs packages. */
  install: (words: readonly string[]) => boolean;
  /** Any of these in the same RUN means the cache is not left behind. */
  cleaned: RegExp[];
  /** Cache-mount targets that keep the cache out of the image. */
  cacheDirs: RegExp;
  /**
   * An ENV or ARG that disables the cache, and the values that do: pip reads PIP_NO_CACHE_DIR as
   * `--no-cache-dir` for any boolean it accepts, "off", "false" and "0" included (its documentation
   * keeps that for backwards compatibility).
   */
  disablingEnv?: { name: RegExp; disables(value: string): boolean };
  /** ENV or ARG names that move the cache to another folder (npm's `cache` setting, PIP_CACHE_DIR). */
  cacheLocationEnv?: RegExp;
  /** The install's option that moves the cache for that one command (`npm install --cache DIR`). */
  cacheOption?: string;
  /** What is left behind, for the message. */
  leftBehind: string;
  /** How to avoid it, for the message. */
  remedy: string;
  hadolint: string;
}

export const PACKAGE_CACHES: readonly PackageCacheFact[] = [
  {
    manager: 'apt-get',
    install: (w) => (w[0] === 'apt-get' || w[0] === 'apt') && w.includes('install'),
    // rm -rf /var/lib/apt/lists/*, find /var/lib/apt/lists ... -delete, rm -rf /var/lib/{apt,dpkg},
    // and apt 2.7's `apt-get distclean` (also spelt `dist-clean`) all remove the lists.
    cleaned: [
      /\/var\/lib\/apt(?:\/lists)?\b/,
      /\/var\/lib\/\{[^}]*\bapt\b/,
      /\bapt(?:-get)?\s+(?:-\S+\s+)*dist-?clean\b/,
      // mlocati's install-php-extensions ends with a cleanup that removes the lists (unless
      // IPE_KEEP_SYSPKG_CACHE is set, which is for its own debugging).
      /\binstall-php-extensions\b/,
    ],
    cacheDirs: /^\/var\/(?:lib|cache)\/apt/,
    leftBehind: 'the apt package lists (/var/lib/apt/lists, tens of MB)',
    remedy: "add '&& rm -rf /var/lib/apt/lists/*' to the same RUN",
    hadolint: 'DL3009',
  },
  {
    manager: 'apk',
    install: (w) => w[0] === 'apk' && w.includes('add'),
    cleaned: [/--no-cache\b/, /rm\s+(?:-\S+\s+)*[^;&|]*\/var\/cache\/apk/],
    cacheDirs: /^\/var\/cache\/apk/,
    leftBehind: 'the apk index cache (/var/cache/apk)',
    remedy: "use 'apk add --no-cache'",
    hadolint: 'DL3019',
  },
  {
    manager: 'pip',
    // `--no-index` installs only what --find-links or the arguments point at, from local files: pip
    // downloads nothing, so its HTTP cache stays empty (the ready-built wheels of a builder stage).
    install: (w) =>
      (/^pip[0-9.]*$/.test(w[0] ?? '') ||
        (/^python[0-9.]*$/.test(w[0] ?? '') && w[1] === '-m' && /^pip[0-9.]*$/.test(w[2] ?? ''))) &&
      w.includes('install') &&
      !w.includes('--no-index') &&
      // pip takes any unambiguous start of a long option: `--no-cache` is `--no-cache-dir`.
      !w.some((x) => /^--no-cache(-d(ir?)?)?$/.test(x)),
    cleaned: [
      /--no-cache-dir\b/,
      /\bPIP_NO_CACHE_DIR=/,
      /rm\s+(?:-\S+\s+)*[^;&|]*\.cache\/pip/,
      // The ~/.cache of a home folder, which holds pip's (`rm -rf /root/.cache`, `rm -rf ~/.cache/*`);
      // another folder's .cache (`${NVM_DIR}/.cache`) is not it.
      /rm\s+(?:-\S+\s+)*(?:[^;&|]*\s)?(?:~|\$HOME|\$\{HOME\}|\/root|\/home\/[^/\s]+)\/\.cache\/?\*?(?=[\s;&|'"]|$)/,
      /pip[0-9.]*\s+cache\s+purge/,
    ],
    cacheDirs: /\.cache(?:\/pip)?\/?$/,
    disablingEnv: {
      name: /^PIP_NO_CACHE_DIR$/,
      disables: (value) => /^(1|0|true|false|yes|no|on|off|y|n|t|f)$/i.test(value.trim()),
    },
    cacheLocationEnv: /^PIP_CACHE_DIR$/,
    cacheOption: '--cache-dir',
    leftBehind: "pip's download cache (~/.cache/pip)",
    remedy: "use 'pip install --no-cache-dir'",
    hadolint: 'DL3042',
  },
  {
    manager: 'npm',
    install: (w) =>
      w[0] === 'npm' && ['install', 'ci', 'i', 'add'].includes(w.slice(1).find((x) => !x.startsWith('-')) ?? ''),
    cleaned: [/\bnpm\s+cache\s+clean\b/, /rm\s+(?:-\S+\s+)*[^;&|]*\.npm\b/],
    cacheDirs: /\.npm\/?$|\/npm-cache/,
    cacheLocationEnv: /^(npm_config_cache|NPM_CONFIG_CACHE)$/,
    cacheOption: '--cache',
    leftBehind: "npm's cache (~/.npm)",
    remedy: "add '&& npm cache clean --force' to the same RUN",
    hadolint: 'DL3060',
  },
  {
    manager: 'yarn',
    install: (w) =>
      w[0] === 'yarn' &&
      ['install', 'add', undefined].includes(w.slice(1).find((x) => !x.startsWith('-'))) &&
      !w.includes('--version'),
    cleaned: [/\byarn\s+cache\s+clean\b/, /rm\s+(?:-\S+\s+)*[^;&|]*(?:yarn\/cache|\.yarn-cache|\.cache\/yarn)/],
    cacheDirs: /yarn/,
    cacheLocationEnv: /^YARN_CACHE_FOLDER$/,
    cacheOption: '--cache-folder',
    leftBehind: "yarn's cache",
    remedy: "add '&& yarn cache clean' to the same RUN",
    hadolint: 'DL3060',
  },
  {
    manager: 'dnf/yum',
    install: (w) => ['dnf', 'yum', 'microdnf', 'tdnf'].includes(w[0] ?? '') && w.includes('install'),
    cleaned: [
      /\b(?:dnf|yum|microdnf|tdnf)\s+(?:-\S+\s+)*clean\s+(?:-\S+\s+)*all\b/,
      /rm\s+(?:-\S+\s+)*[^;&|]*\/var\/cache\/(?:dnf|yum)/,
      // A helper of the image named for that cleanup (conda-forge's `yum_clean_all`, ManageIQ's
      // `miq_clean_dnf_rpm`): the Dockerfile cannot show its body, its name says what it does.
      /(?:^|[\s/;&|(])[\w.-]*(?:(?:yum|dnf|rpm)[_-][\w-]*clean|clean[_-][\w-]*(?:yum|dnf|rpm))[\w.-]*(?=$|[\s;&|)])/,
    ],
    cacheDirs: /^\/var\/cache\/(?:dnf|yum)/,
    leftBehind: 'the dnf/yum metadata cache (/var/cache)',
    remedy: "add '&& dnf clean all' (or 'yum clean all') to the same RUN",
    hadolint: 'DL3040',
  },
];
