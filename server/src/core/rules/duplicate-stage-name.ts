import { fileRule, type Rule } from './types';

export const duplicateStageName: Rule = fileRule({
  meta: {
    id: 'duplicate-stage-name',
    severity: 'error',
    title: 'Two stages have the same name',
    fixTitle: 'Rename the later stage',
    peers: { buildkit: 'DuplicateStageName', hadolint: ['DL3024'] },
    reportedByDockerExtension: true,
    docs: {
      what: 'Flags a stage whose name (compared case-insensitively, as BuildKit does) is already used by an earlier stage.',
      why: 'BuildKit rejects the file: a `--from` or `FROM` naming the stage would be ambiguous.',
      example:
        'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM node:20 AS build\nCOPY --from=build /app /app\nUSER nobody\nRUN npm ci && npm cache clean --force\nUSER node\n',
      better:
        'FROM golang:1.22 AS build-api\nRUN go build -o /app .\n\nFROM node:20 AS build-web\nCOPY --from=build-api /app /app\nUSER nobody\nRUN npm ci && npm cache clean --force\nUSER node\n',
    },
  },
  check({ model, report }) {
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.nameLower || !stage.nameRange) continue;
      const first = seen.get(stage.nameLower);
      if (first === undefined) {
        seen.set(stage.nameLower, stage.index);
        continue;
      }
      const line = model.stages[first]!.from.range.start.line + 1;
      report({
        range: stage.nameRange,
        message: `Stage name '${stage.name}' is already used by the stage on line ${line}.`,
      });
    }
  },
});
