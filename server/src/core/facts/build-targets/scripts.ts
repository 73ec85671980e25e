/**
 * Makefiles (`Makefile`, `*.mk`) and shell scripts that run `docker build --target`. A Makefile's
 * recipes run in its own folder, each line in a shell of its own; a script may run from its folder or
 * from the root (`./scripts/build.sh`), so both are candidates.
 */
import {
  buildOf,
  dockerBuildCommands,
  expandWord,
  markBuildRoles,
  pushesImages,
  type SourceMountedRun,
  sourceMountedRuns,
  unique,
} from './commands';
import { dirOf } from './paths';
import type { BuildFileText, BuildTarget } from './types';

/** Make's variable assignments: `NAME = v`, `NAME := v`, `NAME ?= v`, `NAME ::= v`, with `export`/`override`. */
const MAKE_ASSIGNMENT = /^(?:(?:export|override)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?|:{1,3}|\+)?=\s*(.*)$/;
/** A rule line: `name other: prerequisites` (not an assignment, not a recipe). */
const MAKE_RULE = /^([^\s:=#][^:=#]*?)\s*::?(?!=)/;

/** Make's `$(NAME)` and `${NAME}` replaced from the assignments; `$$` becomes the shell's `$`. */
function expandMake(line: string, vars: ReadonlyMap<string, string>, depth = 0): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = line[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(' || next === '{') {
      const close = line.indexOf(next === '(' ? ')' : '}', i + 2);
      const name = close < 0 ? '' : line.slice(i + 2, close);
      const value = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) ? vars.get(name) : undefined;
      // An unknown make variable or function call becomes a shell substitution: unknown downstream.
      // The working directory (`$(CURDIR)`, `$(shell pwd)`) stays as written: it names the working tree.
      out +=
        value !== undefined && depth < 8
          ? expandMake(value, vars, depth + 1)
          : /^(?:CURDIR|shell pwd)$/.test(name)
            ? line.slice(i, close + 1)
            : '$(unknown)';
      i = close < 0 ? line.length : close;
    } else {
      out += '$(unknown)';
      i++;
    }
  }
  return out;
}

/** The logical lines of a text (backslash continuations joined), each with its first line, zero-based. */
function logicalLines(text: string, continued: (next: string) => string): { line: number; text: string }[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${continued(lines[++i]!)}`;
    out.push({ line: start, text: line });
  }
  return out;
}

export function readMakefile(file: BuildFileText): BuildTarget[] {
  const vars = new Map<string, string>();
  const out: BuildTarget[] = [];
  // Containers the recipes run on the working tree, and whether any recipe pushes an image.
  const runs: SourceMountedRun[] = [];
  let pushes = false;
  const dir = dirOf(file.path);
  let rule = '';
  for (const { line: start, text: line } of logicalLines(file.text, (next) => next.replace(/^\t/, ''))) {
    if (line.startsWith('\t')) {
      const recipe = expandMake(line.slice(1).replace(/^[@+-]+/, ''), vars);
      for (const command of dockerBuildCommands(recipe, { vars: new Map(), dirs: [dir] })) {
        out.push(buildOf(command, file.path, rule ? `rule ${rule}` : `line ${start + 1}`));
      }
      runs.push(...sourceMountedRuns(recipe));
      pushes ||= pushesImages(recipe);
      continue;
    }
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    const assignment = MAKE_ASSIGNMENT.exec(line);
    if (assignment) {
      const [, name, kind, value] = assignment;
      const text = value!.replace(/\s+#.*$/, '').trim();
      if (kind === '+') vars.set(name!, `${vars.get(name!) ?? ''} ${text}`.trim());
      else if (kind !== '?' || !vars.has(name!)) vars.set(name!, text);
      continue;
    }
    const ruleLine = MAKE_RULE.exec(line);
    if (ruleLine) rule = ruleLine[1]!.trim().split(/\s+/)[0]!;
  }
  markBuildRoles(out, runs, pushes, (text) => expandWord(expandMake(text, vars), new Map()));
  return out;
}

/** A line that may run a build, change directory or set a variable. */
const MAY_MATTER = /\b(?:build|bud|b|cd|pushd)\b|=/;

/** A shell script, line by line: assignments and `cd` carry over to the lines after them. */
export function readShellScript(file: BuildFileText): BuildTarget[] {
  const dir = dirOf(file.path);
  const state = { vars: new Map<string, string>(), dirs: unique([dir, '']), script: file.path };
  const out: BuildTarget[] = [];
  for (const { line, text } of logicalLines(file.text, (next) => next)) {
    // Only lines that may build, move or assign are read through the shell splitter.
    if (!MAY_MATTER.test(text)) continue;
    for (const command of dockerBuildCommands(text, state)) {
      out.push(buildOf(command, file.path, `line ${line + 1}`));
    }
  }
  const pushes = pushesImages(file.text);
  markBuildRoles(out, sourceMountedRuns(file.text), pushes, (text) => expandWord(text, state.vars));
  return out;
}
