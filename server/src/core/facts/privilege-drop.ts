/**
 * Whether the final image's process steps down from root when it starts: the entrypoint (or CMD)
 * runs a privilege-dropping tool (gosu, su-exec, setpriv, runuser, s6-setuidgid, chroot
 * --userspec, su -c), an entrypoint script readable from the build context does, or the image
 * installs gosu or su-exec and starts an entrypoint script (the official images' pattern: the
 * script runs `exec gosu <user> "$@"`). Such an image runs its program as another user although no
 * USER is set.
 */
import * as path from 'node:path/posix';
import type { Instruction, Stage } from '../model';
import { copiesFromElsewhere } from '../model/queries';
import { INSTALLED_DROP_TOOL, PRIVILEGE_DROP_TOOLS } from '../knowledge/privilege-drop';
import { splitCommands } from '../syntax/shell';
import { commandLineOf } from './stage-facts';

export interface PrivilegeDrop {
  /** The tool that changes the user. */
  tool: string;
  /** Where it was seen. */
  how: 'command' | 'entrypoint script' | 'installed for the entrypoint script';
}

/** The drop tool a simple command runs with dropping arguments, or null. */
function dropIn(words: readonly string[]): string | null {
  let at = 0;
  // Wrappers that run the command after them.
  while (at < words.length && /^(exec|tini|dumb-init|--|catatonit)$/.test(path.basename(words[at]!))) at++;
  const program = path.basename(words[at] ?? '');
  const tool = PRIVILEGE_DROP_TOOLS.find((t) => t.name === program);
  return tool?.drops(words.slice(at + 1)) ? tool.name : null;
}

/** The drop tool a script runs (a shell script, or the script of `sh -c`), or null. */
export function dropInScript(script: string): string | null {
  for (const command of splitCommands(script)) {
    const found = dropIn(command.words);
    if (found) return found;
  }
  return null;
}

/** The drop tool a command line (ENTRYPOINT followed by CMD) runs, or null. */
function dropInCommandLine(words: readonly string[], shell: boolean): string | null {
  if (shell) return dropInScript(words[2] ?? '');
  const direct = dropIn(words);
  if (direct) return direct;
  const program = path.basename(words[0] ?? '');
  if (/^(ba|da|a|z)?sh$/.test(program) && words[1] === '-c') return dropInScript(words[2] ?? '');
  return null;
}

/** Whether a RUN, COPY or ADD names a tool installed for entrypoints (a package, a downloaded path, a check call). */
export function mentionsDropTool(instruction: Instruction): boolean {
  if (instruction.keyword !== 'RUN' && instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  return INSTALLED_DROP_TOOL.test(instruction.argsText);
}

/**
 * How the image that `chain` (the final stage and the stages it is built on, root first) builds
 * drops root at start, or null. `mentions` tells whether an instruction names an installed drop tool
 * (mentionsDropTool, or a remembered reading of it); `readFile` reads an image file that comes from
 * the build context, where the workspace can be read.
 */
export function privilegeDrop(
  chain: readonly Stage[],
  mentions: (instruction: Instruction) => boolean = mentionsDropTool,
  readFile?: (imagePath: string) => string | undefined,
): PrivilegeDrop | null {
  const instructions = chain.flatMap((s) => s.instructions);
  const line = commandLineOf(instructions);
  const inCommand = dropInCommandLine(line.words, line.shell);
  if (inCommand) return { tool: inCommand, how: 'command' };
  const program = line.shell ? '' : (line.words[0] ?? '');
  if (!program) return null;
  if (readFile) {
    // A program named without a folder is looked up on PATH.
    const candidates = program.startsWith('/')
      ? [program]
      : program.includes('/')
        ? []
        : ['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/bin', '/'].map((dir) => path.join(dir, program));
    for (const candidate of candidates) {
      const text = readFile(candidate);
      const inScript = text === undefined ? null : dropInScript(text);
      if (inScript) return { tool: inScript, how: 'entrypoint script' };
    }
  }
  const name = path.basename(program);
  // A script: named like one, or a file of the build context copied into the image.
  const copiedFromContext = instructions.some(
    (i) =>
      (i.keyword === 'COPY' || i.keyword === 'ADD') &&
      !copiesFromElsewhere(i) &&
      i.args.slice(0, -1).some((a) => path.basename(a.value) === name),
  );
  if (!/\.(sh|bash)$|entrypoint/i.test(name) && !copiedFromContext) return null;
  const installer = instructions.find(mentions);
  if (!installer) return null;
  const tool = INSTALLED_DROP_TOOL.exec(installer.argsText)?.[2] ?? 'gosu';
  return { tool, how: 'installed for the entrypoint script' };
}
