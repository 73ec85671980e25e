import { runScript } from '../facts/run-script';
import { DEV_CONTAINER_IMAGES, SUDO_USER_IMAGES } from '../knowledge/nonroot-images';
import type { Instruction } from '../model';
import { shortImageName } from '../model/image';
import { splitWords } from '../syntax/words';
import { baseConfigurationKnown, baseNameIsVariable } from './helpers/image-ref';
import { stageRule, type Rule } from './types';

/** Whether a USER instruction names root (user `root` or uid 0, with or without a group). */
function namesRoot(instruction: Instruction, escapeChar: string): boolean | null {
  const user = (splitWords(instruction.argsText, escapeChar)[0]?.value ?? '').split(':')[0]!;
  if (user === '' || user.includes('$')) return null;
  return user === 'root' || user === '0';
}

/** Options of sudo that take a value. */
const SUDO_VALUE = /^-[ugCDhprtTU]$/;

export const sudoInRun: Rule = stageRule({
  meta: {
    id: 'sudo-in-run',
    severity: 'warning',
    title: 'sudo in RUN to become root',
    peers: { hadolint: ['DL3004'] },
    docs: {
      what: "Flags `sudo` in a RUN that runs a command as root (no `-u`, or `-u root`). `sudo -u <user>`, which steps down from root to another user, is left alone. The message says the RUN runs as root already only where that is known: no USER in the stage or the stages it is built on, on a base whose configuration is known (Docker Hub's official and well-known images, Microsoft's .NET and Windows images, distroless, Red Hat's UBI). On a vendor's or a project's own base image, which may set a USER of its own, it says what to do in either case. Not flagged: sudo on a base image whose own user has passwordless sudo by design (OCaml's `ocaml/opam`, Conan's `conanio/*` images, Gitpod's `gitpod/workspace-*` images), or on a base given wholly by a build argument (`FROM $BUILD_BASE`: whoever builds chooses it, and the sudo there can only work on a base whose user may sudo without a password), where the file sets no USER; sudo after a USER that is not root on Microsoft's dev container images (`mcr.microsoft.com/devcontainers/*`, `vscode/devcontainers/*`), which give their user passwordless sudo for the developer working in the container (with no USER there, the RUN runs as root and sudo adds nothing: flagged); and sudo as a user this file switches to (by name, or by a variable such as `USER ${USER_NAME}`) after an earlier RUN gave passwordless sudo (`NOPASSWD` written into /etc/sudoers): a `USER root` step would not take away what the grant gives.",
      why: 'A RUN runs as the USER of its stage, root unless a USER instruction said otherwise. As root, sudo does nothing but tie the build to the sudo package and its configuration (a password prompt, `requiretty`, a reset environment). After `USER app`, reaching for sudo means the image keeps a user who may become root at any time; switch with `USER root` for the step and back to the unprivileged user after it instead.',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\nRUN sudo mkdir -p /srv/data\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\nRUN mkdir -p /srv/data\nUSER nobody\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    // The user the RUNs run as: true for root, false for another, null when a variable hides it or
    // the base image chooses it: Docker's default is root, but a vendor's or a project's own base
    // image may set another user.
    let root: boolean | null = baseConfigurationKnown(chain[0]!.base) ? true : null;
    // The USER the stage set last, as written (`$USERNAME`), or null while the base image chooses.
    let userText: string | null = null;
    // The base image's own user has passwordless sudo by design (`ocaml/opam`): sudo is how the
    // image expects a build to reach system files, and switching USER would work against it.
    const base = chain[0]!.base;
    // A base given wholly by a build argument (`FROM $BUILD_BASE`) is chosen by whoever builds: with
    // no USER in the file, sudo there is how the file reaches root on whatever base is passed, which
    // must let its user sudo without a password (a build cannot answer a prompt).
    const baseSudoUser =
      (base.kind === 'image' && SUDO_USER_IMAGES.some((re) => re.test(shortImageName(base.image)))) ||
      baseNameIsVariable(base);
    // Microsoft's dev container images give their non-root user passwordless sudo by design, for the
    // developer working in the container: after USER, sudo is how such a file reaches root.
    const devContainerBase = base.kind === 'image' && DEV_CONTAINER_IMAGES.test(shortImageName(base.image));
    // A RUN before has written a passwordless sudo grant (`NOPASSWD` into /etc/sudoers): the user
    // this file switches to may become root by design, which a USER root step would not change.
    let sudoGranted = false;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (instruction.keyword === 'USER') {
          root = namesRoot(instruction, escapeChar);
          userText = instruction.argsText.trim();
          continue;
        }
        if (
          instruction.keyword === 'RUN' &&
          /NOPASSWD/.test(instruction.argsText) &&
          /sudoers/.test(instruction.argsText)
        )
          sudoGranted = true;
        if (s !== stage || instruction.keyword !== 'RUN') continue;
        if (
          // The user may be a variable (`USER ${USER_NAME}`): a grant written before it is for the user it names.
          (root !== true && userText !== null && sudoGranted) ||
          (root === null && userText === null && baseSudoUser) ||
          (devContainerBase && userText !== null && root !== true)
        )
          continue;
        const script = runScript(instruction, source, escapeChar);
        if (!script) continue;
        for (const command of script.commands) {
          // The splitter keeps `sudo` among the words; find it where the program stands.
          const at = command.words.findIndex((w) => w.value === 'sudo' || w.value === '/usr/bin/sudo');
          if (at < 0) continue;
          const before = command.words.slice(0, at).map((w) => w.value);
          if (before.some((w) => w !== 'env' && w !== 'exec' && w !== 'time' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)))
            continue;
          let asUser: string | null = null;
          for (let i = at + 1; i < command.words.length; i++) {
            const w = command.words[i]!.value;
            if (!w.startsWith('-')) break;
            if (w === '-u' || w === '--user') asUser = command.words[i + 1]?.value ?? null;
            else if (w.startsWith('--user=')) asUser = w.slice('--user='.length);
            else if (/^-u./.test(w)) asUser = w.slice(2);
            if (SUDO_VALUE.test(w) || w === '--user') i++;
          }
          if (asUser !== null && asUser !== 'root' && asUser !== '#0') continue;
          const word = command.words[at]!;
          report({
            range: script.rangeOf(word.start, word.end),
            message:
              root === true
                ? 'This RUN runs as root already: sudo adds nothing but a dependency on the sudo package and its configuration. Drop it.'
                : root === false
                  ? 'sudo to become root in the build: switch with USER root for this step (and back after it) instead of keeping a user who can become root.'
                  : `sudo to become root in the build, as ${userText ? `the user '${userText}' names` : 'a user this file does not set'}: if it is root, sudo adds nothing; if not, switch with USER root for this step (and back after it) instead of keeping a user who can become root.`,
          });
        }
      }
    }
  },
});
