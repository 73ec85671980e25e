import { runScript } from '../facts/run-script';
import { baseProgram, programIndex, type ScriptCommand } from '../syntax/shell-script';
import { stageRule, type Rule } from './types';

/** An option or configuration that turns recommended packages off. */
const NO_RECOMMENDS =
  /^(--no-install-recommends|(-o)?APT::Install-Recommends=(0|false|no)|--option=APT::Install-Recommends=(0|false|no))$/i;

/** The package names an install asks for (`curl`, `curl=7.88.1-10` is curl; options left out). */
function packagesOf(args: readonly string[]): string[] {
  const names: string[] = [];
  for (const [i, w] of args.entries()) {
    if (w.startsWith('-') || /^-[oct]$/.test(args[i - 1] ?? '')) continue;
    names.push(w.split(/[=/]/)[0]!);
  }
  return names;
}

/**
 * Whether a later command of the same RUN removes every package of the install together with what
 * apt installed for them (`apt-get purge --auto-remove curl`, or a purge then `apt-get autoremove`):
 * the recommended packages leave with them and never reach the layer.
 */
function purgedLater(commands: readonly ScriptCommand[], packages: readonly string[]): boolean {
  if (packages.length === 0) return false;
  const removed = new Set<string>();
  for (const command of commands) {
    const at = programIndex(command.words);
    const program = baseProgram(command.words[at]);
    if (at < 0 || (program !== 'apt-get' && program !== 'apt')) continue;
    const words = command.words.slice(at + 1).map((w) => w.value);
    const sub = words.find((w) => !w.startsWith('-'));
    if (sub === 'purge' || sub === 'remove') {
      const names = packagesOf(words.slice(words.indexOf(sub) + 1));
      if (words.some((w) => w === '--auto-remove' || w === '--autoremove')) {
        for (const name of names) removed.add(name);
        if (packages.every((p) => removed.has(p))) return true;
      } else {
        // Removed alone, the packages leave what apt installed for them until an autoremove.
        for (const name of names) removed.add(`pending:${name}`);
      }
    }
    if (sub === 'autoremove' && packages.every((p) => removed.has(p) || removed.has(`pending:${p}`))) return true;
  }
  return false;
}

export const aptGetInstallRecommends: Rule = stageRule({
  meta: {
    id: 'apt-get-install-recommends',
    severity: 'information',
    title: 'apt-get install also installs the recommended packages',
    peers: { hadolint: ['DL3015'] },
    docs: {
      what: 'Flags `apt-get install` without `--no-install-recommends` (or `-o APT::Install-Recommends=false`) in a stage where no earlier RUN, in the stage or the stages it is built on, configures apt to skip recommended packages. Left alone: `install --only-upgrade`, which upgrades packages the image already has and adds none, and an install whose packages the same RUN removes again with what apt installed for them (`apt-get purge --auto-remove`, or a purge then `apt-get autoremove`), so nothing of it reaches the layer.',
      why: "apt installs a package's recommended packages along with its dependencies: documentation, optional helpers, sometimes a whole toolchain. In an image they are rarely used and often make up a large part of the layer. Ask for them by name where they are needed.",
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    let configured = false;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (instruction.keyword !== 'RUN') continue;
        const script = runScript(instruction, source, escapeChar);
        if (!script) {
          // A heredoc or exec-form RUN that writes apt's configuration.
          const text = [instruction.argsText, ...instruction.heredocs.map((h) => h.content)].join('\n');
          if (/Install-Recommends/i.test(text)) configured = true;
          continue;
        }
        for (const [index, command] of script.commands.entries()) {
          const at = programIndex(command.words);
          const program = baseProgram(command.words[at]);
          const words = command.words.slice(at + 1).map((w) => w.value);
          // apt configured for the whole image: `echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/...`.
          if (at >= 0 && program !== 'apt-get' && program !== 'apt' && words.some((w) => /Install-Recommends/i.test(w)))
            configured = true;
          if (at < 0 || (program !== 'apt-get' && program !== 'apt')) continue;
          const sub = words.findIndex((w, i) => !w.startsWith('-') && !/^-[oct]$/.test(words[i - 1] ?? ''));
          if (sub < 0 || words[sub] !== 'install') continue;
          if (configured || words.some((w) => NO_RECOMMENDS.test(w))) continue;
          // `--only-upgrade` upgrades packages the image has and installs none it lacks.
          if (words.includes('--only-upgrade')) continue;
          if (s !== stage) continue;
          if (purgedLater(script.commands.slice(index + 1), packagesOf(words.slice(sub + 1)))) continue;
          const word = command.words[at + 1 + sub]!;
          report({
            range: script.rangeOf(word.start, word.end),
            message: `'${program} install' also installs recommended packages: add --no-install-recommends and name the ones you need.`,
          });
        }
      }
    }
  },
});
