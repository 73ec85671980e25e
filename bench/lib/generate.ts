/**
 * Generated Dockerfiles of a given size: many stages, comments, continuations, heredocs and
 * COPY --from / RUN --mount=from edges between stages. Deterministic for a given line count.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const BASES = ['golang:1.22', 'node:20-alpine', 'python:3.12-slim', 'debian:bookworm-slim', 'alpine:3.20', 'rust:1.79'];

export function generateDockerfile(targetLines: number, seed = 7): string {
  const random = rng(seed + targetLines);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const lines: string[] = [
    '# syntax-free generated Dockerfile for the Stagewright benchmark',
    'ARG BASE_VERSION=1.22',
    'ARG APP_NAME=app',
    '',
  ];
  let stage = 0;
  while (lines.length < targetLines) {
    const name = `stage-${stage}`;
    const earlier = stage > 0 ? Math.floor(random() * stage) : -1;
    lines.push(`# ${name}: builds component ${stage} and copies what it needs from earlier stages`);
    if (earlier >= 0 && random() < 0.3) lines.push(`FROM stage-${earlier} AS ${name}`);
    else lines.push(`FROM ${pick(BASES)} AS ${name}`);
    lines.push(`WORKDIR /src/component-${stage}`);
    lines.push('# dependencies first, so the layer is cached');
    if (earlier >= 0) lines.push(`COPY --from=stage-${earlier} /out/component-${earlier} /deps/component-${earlier}`);
    if (stage > 1 && random() < 0.5)
      lines.push(`COPY --from=${Math.floor(random() * stage)} /etc/os-release /deps/os-release`);
    lines.push(`ENV COMPONENT=${stage} PATH=/deps/bin:$PATH`);
    lines.push('RUN apt-get update \\');
    lines.push('    # a comment inside the continuation');
    lines.push(`    && make -C /src/component-${stage} \\`);
    lines.push(`    && mkdir -p /out/component-${stage}`);
    if (random() < 0.3) {
      lines.push('RUN <<EOF');
      lines.push(`echo building ${stage}`);
      lines.push(`cp -r /src/component-${stage} /out/component-${stage}`);
      lines.push('EOF');
    }
    if (earlier >= 0 && random() < 0.4) {
      lines.push(
        `RUN --mount=type=cache,target=/root/.cache --mount=from=stage-${earlier},source=/out,target=/in ls /in`,
      );
    }
    lines.push(`LABEL component="${stage}"`);
    lines.push('');
    stage++;
  }
  lines.push('FROM debian:bookworm-slim AS final');
  for (let i = Math.max(0, stage - 5); i < stage; i++)
    lines.push(`COPY --from=stage-${i} /out/component-${i} /app/component-${i}`);
  lines.push('CMD ["/app/run"]');
  return lines.join('\n') + '\n';
}
