import { runScript } from '../facts/run-script';
import { isWindowsImage } from '../facts/platform';
import { distroOf } from '../knowledge/distros';
import { WINDOWS_SHELLS } from '../knowledge/windows-images';
import type { Instruction, Stage } from '../model';
import { shortImageName } from '../model/image';
import { baseProgram, programIndex, type ScriptCommand } from '../syntax/shell-script';
import { stageRule, type Rule } from './types';

/** Commands that cannot fail in a way a pipeline hides: what they write is all they do. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', 'yes', ':']);

/**
 * Whether the pipeline's failure does not hinge on pipefail: a last `grep` that must match fails it
 * when the commands before it fail and write nothing; a `find -exec ldd` or `ldd` scan fails on every
 * static file by design (the docker-library pattern that marks the shared libraries' packages), so
 * pipefail there would break the build rather than catch an error.
 */
function failureNotHidden(pipeline: readonly ScriptCommand[]): boolean {
  const last = pipeline[pipeline.length - 1]!;
  const lastWords = last.words.slice(Math.max(programIndex(last.words), 0)).map((w) => w.value);
  const lastProgram = lastWords[0]?.split('/').pop() ?? '';
  if (/^[ef]?grep$/.test(lastProgram) && !lastWords.some((w) => /^-[A-Za-z]*[vc]|^--(invert-match|count)$/.test(w)))
    return true;
  // `grep ... SHASUMS | sha256sum -c -`: a check with no lines to check fails by itself.
  if (/^(sha\d*|md5|b2)sum$/.test(lastProgram) && lastWords.some((w) => /^-[A-Za-z]*c$|^--check$/.test(w))) return true;
  const first = pipeline[0]!;
  const firstWords = first.words.slice(Math.max(programIndex(first.words), 0)).map((w) => w.value);
  const firstProgram = firstWords[0]?.split('/').pop() ?? '';
  const scanners = new Set(['ldd', 'scanelf']);
  return scanners.has(firstProgram) || (firstProgram === 'find' && firstWords.some((w) => scanners.has(w)));
}

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` among words. */
function setsPipefail(words: readonly string[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if (/^-[A-Za-z]*o$/.test(words[i]!) && words[i + 1] === 'pipefail') return true;
  }
  return false;
}

function jsonWords(instruction: Instruction): string[] | null {
  if (!instruction.json) return null;
  try {
    const parsed = JSON.parse(instruction.argsText) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

type ShellState = 'default' | 'pipefail' | 'other-posix' | 'not-posix';

/** What a SHELL instruction makes of the RUNs after it. */
function shellState(instruction: Instruction): ShellState {
  const words = jsonWords(instruction);
  if (!words || words.length === 0) return 'other-posix';
  const program = words[0]!.split(/[\\/]/).pop() ?? '';
  if (WINDOWS_SHELLS.test(program)) return 'not-posix';
  return setsPipefail(words) ? 'pipefail' : 'other-posix';
}

/** The first pipeline of a script whose failure the shell would hide, as command indexes [first, last]. */
function unguardedPipeline(commands: readonly ScriptCommand[]): [number, number] | null {
  let pipefail = false;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]!;
    const at = programIndex(command.words);
    const words = command.words.slice(Math.max(at, 0)).map((w) => w.value);
    if (words[0] === 'set') {
      if (setsPipefail(words)) pipefail = true;
      else if (words.some((w, k) => /^\+[A-Za-z]*o$/.test(w) && words[k + 1] === 'pipefail')) pipefail = false;
    }
    if (pipefail || (command.after !== '|' && command.after !== '|&')) continue;
    let last = i;
    while (last < commands.length - 1 && (commands[last]!.after === '|' || commands[last]!.after === '|&')) last++;
    const pipeline = commands.slice(i, last + 1);
    const hides =
      pipeline.slice(0, -1).some((c) => !CANNOT_FAIL.has(baseProgram(c.words[programIndex(c.words)]))) &&
      !failureNotHidden(pipeline);
    if (hides) return [i, last];
    i = last;
  }
  return null;
}

/**
 * The shell to set, when the stage's root image is known to have it: bash on Debian and Ubuntu
 * images, BusyBox ash (which knows `-o pipefail`) on Alpine. Null when unknown.
 */
function knownShell(root: Stage): string | null {
  if (root.base.kind !== 'image') return null;
  const image = root.base.image;
  const name = shortImageName(image);
  if (/distroless|busybox|scratch|chainguard|wolfi/.test(name) || /distroless/.test(image.tag ?? '')) return null;
  const family = distroOf(name, image.tag).family;
  if (family === 'debian' || family === 'ubuntu') return '/bin/bash';
  if (family === 'alpine') return '/bin/ash';
  return null;
}

export const pipeWithoutPipefail: Rule = stageRule({
  meta: {
    id: 'pipe-without-pipefail',
    severity: 'warning',
    title: 'A pipe in RUN hides the failure of its first commands (no pipefail)',
    fixTitle: 'Set SHELL with -o pipefail',
    peers: { hadolint: ['DL4006'] },
    docs: {
      what: 'Flags a shell-form RUN with a pipeline (`a | b`) when neither a `SHELL` with `-o pipefail` (in the stage or a stage it is built on) nor a `set -o pipefail` earlier in the same RUN makes the pipeline fail when one of its commands fails. Pipelines whose first commands cannot fail (`echo`, `printf`), that end in a `grep` that must match or a checksum check (`sha256sum -c`), which fail when nothing comes, or that scan binaries with `ldd` or `scanelf` (which fail on static files by design) are not flagged, nor RUNs under a PowerShell or cmd SHELL or on a Windows image.',
      why: 'A pipeline succeeds when its last command does: `curl -fsSL $URL | tar -xz` goes on after a failed download as long as tar exits 0, and the image is built without what the step was meant to put there. With `pipefail` the build stops at the failure. The quick fix sets `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` where the base image is known to have bash (Debian, Ubuntu), and BusyBox ash with the same option on Alpine.',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    const root = chain[0]!;
    if (escapeChar === '`' || (root.base.kind === 'image' && isWindowsImage(root.base.image.raw))) return;
    let state: ShellState = 'default';
    let shellSet = false;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (instruction.keyword === 'SHELL') {
          state = shellState(instruction);
          shellSet = true;
          continue;
        }
        if (s !== stage || instruction.keyword !== 'RUN' || state === 'pipefail' || state === 'not-posix') continue;
        const script = runScript(instruction, source, escapeChar);
        if (!script) continue;
        const pipeline = unguardedPipeline(script.commands);
        if (!pipeline) continue;
        const first = script.commands[pipeline[0]]!;
        const last = script.commands[pipeline[1]]!;
        const shell = shellSet ? null : knownShell(root);
        const line = instruction.range.start.line;
        const indent = source.text.slice(
          source.lineStarts[line],
          source.lineStarts[line]! + instruction.range.start.character,
        );
        const data = shell
          ? {
              edits: [
                {
                  range: { start: { line, character: 0 }, end: { line, character: 0 } },
                  newText: `${/^\s*$/.test(indent) ? indent : ''}SHELL ["${shell}", "-o", "pipefail", "-c"]\n`,
                },
              ],
              title: `Set SHELL ["${shell}", "-o", "pipefail", "-c"] before this RUN`,
            }
          : undefined;
        report({
          range: script.rangeOf(first.start, last.end),
          message: `This pipeline succeeds whenever '${baseProgram(last.words[programIndex(last.words)])}' does, even if a command before it failed: set 'SHELL [..., "-o", "pipefail", "-c"]' (or 'set -o pipefail') before it.`,
          ...(data ? { data } : {}),
        });
      }
    }
  },
});
