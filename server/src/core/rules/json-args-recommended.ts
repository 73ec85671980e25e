import { stageRule, type Rule } from './types';

/**
 * Whether a shell-form command ends by `exec`-ing its program: its last command, after the last
 * `&&` or `;` outside quotes, starts with `exec` and names a program.
 */
function endsInExec(text: string): boolean {
  let quote: string | null = null;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === ';') last = i + 1;
    else if (c === '&' && text[i + 1] === '&') last = ++i + 1;
  }
  return /^exec\s+[^\s<>&|;]/.test(text.slice(last).trim());
}

export const jsonArgsRecommended: Rule = stageRule({
  meta: {
    id: 'json-args-recommended',
    severity: 'warning',
    title: 'CMD or ENTRYPOINT in shell form',
    fixTitle: 'Convert to JSON (exec) form',
    peers: { buildkit: 'JSONArgsRecommended', hadolint: ['DL3025'] },
    docs: {
      what: "Flags `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`) in a stage that does not set its own `SHELL`. A shell form that ends by `exec`-ing its program (`ENTRYPOINT exec java -jar app.jar`, the form Docker's reference gives for this, or `CMD echo starting && exec ./start.sh`) is not flagged: the shell replaces itself with the program, which then receives the signals; BuildKit's check of the same name flags it still.",
      why: 'The shell form runs the program as a child of `/bin/sh -c`, which does not forward signals: `docker stop` waits for the timeout and then kills the process instead of letting it shut down cleanly.',
      example: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD node server.js\n',
      better: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  checkStage(stage, { chain, report }) {
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
        report({
          range: instruction.argsRange,
          message: `JSON arguments recommended for ${instruction.keyword} to prevent unintended behavior related to OS signals.`,
        });
      }
    }
  },
});
