import { runScript, type RunScript } from '../facts/run-script';
import type { Instruction, Range } from '../model';
import { resolveIn } from '../syntax/paths';
import { baseProgram, programIndex, type ScriptCommand } from '../syntax/shell-script';
import { splitWords } from '../syntax/words';
import { stageRule, type Rule, type SourceText } from './types';

/** Instructions whose effect does not depend on the working directory. */
const CWD_FREE = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'MAINTAINER', 'SHELL']);

/** A directory `cd` moves to for the rest of the RUN: a literal path, no variable, no `-`, no `~`. */
function literalDirectory(word: string): boolean {
  return word !== '' && !/[$`~*?[\s]/.test(word) && !word.startsWith('-');
}

/** Whether the directory is one that is made to be thrown away. */
function temporary(dir: string): boolean {
  return /^\/(var\/)?tmp(\/|$)/.test(dir);
}

interface LeadingCd {
  command: ScriptCommand;
  dir: string;
  /** Script offsets of `cd DIR && ` (up to the next command). */
  prefixEnd: number;
}

/**
 * The `cd DIR` a RUN starts with, when WORKDIR would do its work: the only top-level `cd` of the RUN,
 * followed by other commands, into a directory that the RUN does not delete and that is no
 * temporary one.
 */
function leadingCd(script: RunScript, cwd: string | null): LeadingCd | null {
  const [first, second] = script.commands;
  if (!first || !second || first.groupDepth > 0 || first.controlDepth > 0 || first.assignments.length > 0) return null;
  if (programIndex(first.words) !== 0 || first.words[0]!.value !== 'cd' || first.words.length !== 2) return null;
  if (first.after !== '&&' && first.after !== ';' && first.after !== '\n') return null;
  const dir = first.words[1]!.value;
  if (!literalDirectory(dir) || first.words[1]!.raw.includes('$')) return null;
  const between = script.script.slice(first.end, second.start);
  if (!/^\s*(&&|;|\n)\s*$/.test(between)) return null;
  const absolute = resolveIn(cwd ?? '/', dir);
  if (temporary(dir) || temporary(absolute)) return null;
  for (const command of script.commands.slice(1)) {
    const program = baseProgram(command.words[programIndex(command.words)]);
    // Moving on (or back) inside the same RUN: the cd is a step of a script, not a place to stay.
    if (program === 'cd' || program === 'pushd' || program === 'popd') return null;
    if (program === 'rm') {
      const removed = command.words.filter((w) => !w.value.startsWith('-')).slice(1);
      for (const w of removed) {
        const target = resolveIn(cwd ?? '/', w.value).replace(/\/\*$/, '');
        if (w.value === dir || absolute === target || absolute.startsWith(`${target}/`)) return null;
      }
    }
  }
  return { command: first, dir, prefixEnd: second.start };
}

/** The working directory after the WORKDIRs of these instructions, or null when none sets one. */
function workdirAfter(instructions: readonly Instruction[], escapeChar: string, cwd: string | null): string | null {
  for (const instruction of instructions) {
    if (instruction.keyword !== 'WORKDIR') continue;
    const path = splitWords(instruction.argsText, escapeChar)[0]?.value ?? '';
    if (path === '' || path.includes('$')) return null;
    cwd = path.startsWith('/') ? resolveIn('/', path) : cwd === null ? null : resolveIn(cwd, path);
  }
  return cwd;
}

/**
 * Whether the working directory this RUN would leave behind (with WORKDIR instead of cd) is never
 * used: the next instruction that depends on it sets it again (an absolute WORKDIR, or a RUN that
 * starts with a `cd` to an absolute path).
 */
function nextSetsItAgain(later: readonly Instruction[], source: SourceText, escapeChar: string): boolean {
  for (const instruction of later) {
    if (CWD_FREE.has(instruction.keyword)) continue;
    if (instruction.keyword === 'WORKDIR') {
      const path = splitWords(instruction.argsText, escapeChar)[0]?.value ?? '';
      return path.startsWith('/');
    }
    if (instruction.keyword === 'RUN') {
      const script = runScript(instruction, source, escapeChar);
      const first = script?.commands[0];
      return (
        !!first &&
        first.words[0]?.value === 'cd' &&
        first.words.length === 2 &&
        first.words[1]!.value.startsWith('/') &&
        first.groupDepth === 0 &&
        first.controlDepth === 0 &&
        (first.after === '&&' || first.after === ';' || first.after === '\n')
      );
    }
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !instruction.json) {
      const destination = instruction.args[instruction.args.length - 1]?.value ?? '';
      if (destination.startsWith('/')) continue;
    }
    return false;
  }
  return false;
}

export const cdInsteadOfWorkdir: Rule = stageRule({
  meta: {
    id: 'cd-instead-of-workdir',
    severity: 'information',
    title: 'RUN starts with cd into a directory that WORKDIR should set',
    fixTitle: 'Move the cd to a WORKDIR',
    peers: { hadolint: ['DL3003'] },
    docs: {
      what: 'Flags a RUN that starts with `cd DIR &&` (or `;`) and stays there: the only top-level `cd` of the RUN, into a literal directory that the RUN does not delete and that is not under /tmp. The docker-library pattern that builds in a temporary directory and goes back (`cd /tmp/build && make && cd / && rm -rf /tmp/build`), `cd` in a subshell `( cd x && make )` and `cd` into a variable are left alone.',
      why: "A `cd` lasts for one RUN; the next RUN, COPY with a relative destination, and the container's command start in the WORKDIR again. Repeating `cd /app &&` in each RUN is easy to forget once, and then a command runs in the wrong directory. WORKDIR states the directory once for every instruction after it and creates it when it is missing. The quick fix removes a `cd` into the directory WORKDIR already set, and moves it into a WORKDIR where the next instruction that depends on the directory sets it again anyway, so nothing after it changes.",
      example:
        'FROM golang:1.22 AS build\nCOPY . /src\nRUN cd /src && go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      better:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    let cwd: string | null = null;
    for (const s of chain.slice(0, -1)) cwd = workdirAfter(s.instructions, escapeChar, cwd);
    const instructions = stage.instructions;
    for (let n = 0; n < instructions.length; n++) {
      const instruction = instructions[n]!;
      if (instruction.keyword === 'WORKDIR') {
        cwd = workdirAfter([instruction], escapeChar, cwd);
        continue;
      }
      if (instruction.keyword !== 'RUN') continue;
      const script = runScript(instruction, source, escapeChar);
      if (!script) continue;
      const found = leadingCd(script, cwd);
      if (!found) continue;
      const absolute = found.dir.startsWith('/') || cwd !== null ? resolveIn(cwd ?? '/', found.dir) : null;
      const prefix: Range = script.rangeOf(found.command.start, found.prefixEnd);
      let data: Record<string, unknown> | undefined;
      if (absolute !== null && absolute === cwd) {
        data = {
          edits: [{ range: prefix, newText: '' }],
          title: `Remove 'cd ${found.dir}': WORKDIR is ${cwd} already`,
        };
      } else if (nextSetsItAgain(instructions.slice(n + 1), source, escapeChar)) {
        const line = instruction.range.start.line;
        const indent = source.text.slice(
          source.lineStarts[line],
          source.lineStarts[line]! + instruction.range.start.character,
        );
        data = {
          edits: [
            {
              range: { start: { line, character: 0 }, end: { line, character: 0 } },
              newText: `${/^\s*$/.test(indent) ? indent : ''}WORKDIR ${found.dir}\n`,
            },
            { range: prefix, newText: '' },
          ],
          title: `Set WORKDIR ${found.dir} instead of 'cd ${found.dir}'`,
        };
      }
      report({
        range: script.rangeOf(found.command.start, found.command.end),
        message:
          absolute !== null && absolute === cwd
            ? `'cd ${found.dir}' moves to the WORKDIR this RUN already starts in.`
            : `'cd ${found.dir}' lasts for this RUN only: set 'WORKDIR ${found.dir}' so every instruction after it runs there.`,
        ...(data ? { data } : {}),
      });
    }
  },
});
