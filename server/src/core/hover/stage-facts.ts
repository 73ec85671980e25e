import { buildOutputsOf } from '../knowledge/build-outputs';
import { shortImageName } from '../model/image';
import type { DockerfileModel, Instruction, Stage } from '../model/types';
import { isAbsolute, resolvePath } from '../syntax/paths';

/**
 * WORKDIRs that official images set. A stage on such an image resolves relative paths against it
 * until it sets its own WORKDIR; every other image starts at `/`.
 */
const IMAGE_WORKDIRS: Readonly<Record<string, string>> = {
  golang: '/go',
  php: '/var/www/html',
  wordpress: '/var/www/html',
  httpd: '/usr/local/apache2',
  tomcat: '/usr/local/tomcat',
};

function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!) ? value.slice(1, -1) : value;
}

/**
 * The working directory in force just before instruction `before` of a stage (or at its end when
 * `before` is omitted), following WORKDIRs of the stage and of the stages it is built FROM.
 */
export function workdirAt(model: DockerfileModel, stage: Stage, before?: Instruction, depth = 0): string {
  let dir = '/';
  const base = stage.base;
  if (base.kind === 'stage' && base.stage < stage.index && depth < model.stages.length) {
    dir = workdirAt(model, model.stages[base.stage]!, undefined, depth + 1);
  } else if (base.kind === 'image') {
    dir = IMAGE_WORKDIRS[shortImageName(base.image)] ?? '/';
  }
  for (const instruction of stage.instructions) {
    if (before && instruction.index >= before.index) break;
    if (instruction.keyword !== 'WORKDIR' || instruction.args.length === 0) continue;
    const value = unquote(instruction.args.map((a) => a.value).join(' '));
    // A WORKDIR given by a variable is shown as written.
    dir = value.startsWith('$') ? value : resolvePath(dir, value);
  }
  return dir;
}

/**
 * Splits a shell script into its simple commands at `&&`, `||`, `|`, `;` and line breaks outside
 * quotes. A sketch of shell syntax, enough to name the steps of a stage.
 */
export function simpleCommands(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  // Depth of `$(...)` and backquote substitutions, inside which nothing splits.
  let depth = 0;
  let backquote = false;
  const push = (): void => {
    const command = current.replace(/\s+/g, ' ').trim();
    if (command.length > 0) out.push(command);
    current = '';
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === '\\' && quote === '"' && i + 1 < script.length) {
        current += c + script[++i];
        continue;
      }
      if (c === quote) quote = null;
      current += c;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      // An escaped line break continues the command; any other escape is kept.
      const next = script[++i]!;
      current += next === '\n' ? ' ' : c + next;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '$' && script[i + 1] === '(') {
      depth++;
      current += '$(';
      i++;
    } else if (c === ')' && depth > 0) {
      depth--;
      current += c;
    } else if (c === '`') {
      backquote = !backquote;
      current += c;
    } else if (depth > 0 || backquote) {
      current += c;
    } else if (c === ';' || c === '\n') {
      push();
    } else if ((c === '&' || c === '|') && script[i + 1] === c) {
      push();
      i++;
    } else if (c === '|') {
      push();
    } else {
      current += c;
    }
  }
  push();
  return out;
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
const CONTROL_PREFIX = /^(?:(?:do|then|else)\s+|(?:"[^"]*"|'[^']*'|[\w*.\/|-]+)\)\s*)/;

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

/** What a stage does, condensed: its RUN commands and the files they produce. */
export function stageFacts(model: DockerfileModel, stage: Stage): StageFacts {
  const steps: string[] = [];
  const outputs: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    let dir = workdirAt(model, stage, instruction);
    for (const raw of simpleCommands(scriptOf(instruction))) {
      const command = raw.replace(CONTROL_PREFIX, '');
      const cd = /^cd\s+(\S+)$/.exec(command);
      if (cd) dir = resolvePath(dir, unquote(cd[1]!));
      if (command === '' || NOISE.some((n) => n.test(command)) || `${command} `.replace(ASSIGNMENTS, '') === '') continue;
      const short = condense(command);
      if (!steps.includes(short)) steps.push(short);
      for (const out of buildOutputsOf(command)) {
        const path = isAbsolute(out) || out.includes('$') ? out : resolvePath(dir, out);
        if (!outputs.includes(path)) outputs.push(path);
      }
    }
  }
  return { steps, outputs, workdir: workdirAt(model, stage) };
}
