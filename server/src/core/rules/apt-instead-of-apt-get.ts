import { runScript } from '../facts/run-script';
import { baseProgram, programIndex } from '../syntax/shell-script';
import { instructionRule, type Rule } from './types';

/** apt's subcommands that apt-get has under the same name, doing the same. */
const APT_GET_SUBCOMMANDS = new Set([
  'update',
  'upgrade',
  'install',
  'reinstall',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'dist-upgrade',
  'clean',
  'autoclean',
  'source',
  'build-dep',
  'download',
  'changelog',
  'satisfy',
]);
/**
 * apt's subcommands that neither apt-get nor apt-cache has: in a build there is no other tool to
 * use for them (`apt modernize-sources` rewrites the sources to the deb822 format).
 */
const APT_ONLY_SUBCOMMANDS = new Set([
  'modernize-sources',
  'edit-sources',
  'why',
  'why-not',
  'history-list',
  'history-info',
  'history-undo',
  'history-redo',
  'history-rollback',
]);
/** apt's subcommands that are apt-cache's. */
const APT_CACHE_SUBCOMMANDS = new Set(['search', 'show', 'showsrc', 'policy', 'depends', 'rdepends', 'madison']);

export const aptInsteadOfAptGet: Rule = instructionRule({
  meta: {
    id: 'apt-instead-of-apt-get',
    severity: 'warning',
    title: 'apt in RUN: its command-line interface is not stable for scripts',
    fixTitle: 'Replace apt with apt-get (or apt-cache)',
    peers: { hadolint: ['DL3027'] },
    docs: {
      what: 'Flags `apt` run by a RUN instruction (also behind `sudo` or `env`), except its subcommands that apt-get and apt-cache do not have (`apt modernize-sources`, `apt why`, `apt edit-sources`, the `history-*` ones): there is no other tool to run them with. `apt list` is still flagged: its output is the unstable one apt warns about, and `dpkg-query` or `apt-cache` give the same answer in a stable form.',
      why: '`apt` is the interactive front end: its output and behaviour may change between releases, and it warns that it "does not have a stable CLI interface" when its output is not a terminal. `apt-get` (and `apt-cache` for queries) are the scriptable tools with the same packages; a build is a script.',
      example:
        'FROM debian:bookworm-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    },
  },
  keywords: ['RUN'],
  checkInstruction(instruction, { source, escapeChar, report }) {
    const script = runScript(instruction, source, escapeChar);
    if (!script) return;
    for (const command of script.commands) {
      const at = programIndex(command.words);
      const program = command.words[at];
      if (at < 0 || !program || baseProgram(program) !== 'apt' || program.quoted) continue;
      let subcommand = '';
      for (let i = at + 1; i < command.words.length; i++) {
        const word = command.words[i]!.value;
        if (/^-[oct]$/.test(word))
          i++; // an option with its value: -o Dpkg::Options::=...
        else if (!word.startsWith('-')) {
          subcommand = word;
          break;
        }
      }
      if (APT_ONLY_SUBCOMMANDS.has(subcommand)) continue;
      const tool = APT_GET_SUBCOMMANDS.has(subcommand)
        ? 'apt-get'
        : APT_CACHE_SUBCOMMANDS.has(subcommand)
          ? 'apt-cache'
          : null;
      const replacement = tool ? program.value.replace(/apt$/, tool) : null;
      report({
        range: script.rangeOf(program.start, program.end),
        message: `apt is meant for people at a terminal; in a build use ${tool ?? 'apt-get or apt-cache'}${subcommand ? ` (${tool ?? 'apt'} ${subcommand})` : ''}.`,
        ...(replacement ? { data: { replacement } } : {}),
      });
    }
  },
});
