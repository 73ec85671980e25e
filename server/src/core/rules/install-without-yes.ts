import { runScript } from '../facts/run-script';
import { baseProgram, programIndex, type ScriptCommand } from '../syntax/shell-script';
import { stageRule, type Rule } from './types';

interface Installer {
  /** Subcommands that ask for a confirmation. */
  asks: ReadonlySet<string>;
  /** Whether an option answers it. */
  answered(word: string, command: readonly string[]): boolean;
  /** Options that take the next word as their value. */
  withValue: ReadonlySet<string>;
}

const APT_GET: Installer = {
  asks: new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'build-dep']),
  // -qq implies -y; so does the Assume-Yes option.
  answered: (w, all) =>
    /^-[A-Za-z]*y[A-Za-z]*$/.test(w) ||
    w === '--yes' ||
    w === '--assume-yes' ||
    w === '-qq' ||
    w === '-q=2' ||
    w === '--quiet=2' ||
    /^APT::Get::Assume-Yes=(1|true|yes)$/i.test(w) ||
    all.filter((x) => x === '-q' || x === '--quiet').length >= 2,
  withValue: new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release']),
};
const DNF: Installer = {
  asks: new Set([
    'install',
    'groupinstall',
    'localinstall',
    'reinstall',
    'update',
    'upgrade',
    'remove',
    'erase',
    'autoremove',
    'downgrade',
  ]),
  answered: (w) =>
    /^-[A-Za-z]*y[A-Za-z]*$/.test(w) || w === '--assumeyes' || /^--setopt=assumeyes=(1|true|yes)$/i.test(w),
  withValue: new Set([
    '--enablerepo',
    '--disablerepo',
    '--setopt',
    '--installroot',
    '--releasever',
    '-c',
    '--config',
    '-x',
    '--exclude',
  ]),
};
const ZYPPER: Installer = {
  asks: new Set([
    'install',
    'in',
    'remove',
    'rm',
    'update',
    'up',
    'patch',
    'dist-upgrade',
    'dup',
    'source-install',
    'si',
  ]),
  answered: (w) => w === '-n' || w === '--non-interactive' || w === '-y' || w === '--no-confirm',
  withValue: new Set(['-r', '--repo', '--root', '-R', '--from', '-t', '--type']),
};

/** microdnf never asks (its -y is accepted and ignored); apk and pip install never ask either. */
const INSTALLERS: Readonly<Record<string, Installer>> = {
  'apt-get': APT_GET,
  yum: DNF,
  dnf: DNF,
  dnf5: DNF,
  zypper: ZYPPER,
};

const HADOLINT: Readonly<Record<string, string>> = {
  'apt-get': 'DL3014',
  yum: 'DL3030',
  dnf: 'DL3038',
  dnf5: 'DL3038',
  zypper: 'DL3034',
};

/** apt's configuration that answers yes for every apt-get (`APT::Get::Assume-Yes "true";`). */
const ASSUME_YES_CONFIG = /APT::Get::Assume-Yes\s*"?(1|true|yes)"?/i;

/** Whether the command reads its answers from a pipe (`yes | apt-get install x`). */
function fedByPipe(commands: readonly ScriptCommand[], index: number): boolean {
  return index > 0 && (commands[index - 1]!.after === '|' || commands[index - 1]!.after === '|&');
}

export const installWithoutYes: Rule = stageRule({
  meta: {
    id: 'install-without-yes',
    severity: 'warning',
    title: 'A package manager in RUN waits for a confirmation (no -y)',
    fixTitle: 'Add -y',
    peers: { hadolint: ['DL3014', 'DL3030', 'DL3034', 'DL3038'] },
    docs: {
      what: 'Flags `apt-get`, `yum`, `dnf` and `zypper` commands that ask "Do you want to continue?" (install, upgrade, remove...) without the option that answers yes: `-y` (`-qq` implies it for apt-get), `--assumeyes`, or `-n`/`--non-interactive` for zypper. `microdnf`, `apk` and `pip install` never ask and are not flagged, nor is a command fed by `yes |`, nor `apt-get install --only-upgrade`: it upgrades packages already installed, and apt-get asks on `install` only when it would install or remove more packages than were named; nor `apt-get purge` or `remove` with no package named (it removes nothing: "0 to remove"), nor apt-get after an earlier RUN of the stage, or of a stage it is built on, configured apt to assume yes (`echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90assumeyes`).',
      why: 'A build has no terminal to answer on: the question reads end of input and the package manager aborts, so the RUN fails (apt-get says "Abort."), usually only once a dependency makes it ask. Say yes up front.',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    // apt told to assume yes for the whole image by an earlier RUN, in this stage or one it is built on
    // (`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes`): apt-get asks nothing after it.
    let aptAssumesYes = false;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (instruction.keyword !== 'RUN') continue;
        const script = runScript(instruction, source, escapeChar);
        if (!script) {
          const text = [instruction.argsText, ...instruction.heredocs.map((h) => h.content)].join('\n');
          if (ASSUME_YES_CONFIG.test(text)) aptAssumesYes = true;
          continue;
        }
        const mine = s === stage;
        script.commands.forEach((command, index) => {
          const at = programIndex(command.words);
          if (at < 0) return;
          const program = baseProgram(command.words[at]);
          if (program !== 'apt-get' && program !== 'apt' && command.words.some((w) => ASSUME_YES_CONFIG.test(w.value)))
            aptAssumesYes = true;
          const installer = INSTALLERS[program];
          if (!mine || !installer || fedByPipe(script.commands, index)) return;
          if (program === 'apt-get' && aptAssumesYes) return;
          const words = command.words.slice(at + 1).map((w) => w.value);
          let sub = -1;
          for (let i = 0; i < words.length; i++) {
            if (words[i]!.startsWith('-')) {
              if (installer.withValue.has(words[i]!)) i++;
              continue;
            }
            sub = i;
            break;
          }
          if (sub < 0 || !installer.asks.has(words[sub]!)) return;
          // `apt-get purge` or `remove` with no package named removes nothing and asks nothing.
          if (
            program === 'apt-get' &&
            (words[sub] === 'purge' || words[sub] === 'remove') &&
            !words
              .slice(sub + 1)
              .some((w, i, rest) => !w.startsWith('-') && !installer.withValue.has(rest[i - 1] ?? ''))
          )
            return;
          if (words.some((w) => installer.answered(w, words))) return;
          // A simulation asks nothing: `apt-get install -s`, `dnf install --assumeno`.
          if (
            words.some((w) =>
              /^(-s|--simulate|--dry-run|--just-print|--no-act|--recon|--print-uris|--assumeno)$/.test(w),
            )
          )
            return;
          // `apt-get install --only-upgrade pkg` upgrades installed packages and installs nothing new;
          // apt-get asks only when it would install or remove more than was named.
          if (program === 'apt-get' && words[sub] === 'install' && words.includes('--only-upgrade')) return;
          const word = command.words[at + 1 + sub]!;
          report({
            range: script.rangeOf(word.start, word.end),
            message: `'${program} ${word.value}' asks for a confirmation, which a build cannot give: the RUN aborts. Add -y (${HADOLINT[program]}).`,
            data: { replacement: `${word.value} -y` },
          });
        });
      }
    }
  },
});
