import { distroOf } from '../knowledge/distros';
import type { Stage } from '../model';
import { shortImageName } from '../model/image';
import { stageRule, type Rule } from './types';

/**
 * The last command of a shell-form command line (the text after the last `&&` or `;` outside
 * quotes), and whether the line holds a pipe, a `||`, a command sent to the background or a
 * command substitution in backticks.
 */
function lastCommand(text: string): { tail: string; compound: boolean } {
  let quote: string | null = null;
  let last = 0;
  let compound = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === ';') last = i + 1;
    else if (c === '&' && text[i + 1] === '&') last = ++i + 1;
    else if (c === '|' || c === '&' || c === '`') compound = true;
  }
  return { tail: text.slice(last).trim(), compound };
}

/** Whether a shell-form command ends by `exec`-ing its program (`CMD echo starting && exec ./start.sh`). */
function endsInExec(text: string): boolean {
  return /^exec\s+[^\s<>&|;]/.test(lastCommand(text).tail);
}

/**
 * The last command of a shell-form command line, when it is a plain command the shell can replace
 * itself with, or null when the line holds a pipe, a `||`, a command sent to the background, a
 * compound command or a `trap` (BusyBox ash keeps its own process for those).
 */
function lastSimpleCommand(text: string): string | null {
  const { tail, compound } = lastCommand(text);
  if (compound || tail === '' || /^[({]|^(if|while|until|for|case|trap)\b/.test(tail) || /(^|[;&]\s*)trap\s/.test(text))
    return null;
  return tail;
}

/**
 * Whether a shell-form command line is one plain command that expands a variable
 * (`CMD gunicorn -b ${HOST}:${PORT} app:app`): the JSON form would pass `${PORT}` on as text, so the
 * shell form is needed, and BusyBox ash replaces itself with that command.
 */
function expandsInOneCommand(text: string): boolean {
  const command = lastSimpleCommand(text);
  return command !== null && command === text.trim() && /\$[A-Za-z_{]/.test(text.replace(/'[^']*'/g, ''));
}

/**
 * Whether `/bin/sh` of the stage's base image is BusyBox ash (Alpine and busybox images), which
 * replaces itself with the last command of its `-c` script: that program is PID 1 and gets the
 * signals, as with the JSON form. Debian's and Ubuntu's dash keeps its own process.
 */
function busyboxShell(root: Stage): boolean {
  if (root.base.kind !== 'image') return false;
  const name = shortImageName(root.base.image);
  return (
    name === 'busybox' ||
    /(^|[-/_])alpine([-_]|$)/.test(name) ||
    distroOf(name, root.base.image.tag).family === 'alpine'
  );
}

/**
 * Images whose `/bin/sh` is bash (Fedora, the Red Hat family, UBI and Red Hat's `rhel8/*` images, Amazon
 * Linux, openSUSE, Arch, NixOS's `nixos/nix`),
 * by their short name: bash, like BusyBox ash, replaces itself with a lone command of its `-c` script.
 */
const BASH_SH_IMAGE =
  /^(fedora|fedora\/fedora(-minimal)?|centos|centos\/centos|rockylinux(\/rockylinux)?|almalinux|amazonlinux|oraclelinux|archlinux|opensuse\/(leap|tumbleweed)|(redhat\/)?ubi\d+(-[a-z]+)?|(ubi|rhel)\d+\/[^/]+|nixos\/nix)$/;

/**
 * The shell behind `/bin/sh` on the stage's base image when it replaces itself with a lone command
 * (BusyBox ash on Alpine and busybox images, bash on Fedora and the Red Hat family), or null where it
 * keeps its own process (dash on Debian and Ubuntu) or is not known.
 */
function execingShell(root: Stage): string | null {
  if (busyboxShell(root)) return 'BusyBox ash';
  return root.base.kind === 'image' && BASH_SH_IMAGE.test(shortImageName(root.base.image)) ? 'bash' : null;
}

export const jsonArgsRecommended: Rule = stageRule({
  meta: {
    id: 'json-args-recommended',
    severity: 'warning',
    title: 'CMD or ENTRYPOINT in shell form',
    fixTitle: 'Convert to JSON (exec) form',
    peers: { buildkit: 'JSONArgsRecommended', hadolint: ['DL3025'] },
    docs: {
      what: "Flags `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`) in a stage that does not set its own `SHELL`. A shell form that ends by `exec`-ing its program (`ENTRYPOINT exec java -jar app.jar`, the form Docker's reference gives for this, or `CMD echo starting && exec ./start.sh`) is not flagged: the shell replaces itself with the program, which then receives the signals; BuildKit's check of the same name flags it still. Nor is a shell form on an Alpine or busybox image that is one plain command expanding a variable (`CMD gunicorn -b ${HOST}:${PORT} app:app`, `CMD java $JAVA_OPTS -jar app.jar`): their `/bin/sh` is BusyBox ash, which replaces itself with a lone command, so the program gets the signals as in JSON form, and only the shell form expands the variable. A lone plain command without a variable on such an image, or on one whose `/bin/sh` is bash (Fedora, CentOS, Rocky, AlmaLinux, Red Hat's UBI, Amazon Linux, Oracle Linux, openSUSE, Arch, Red Hat's `rhel8/*` images, NixOS's `nixos/nix`), which replaces itself with a lone command too, is shown as information: the program gets the signals as in JSON form, and only the form is left to change (checked with BusyBox, bash and dash: `sh -c 'sleep 2'` leaves `sleep` as the process under BusyBox and bash, `dash` under dash). Several commands, a pipe, a command sent to the background, and any shell form on Debian and Ubuntu images (whose dash keeps its own process) are flagged as warnings.",
      why: 'The shell form runs the program as a child of `/bin/sh -c`, which does not forward signals: `docker stop` waits for the timeout and then kills the process instead of letting it shut down cleanly.',
      example: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD node server.js\n',
      better: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  checkStage(stage, { chain, report }) {
    const execing = execingShell(chain[0]!);
    const busybox = execing === 'BusyBox ash';
    let shellSet = false;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (instruction.keyword === 'FROM') continue;
        if (instruction.keyword === 'SHELL') shellSet = true;
        if (instruction.stage !== stage.index) continue;
        if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
        if (instruction.json || shellSet || !instruction.argsRange || instruction.args.length === 0) continue;
        // `CMD exec java -jar app.jar`, or `CMD echo starting && exec ./start.sh`: the shell replaces
        // itself with the program it starts last, which gets the signals.
        if (endsInExec(instruction.argsText)) continue;
        // On BusyBox ash the shell execs the last plain command itself (`CMD gunicorn -b $HOST:$PORT app`),
        // and the shell form is what expands the variables in it.
        if (busybox && expandsInOneCommand(instruction.argsText)) continue;
        // One plain command on an image whose /bin/sh execs it (`CMD /bin/meilisearch` on Alpine,
        // `ENTRYPOINT /entrypoint.sh` on Fedora): the program is PID 1 and gets the signals as in
        // JSON form. What is left is form, not behaviour: information, saying so.
        const lone = lastSimpleCommand(instruction.argsText);
        if (execing && lone !== null && lone === instruction.argsText.trim()) {
          report({
            range: instruction.argsRange,
            severity: 'information',
            message: `${instruction.keyword} in shell form: on this image /bin/sh is ${execing}, which replaces itself with this one command, so it receives the stop signal as in JSON form. The JSON form does not rely on the shell (BuildKit's JSONArgsRecommended check still reports it).`,
          });
          continue;
        }
        report({
          range: instruction.argsRange,
          message: `JSON arguments recommended for ${instruction.keyword} to prevent unintended behavior related to OS signals.`,
        });
      }
    }
  },
});
