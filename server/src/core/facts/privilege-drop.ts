/**
 * Whether the final image's process steps down from root when it starts: the entrypoint (or CMD)
 * runs a privilege-dropping tool (gosu, su-exec, setpriv, runuser, s6-setuidgid, chroot
 * --userspec, su -c), an entrypoint script readable from the build context does, or the image
 * installs gosu or su-exec and starts an entrypoint script (the official images' pattern: the
 * script runs `exec gosu <user> "$@"`). The same pattern with the tool the base already ships:
 * no USER, a system account of the service's own (`groupadd -r`, `useradd -r`, `adduser -S`) and an
 * entrypoint script on a Debian or Ubuntu base, whose util-linux has `setpriv` (valkey's and
 * couchdb's images run `exec setpriv --reuid=<user> …`). And an image built on an official database
 * image (postgres, mysql, redis ...) that keeps its entrypoint and starts its server: that entrypoint
 * steps down with gosu. Such an image runs its program as another user although no USER is set.
 */
import * as path from 'node:path/posix';
import type { Instruction, Stage } from '../model';
import { shortImageName } from '../model/image';
import { copiesFromElsewhere } from '../model/queries';
import { distroOf } from '../knowledge/distros';
import {
  BASE_DROP_TOOL,
  BASE_ENTRYPOINT_DROPS,
  INSTALLED_DROP_TOOL,
  PRIVILEGE_DROP_TOOLS,
  SYSTEM_ACCOUNT_OPTIONS,
} from '../knowledge/privilege-drop';
import { splitCommands } from '../syntax/shell';
import { commandLineOf } from './stage-facts';

export interface PrivilegeDrop {
  /** The tool that changes the user. */
  tool: string;
  /** Where it was seen. */
  how:
    | 'command'
    | 'entrypoint script'
    | 'installed for the entrypoint script'
    | 'shipped by the base'
    | "the base image's entrypoint";
}

/** Wrappers that run the command after them (init processes that reap zombies and pass signals). */
const WRAPPER = /^(exec|tini|tini-static|dumb-init|--|catatonit)$/;

/** Where the program starts in a command line: after wrappers such as `tini --` and their options. */
function startOfProgram(words: readonly string[]): number {
  let at = 0;
  while (at < words.length && WRAPPER.test(path.basename(words[at]!))) {
    at++;
    // An init's own options (`tini -g --`, `tini -p SIGTERM --`, `dumb-init --rewrite 15:2 --`).
    while (at < words.length && words[at]!.startsWith('-') && words[at] !== '--')
      at += /^(-p|-e|-r|--rewrite)$/.test(words[at]!) ? 2 : 1;
  }
  return at;
}

/** The drop tool a simple command runs with dropping arguments, or null. */
function dropIn(words: readonly string[]): string | null {
  const at = startOfProgram(words);
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
  const inherited = baseEntrypointDrop(chain, instructions, line.words, line.shell);
  if (inherited) return { tool: inherited, how: "the base image's entrypoint" };
  const program = line.shell ? '' : (line.words[startOfProgram(line.words)] ?? '');
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
  const namedLikeScript = /\.(sh|bash)$|entrypoint/i.test(name);
  if (!namedLikeScript && !copiedFromContext) return null;
  const installer = instructions.find(mentions);
  if (installer) {
    const tool = INSTALLED_DROP_TOOL.exec(installer.argsText)?.[2] ?? 'gosu';
    return { tool, how: 'installed for the entrypoint script' };
  }
  // The base ships the tool: an entrypoint script (by its name: a copied program may be the server
  // itself), a system account made for the service, no USER, and setpriv at hand.
  if (!namedLikeScript || instructions.some((i) => i.keyword === 'USER')) return null;
  if (!instructions.some(createsSystemAccount)) return null;
  const tool = baseDropTool(chain);
  return tool ? { tool, how: 'shipped by the base' } : null;
}

/**
 * The tool with which an official image's inherited entrypoint steps down (postgres, mysql, redis
 * ...), or null: the image keeps the base's ENTRYPOINT and sets no USER, and its command is the base's
 * default or starts the server (`CMD ["postgres", "-c", "…"]`).
 */
function baseEntrypointDrop(
  chain: readonly Stage[],
  instructions: readonly Instruction[],
  words: readonly string[],
  shell: boolean,
): string | null {
  const root = chain[0];
  if (root?.base.kind !== 'image' || root.base.image.hasVariable) return null;
  const known = BASE_ENTRYPOINT_DROPS.get(shortImageName(root.base.image));
  if (!known || instructions.some((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'USER')) return null;
  if (!instructions.some((i) => i.keyword === 'CMD')) return known.tool;
  return !shell && known.servers.includes(path.basename(words[0] ?? '')) ? known.tool : null;
}

/** Whether a RUN creates a system account (`useradd -r`, `groupadd --system`, `adduser -S`). */
export function createsSystemAccount(instruction: Instruction): boolean {
  if (instruction.keyword !== 'RUN') return false;
  for (const command of splitCommands(instruction.argsText)) {
    const option = SYSTEM_ACCOUNT_OPTIONS.get(path.basename(command.words[0] ?? ''));
    if (option && command.words.slice(1).some((w) => option.test(w))) return true;
  }
  return false;
}

/**
 * The drop tool every image of the chain's base distribution has, or null: known from the root
 * image's name and tag, or from apt-get or dpkg run in the chain (only Debian and Ubuntu have them).
 */
function baseDropTool(chain: readonly Stage[]): string | null {
  const root = chain[0];
  if (root?.base.kind === 'image') {
    const family = distroOf(shortImageName(root.base.image), root.base.image.tag).family;
    if (BASE_DROP_TOOL.has(family)) return BASE_DROP_TOOL.get(family)!;
  }
  const apt = chain.some((s) =>
    s.instructions.some(
      (i) =>
        i.keyword === 'RUN' &&
        splitCommands(i.argsText).some((c) => /^(apt-get|apt|dpkg)$/.test(path.basename(c.words[0] ?? ''))),
    ),
  );
  return apt ? (BASE_DROP_TOOL.get('debian') ?? null) : null;
}
