import { runScript } from '../facts/run-script';
import { baseProgram, programIndex } from '../syntax/shell-script';
import { instructionRule, type Rule } from './types';

/** UIDs from here on make lastlog and faillog sparse files of tens of megabytes that layers store in full. */
const LARGE_UID = 100000;

export const useraddWithoutNoLogInit: Rule = instructionRule({
  meta: {
    id: 'useradd-without-no-log-init',
    severity: 'warning',
    title: 'useradd with a large UID and without --no-log-init',
    fixTitle: 'Add --no-log-init',
    peers: { hadolint: ['DL3046'] },
    docs: {
      what: 'Flags `useradd` with a UID of 100000 or more (`-u`, `--uid`) and without `-l`/`--no-log-init`.',
      why: "useradd writes the new user's record into /var/log/lastlog and /var/log/faillog at an offset proportional to the UID. On disk those files are sparse, but an image layer stores them in full: a UID of 1000000 adds about 300 MB to the image. `--no-log-init` skips those records, which a container does not use.",
      example: 'FROM debian:bookworm-slim\nRUN useradd --uid 1000000 --create-home app\nUSER app\nCMD ["bash"]\n',
      better:
        'FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid 1000000 --create-home app\nUSER app\nCMD ["bash"]\n',
    },
  },
  keywords: ['RUN'],
  checkInstruction(instruction, { source, escapeChar, report }) {
    const script = runScript(instruction, source, escapeChar);
    if (!script) return;
    for (const command of script.commands) {
      const at = programIndex(command.words);
      const program = command.words[at];
      if (at < 0 || !program || baseProgram(program) !== 'useradd') continue;
      const words = command.words.slice(at + 1).map((w) => w.value);
      let uid: string | null = null;
      let noLogInit = false;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w === '-l' || w === '--no-log-init' || /^-[A-Za-z]*l[A-Za-z]*$/.test(w)) noLogInit = true;
        if (w === '-u' || w === '--uid') uid = words[i + 1] ?? null;
        else if (w.startsWith('--uid=')) uid = w.slice('--uid='.length);
        else if (/^-u\d+$/.test(w)) uid = w.slice(2);
      }
      if (noLogInit || uid === null || !/^\d+$/.test(uid) || Number(uid) < LARGE_UID) continue;
      report({
        range: script.rangeOf(program.start, program.end),
        message: `useradd with UID ${uid} writes lastlog and faillog records that make the layer about ${Math.round((Number(uid) * 292) / 1e6)} MB larger: add --no-log-init.`,
        data: { replacement: `${program.value} --no-log-init` },
      });
    }
  },
});
