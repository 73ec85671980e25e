import { runScript } from '../facts/run-script';
import type { Range } from '../model';
import { baseProgram, programIndex } from '../syntax/shell-script';
import { stageRule, type Rule } from './types';

/** Package managers and the subcommand that installs what follows it. */
const INSTALL: Readonly<Record<string, ReadonlySet<string>>> = {
  'apt-get': new Set(['install']),
  apt: new Set(['install']),
  apk: new Set(['add']),
  yum: new Set(['install']),
  dnf: new Set(['install']),
  microdnf: new Set(['install']),
  zypper: new Set(['install', 'in']),
};

/** `curl`, `curl=7.88.1-10`, `wget>1.21`: the package's name. */
function packageName(word: string): string {
  return word.split(/[=<>~]/)[0]!;
}

export const wgetAndCurlInstalled: Rule = stageRule({
  meta: {
    id: 'wget-and-curl-installed',
    severity: 'information',
    title: 'Both wget and curl are installed',
    peers: { hadolint: ['DL4001'] },
    docs: {
      what: 'Flags the install of `wget` in a stage (or the stages it is built on) that installs `curl` too, or the other way round, with apt-get, apk, yum, dnf, microdnf or zypper. Using a tool the base image already ships is not flagged, nor an install that a later command of the stage removes again (`apt-get purge`, `apk del`, the docker-library `apt-mark auto` then `purge --auto-remove`): only keeping both.',
      why: 'Both download files; an image that installs both carries two HTTP clients, their libraries and their security updates for one job. Pick one (curl, with `-fsSL`, is in most base images that have either).',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl wget && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    // The installs still in the image: a later removal in the chain takes one back.
    const kept = new Map<string, { range: Range; here: boolean }>();
    let autoMarked = false;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (instruction.keyword !== 'RUN') continue;
        const script = runScript(instruction, source, escapeChar);
        if (!script) continue;
        for (const command of script.commands) {
          const at = programIndex(command.words);
          if (at < 0) continue;
          const program = baseProgram(command.words[at]);
          const rest = command.words.slice(at + 1);
          const sub = rest.findIndex((w) => !w.value.startsWith('-'));
          const subcommand = sub < 0 ? '' : rest[sub]!.value;
          const names = rest.slice(sub + 1).map((w) => packageName(w.value));
          // docker-library: `apt-mark auto '.*'` then `apt-get purge --auto-remove` removes what was installed.
          if (program === 'apt-mark' && subcommand === 'auto' && names.includes('.*')) autoMarked = true;
          if (
            (program === 'apt-get' || program === 'apt') &&
            (subcommand === 'purge' || subcommand === 'remove' || subcommand === 'autoremove')
          ) {
            if (autoMarked && rest.some((w) => w.value === '--auto-remove' || subcommand === 'autoremove'))
              kept.clear();
            for (const name of names) kept.delete(name);
          }
          if (
            (program === 'apk' && subcommand === 'del') ||
            (/^(yum|dnf|microdnf)$/.test(program) && subcommand === 'remove')
          )
            for (const name of names) kept.delete(name);
          const installs = INSTALL[program];
          if (!installs || sub < 0 || !installs.has(subcommand)) continue;
          for (const word of rest.slice(sub + 1)) {
            const name = packageName(word.value);
            if ((name === 'curl' || name === 'wget') && !kept.has(name))
              kept.set(name, { range: script.rangeOf(word.start, word.end), here: s === stage });
          }
        }
      }
    }
    const curl = kept.get('curl');
    const wget = kept.get('wget');
    if (!curl || !wget) return;
    const [first, second, name, other] =
      curl.range.start.line < wget.range.start.line ||
      (curl.range.start.line === wget.range.start.line && curl.range.start.character < wget.range.start.character)
        ? [curl, wget, 'wget', 'curl']
        : [wget, curl, 'curl', 'wget'];
    if (!second.here || first === second) return;
    report({ range: second.range, message: `${name} is installed beside ${other}: one HTTP client is enough.` });
  },
});
