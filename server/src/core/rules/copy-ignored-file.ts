import { copiesFromElsewhere } from '../model/queries';
import { DockerIgnore } from './helpers/dockerignore-matcher';
import { instructionRule, type Rule } from './types';

function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@');
}

export const copyIgnoredFile: Rule = instructionRule({
  meta: {
    id: 'copy-ignored-file',
    severity: 'warning',
    title: 'COPY or ADD of a file that .dockerignore excludes',
    peers: { buildkit: 'CopyIgnoredFile' },
    docs: {
      what: 'Flags a `COPY` or `ADD` source from the build context that the `.dockerignore` beside the Dockerfile excludes (checked when the CLI or the editor can read that file).',
      why: 'Excluded files are not sent to the builder, so the instruction fails with "not found", or copies less than it seems to.',
      example:
        'FROM node:20-slim\nWORKDIR /app\nCOPY node_modules ./node_modules\nCOPY server.js .\nUSER node\nCMD ["node", "server.js"]\n',
      dockerignore: 'node_modules\n.git\n',
      better:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm cache clean --force\nCOPY server.js .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  keywords: ['COPY', 'ADD'],
  settingsKey: (settings) => settings.dockerignore ?? '\u0000none',
  checkInstruction(instruction, { settings, report }) {
    if (settings.dockerignore === undefined || settings.dockerignore === null) return;
    if (copiesFromElsewhere(instruction) || instruction.heredocs.length > 0) return;
    let sources = instruction.args.slice(0, -1);
    if (instruction.json) {
      // Exec form: ["src", "dest"]; the tokens carry the brackets and quotes.
      sources = sources.map((t) => ({ ...t, value: t.value.replace(/^\[?\s*"?|"?\s*,?\s*$/g, '') }));
    }
    // Built for each COPY or ADD the runner checks: those of an edited instruction only, after the first.
    let ignore: DockerIgnore | null = null;
    for (const source of sources) {
      const path = source.value;
      if (path === '' || path.includes('$') || /[*?[]/.test(path) || isRemote(path)) continue;
      ignore ??= new DockerIgnore(settings.dockerignore);
      const pattern = ignore.excludedBy(path);
      if (!pattern || ignore.reincludesBelow(path)) continue;
      report({
        range: source.range,
        message: `Attempting to ${instruction.keyword === 'ADD' ? 'add' : 'copy'} '${path}', which .dockerignore excludes (pattern '${pattern}').`,
      });
    }
  },
});
