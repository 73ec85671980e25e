import { stageFacts as readStage } from '../facts/stage-facts';
import { WINDOWS_ROOT } from '../facts/platform';
import { baseName, resolvePath } from '../syntax/paths';
import { splitCommands } from '../syntax/shell';
import { unquote } from '../syntax/words';
import type { DockerfileModel, Instruction, Stage } from '../model/types';

/**
 * The working directory in force just before instruction `before` of a stage (or at its end when
 * `before` is omitted), as the facts layer reads it: WORKDIRs of the stage and of the stages it is
 * built FROM, variables it knows, and the defaults of well-known base images. A WORKDIR given by a
 * variable without a known value is shown as written.
 */
export function workdirAt(model: DockerfileModel, stage: Stage, before?: Instruction): string {
  const facts = readStage(model, stage);
  const at = before ? stage.instructions.indexOf(before) : -1;
  const dir = at >= 0 ? facts.workdirs[at] : facts.workdir;
  if (dir !== null && dir !== undefined) return dir;
  const last = stage.instructions
    .slice(0, at >= 0 ? at : undefined)
    .reverse()
    .find((i) => i.keyword === 'WORKDIR' && i.args.length > 0);
  return last ? unquote(last.args.map((a) => a.value).join(' ')) : '/';
}

/** How paths of a stage resolve: Windows' rules in a Windows stage (`C:\\app`), POSIX otherwise. */
export interface StagePaths {
  windows: boolean;
  /** The root relative `COPY --from` sources are read from. */
  root: string;
  /** Resolves `p` against the absolute directory `dir`. */
  resolve(dir: string, p: string): string;
  /** The last element of a path. */
  baseName(p: string): string;
}

/** The path rules of a stage, from the facts layer's platform. */
export function stagePaths(model: DockerfileModel, stage: Stage): StagePaths {
  const facts = readStage(model, stage);
  if (!facts.windows) return { windows: false, root: '/', resolve: resolvePath, baseName };
  return {
    windows: true,
    root: WINDOWS_ROOT,
    resolve: facts.resolvePath,
    baseName: (p) =>
      p
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? p,
  };
}

/** The simple commands of a script as written (continuations folded), for display. */
export function simpleCommands(script: string): string[] {
  return splitCommands(script).map((c) => c.text);
}

/** Commands that set up or clean up and say nothing about what a stage does. */
const NOISE = [
  /^set\b/,
  /^(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:update|upgrade|clean|autoremove)\b/,
  /^rm\s/,
  /^(?:echo|true|:|exit)\b/,
  /^cd\s/,
  /^mkdir\s/,
  /^#/,
  /^(?:for|if|fi|done|while|until|case|esac|elif|else|then|do)\b/,
  /^[{}()]/,
  /^(?:export|unset|source|\.)\s/,
];

/** Leading `do`, `then` or `else` of a command inside a loop or condition. */
const CONTROL_PREFIX = /^(?:(?:do|then|else)\s+|(?:"[^"]*"|'[^']*'|[\w*./|-]+)\)\s*)/;

/** Leading `VAR=value` assignments, dropped from the condensed form. */
const ASSIGNMENTS = /^(?:[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|\$\((?:[^()]|\([^()]*\))*\)|[^\s"'])*\s+)+/;

const INSTALL = /^(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:install|add)\b/;

/** A short form of a simple command: package installs keep only the package names. */
function condense(full: string): string {
  const command = full.replace(ASSIGNMENTS, '');
  if (INSTALL.test(command)) {
    const words = command.split(' ');
    const packages = words.slice(2).filter((w) => !w.startsWith('-') && !w.includes('=') && !w.startsWith('$'));
    const shown = packages.slice(0, 4).join(' ');
    return `${words[0]} ${words[1]} ${shown}${packages.length > 4 ? ' …' : ''}`.trim();
  }
  return command.length > 60 ? `${command.slice(0, 59)}…` : command;
}

/** The shell script a RUN executes: its heredoc bodies, or its command text. */
function scriptOf(run: Instruction): string {
  if (run.heredocs.length > 0) return run.heredocs.map((h) => h.content).join('\n');
  if (run.json) {
    try {
      const parsed: unknown = JSON.parse(run.argsText.slice(run.argsText.indexOf('[')));
      if (Array.isArray(parsed)) return parsed.map(String).join(' ');
    } catch {
      // Not valid JSON after all: use the text.
    }
  }
  return run.args.map((a) => a.value).join(' ');
}

export interface StageFacts {
  /** Condensed commands of the stage's RUN steps, in order. */
  steps: string[];
  /** Build outputs, resolved to absolute paths where the working directory is known. */
  outputs: string[];
  /** WORKDIR at the end of the stage. */
  workdir: string;
}

/** What a stage does, condensed: its RUN commands and the files they produce (from the facts layer). */
export function stageFacts(model: DockerfileModel, stage: Stage): StageFacts {
  const steps: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    for (const raw of simpleCommands(scriptOf(instruction))) {
      const command = raw.replace(CONTROL_PREFIX, '');
      if (command === '' || NOISE.some((n) => n.test(command)) || `${command} `.replace(ASSIGNMENTS, '') === '')
        continue;
      const short = condense(command);
      if (!steps.includes(short)) steps.push(short);
    }
  }
  const outputs: string[] = [];
  for (const build of readStage(model, stage).builds) {
    const produced =
      build.output.artifacts.length > 0
        ? build.output.artifacts
        : build.output.directory
          ? [build.output.directory]
          : [];
    for (const out of produced) if (!outputs.includes(out)) outputs.push(out);
  }
  return { steps, outputs, workdir: workdirAt(model, stage) };
}
