import { buildOutputsOf } from '../knowledge/build-outputs';
import { shortImageName } from '../model/image';
import type { DockerfileModel, Instruction, Stage } from '../model/types';
import { isAbsolute, resolvePath } from './paths';

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

/** Splits a shell command line into its simple commands. */
function simpleCommands(script: string): string[] {
  return script
    .split(/&&|\|\||;|\n|(?<!\|)\|(?!\|)/)
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter((c) => c.length > 0);
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
];

const INSTALL = /^(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:install|add)\b/;

/** A short form of a simple command: package installs keep only the package names. */
function condense(command: string): string {
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
    for (const command of simpleCommands(scriptOf(instruction))) {
      const cd = /^cd\s+(\S+)$/.exec(command);
      if (cd) dir = resolvePath(dir, unquote(cd[1]!));
      if (NOISE.some((n) => n.test(command))) continue;
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
