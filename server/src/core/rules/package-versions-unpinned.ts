import { runScript } from '../facts/run-script';
import { baseProgram, programIndex, type ScriptWord } from '../syntax/shell-script';
import { instructionRule, type Rule } from './types';

interface Manager {
  /** The subcommands that install packages named on the command line. */
  installs: ReadonlySet<string>;
  /** Options that take the next word as their value (the value is no package). */
  withValue: ReadonlySet<string>;
  /** Whether a package word names its version. */
  pinned(word: string): boolean;
  /** Options whose presence means every package's version is given (gem's `-v`). */
  pinsAll?: ReadonlySet<string>;
}

const PIP_VERSION = /(==|~=|>=|<=|!=|===|<|>|@)/;
const APT_VALUE = new Set(['-o', '-t', '--target-release', '-c', '--config-file']);

const MANAGERS: Record<string, Manager> = {
  'apt-get': {
    installs: new Set(['install']),
    withValue: APT_VALUE,
    pinned: (w) => w.includes('=') || w.includes('/'),
  },
  apk: {
    installs: new Set(['add']),
    withValue: new Set([
      '-t',
      '--virtual',
      '-X',
      '--repository',
      '--root',
      '-p',
      '--arch',
      '--cache-dir',
      '--keys-dir',
    ]),
    pinned: (w) => /[=~<>]/.test(w),
  },
  pip: {
    installs: new Set(['install']),
    withValue: new Set([
      '-i',
      '--index-url',
      '--extra-index-url',
      '-f',
      '--find-links',
      '-t',
      '--target',
      '--prefix',
      '--root',
      '--trusted-host',
      '--platform',
      '--python-version',
      '--implementation',
      '--abi',
      '--only-binary',
      '--no-binary',
      '--progress-bar',
      '--src',
      '--upgrade-strategy',
      '--cache-dir',
      '--log',
      '--proxy',
      '--retries',
      '--timeout',
      '--global-option',
      '--config-settings',
      '-C',
    ]),
    pinned: (w) => PIP_VERSION.test(w),
  },
  npm: {
    installs: new Set(['install', 'i', 'add']),
    withValue: new Set(['--prefix', '--registry', '--cache', '--userconfig', '-w', '--workspace']),
    // `name@1.2.3`; a scoped name starts with `@`, so its version follows a second `@`.
    pinned: (w) => w.lastIndexOf('@') > 0,
  },
  gem: {
    installs: new Set(['install']),
    withValue: new Set([
      '-i',
      '--install-dir',
      '-n',
      '--bindir',
      '-s',
      '--source',
      '--platform',
      '-P',
      '--trust-policy',
    ]),
    pinned: (w) => /:\d/.test(w),
    pinsAll: new Set(['-v', '--version']),
  },
  go: {
    installs: new Set(['install']),
    withValue: new Set(['-tags', '-ldflags', '-gcflags', '-o', '-mod', '-modfile', '-p']),
    pinned: (w) => /@./.test(w) && !w.endsWith('@latest') && !w.endsWith('@master') && !w.endsWith('@main'),
  },
};
MANAGERS.pip3 = MANAGERS.pip!;
MANAGERS.yarn = { ...MANAGERS.npm!, installs: new Set(['add']) };

/** Every hadolint code this rule stands for. */
const HADOLINT_CODES = ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3062'];

/** A word that names something other than a registry package: a file, a URL, a variable, a path. */
function notARegistryPackage(word: ScriptWord): boolean {
  const v = word.value;
  return (
    v.includes('$') ||
    v.startsWith('.') ||
    v.startsWith('/') ||
    v.startsWith('~') ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ||
    /^git\+|^git@|^file:/.test(v) ||
    /\.(deb|rpm|whl|apk|tgz|gz|zip|gem|tar)$/i.test(v) ||
    v === ''
  );
}

export const packageVersionsUnpinned: Rule = instructionRule({
  meta: {
    id: 'package-versions-unpinned',
    severity: 'warning',
    enabledByDefault: false,
    title: 'Packages installed without a version',
    peers: { hadolint: HADOLINT_CODES },
    docs: {
      what: 'Flags `apt-get install`, `apk add`, `pip install`, `npm install`/`yarn add`, `gem install` and `go install` of packages named without a version (`curl` instead of `curl=7.88.1-10+deb12u5`, `flask` instead of `flask==3.0.3`). Files, URLs, variables and requirement files are not package names and are not flagged. The rule is off by default.',
      why: "Without a version, each build installs whatever is newest that day, so two builds of one Dockerfile can differ. It is off by default because pinning every distribution package by hand is noisy and brittle: Debian and Alpine remove old package versions from their mirrors, so a pinned `apt-get install` breaks a few weeks later, while the base image's tag already fixes the release. Lockfiles (`package-lock.json`, `requirements.txt` with hashes, `go.sum`) and base image digests are the better pins; turn the rule on where a policy asks for explicit versions.",
      example:
        'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\nUSER nobody\nCMD ["gunicorn", "app:app"]\n',
      better:
        'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\nUSER nobody\nCMD ["gunicorn", "app:app"]\n',
    },
  },
  keywords: ['RUN'],
  checkInstruction(instruction, { source, escapeChar, report }) {
    const script = runScript(instruction, source, escapeChar);
    if (!script) return;
    for (const command of script.commands) {
      let at = programIndex(command.words);
      if (at < 0) continue;
      let program = baseProgram(command.words[at]);
      // `python -m pip install`
      if (/^python[0-9.]*$/.test(program) && command.words[at + 1]?.value === '-m') {
        program = command.words[at + 2]?.value ?? '';
        at += 2;
      }
      const manager = MANAGERS[program];
      if (!manager) continue;
      const rest = command.words.slice(at + 1);
      const sub = rest.findIndex((w) => !w.value.startsWith('-'));
      if (sub < 0 || !manager.installs.has(rest[sub]!.value)) continue;
      const unpinned: ScriptWord[] = [];
      let fromFiles = false;
      for (let i = sub + 1; i < rest.length; i++) {
        const word = rest[i]!;
        const v = word.value;
        if (v.startsWith('-')) {
          if (manager.pinsAll?.has(v) || /^--version=/.test(v)) fromFiles = true;
          if (/^(-r|--requirement|-c|--constraint|-e|--editable)$/.test(v) && (program === 'pip' || program === 'pip3'))
            i++;
          else if (manager.withValue.has(v)) i++;
          continue;
        }
        if (notARegistryPackage(word) || manager.pinned(v)) continue;
        unpinned.push(word);
      }
      if (fromFiles || unpinned.length === 0) continue;
      const names = unpinned.map((w) => w.value);
      report({
        range: script.rangeOf(unpinned[0]!.start, unpinned[unpinned.length - 1]!.end),
        message: `${
          names.length === 1
            ? `'${names[0]}' is`
            : `${names
                .slice(0, 3)
                .map((n) => `'${n}'`)
                .join(', ')}${names.length > 3 ? ` and ${names.length - 3} more are` : ' are'}`
        } installed without a version (${program} ${rest[sub]!.value}).`,
      });
    }
  },
});
