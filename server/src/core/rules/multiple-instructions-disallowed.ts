import { stageRule, type Rule } from './types';

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructionsDisallowed: Rule = stageRule({
  meta: {
    id: 'multiple-instructions-disallowed',
    severity: 'warning',
    title: 'CMD, ENTRYPOINT or HEALTHCHECK given more than once in a stage',
    peers: { buildkit: 'MultipleInstructionsDisallowed', hadolint: ['DL4003', 'DL4004', 'DL3012'] },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags every `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage that a later one of the same kind in the same stage overrides.',
      why: 'Only the last one takes effect; the earlier ones are dead code that misleads readers about what the container runs.',
      example:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "-m", "http.server"]\nCMD ["python", "app.py"]\n',
      better: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
    },
  },
  checkStage(stage, { report }) {
    for (const keyword of ONCE) {
      let count = 0;
      for (const i of stage.instructions) if (i.keyword === keyword) count++;
      if (count < 2) continue;
      const all = stage.instructions.filter((i) => i.keyword === keyword);
      for (const instruction of all.slice(0, -1)) {
        report({
          range: instruction.keywordRange,
          message: `Multiple ${keyword} instructions in stage; only the last one (line ${all[all.length - 1]!.range.start.line + 1}) takes effect.`,
          tags: ['unnecessary'],
        });
      }
    }
  },
});
