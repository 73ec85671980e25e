import { finalImageStages } from './helpers/stages';
import type { Rule } from './types';

function isWholeContext(source: string): boolean {
  return source === '.' || source === './' || source === '/' || source === './.' || source === '"."' || source === '["."';
}

export const copyWholeContextIntoFinal: Rule = {
  meta: {
    id: 'copy-whole-context-into-final',
    severity: 'warning',
    title: 'The whole build context is copied into the final image of a multi-stage build',
    docs: {
      what: 'Flags `COPY . <dest>` (or `ADD . <dest>`) in the final stage, or a stage it is built on, of a Dockerfile whose final stage already copies its artifacts from a builder stage.',
      why: 'The builder exists so that sources, tests and build files stay out of the final image; copying the whole context brings them back (and, without a thorough .dockerignore, `.git` and local secrets too). Copy the files the runtime needs instead.',
      example: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY . .\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n',
      better: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm cache clean --force\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n',
    },
  },
  check({ model, report }) {
    const chain = finalImageStages(model);
    const final = chain[chain.length - 1];
    if (!final) return;
    const inChain = new Set(chain.map((s) => s.index));
    const builders = model.references.filter(
      (r) => r.kind === 'copy-from' && inChain.has(r.fromStage) && r.target.kind === 'stage' && !inChain.has(r.target.stage),
    );
    if (builders.length === 0) return;
    const builder = model.stages[(builders[0]!.target as { stage: number }).stage]!;
    for (const stage of chain) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
        if (instruction.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
        const sources = instruction.args.slice(0, -1);
        const whole = sources.find((s) => isWholeContext(s.value.replace(/,$/, '')));
        if (!whole) continue;
        report({
          range: whole.range,
          message: `The whole build context is copied into the final image although it is built in stage '${builder.name ?? builder.index}': copy only what the runtime needs.`,
        });
      }
    }
  },
};
