import { SIZES_AS_OF } from '../knowledge/toolchains';
import { buildPackageSize, stageFacts, type StageFacts } from '../refactors/split/facts';
import { planSplit } from '../refactors/split/plan';
import type { Range } from '../model';
import type { Rule } from './types';

/** Build steps that compile or bundle (not merely install dependencies). */
const COMPILING = new Set(['go build', 'go install', 'cargo build', 'cargo install', 'cc -o', 'make', 'make install', 'cmake --build', 'ninja', 'mvn package', 'gradle build', 'jar', 'javac', 'dotnet publish', 'npm run build', 'tsc']);

function approx(mb: number): string {
  return mb >= 1000 ? `~${(mb / 1000).toFixed(1)} GB` : `~${Math.round(mb / 10) * 10 || mb} MB`;
}

interface Leftover {
  what: string;
  sizeMB: number;
  range: Range;
}

/** What the final stage keeps that only building needed, or null when it is lean. */
export function leftBehind(facts: StageFacts): Leftover | null {
  const parts: string[] = [];
  let size = 0;
  let range: Range | null = null;
  const compiles = facts.builds.filter((b) => COMPILING.has(b.row.id));
  const tool = facts.toolchain;
  if (tool && facts.image) {
    const tag = facts.image.tag ?? '';
    const variantIsSmall = /slim|alpine/.test(tag);
    const flagged =
      tool.toolchain === 'always' ||
      compiles.some((b) => b.row.language === tool.language) ||
      (!variantIsSmall && facts.builds.some((b) => b.row.language === tool.language));
    if (flagged) {
      parts.push(`${tool.label} (${facts.image.raw}, ${approx(facts.toolchainSizeMB)})`);
      size += facts.toolchainSizeMB;
      range = facts.stage.baseToken?.range ?? facts.stage.from.range;
    }
  }
  if (facts.buildPackages.length > 0) {
    const pkgSize = facts.buildPackages.reduce((n, p) => n + buildPackageSize(p), 0);
    const shown = facts.buildPackages.slice(0, 4).join(', ') + (facts.buildPackages.length > 4 ? ', …' : '');
    parts.push(`build packages ${shown} (${approx(pkgSize)})`);
    size += pkgSize;
    range ??= facts.installs.find((i) => i.packages.some((p) => facts.buildPackages.includes(p)))!.instruction.keywordRange;
  }
  if (parts.length === 0 && compiles.length > 0) {
    parts.push(`the tools that ran ${compiles[0]!.row.id}`);
    range = compiles[0]!.instruction.keywordRange;
  }
  if (parts.length === 0 || !range) return null;
  return { what: parts.join(' and '), sizeMB: size, range };
}

export const toolchainInFinalImage: Rule = {
  meta: {
    id: 'toolchain-in-final-image',
    severity: 'warning',
    title: 'The final image keeps the build toolchain',
    fixTitle: 'Split into builder and runtime stages',
    docs: {
      what:
        'The last stage (the image that ships) is based on a compiler or SDK image (golang, rust, gcc, maven, gradle, a JDK, the .NET SDK, node or python used to build), installs compilers or build tools, or runs a build. The message says what stays in the image and roughly how large it is (sizes are approximate, from the registries as of ' +
        SIZES_AS_OF +
        '). No finding when the last stage is already a minimal runtime or copies its artifact from a builder stage.',
      why:
        'Everything the build needed ships with the program: hundreds of megabytes of compilers, headers and caches that slow every pull and widen the attack surface. A builder stage keeps them out: the final stage starts from a small runtime image and copies only the artifact. The quick fix performs that split; when no artifact can be found, the message says why the split is not offered.',
      example: [
        'FROM golang:1.22',
        'WORKDIR /src',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/server .',
        'USER 65532',
        'CMD ["/out/server"]',
        '',
      ].join('\n'),
      better: [
        'FROM golang:1.22 AS builder',
        'WORKDIR /src',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/server .',
        '',
        'FROM gcr.io/distroless/static-debian12',
        'WORKDIR /src',
        'COPY --from=builder /out/server /out/server',
        'USER 65532',
        'CMD ["/out/server"]',
        '',
      ].join('\n'),
    },
  },
  check({ model, report }) {
    if (model.finalStage < 0) return;
    const stage = model.stages[model.finalStage]!;
    if (stage.base.kind !== 'image') return;
    const facts = stageFacts(model, stage);
    if (facts.usesOtherStage) return;
    const left = leftBehind(facts);
    if (!left) return;
    const result = planSplit(model);
    let message = `The final image keeps ${left.what}`;
    const data: Record<string, unknown> = { sizeMB: left.sizeMB, image: facts.image?.raw ?? null };
    if (result.ok) {
      const plan = result.plan;
      const artifacts = plan.artifacts.map((a) => a.source);
      message += `: split into a builder stage and a ${plan.choices[0]!.image} runtime that copies only ${artifacts.join(', ')}`;
      Object.assign(data, {
        splitOffered: true,
        language: plan.language,
        profile: plan.profile,
        builderName: plan.builderName,
        artifacts,
        runtimes: plan.choices.map((c) => c.image),
      });
    } else {
      message += `; no split is offered: ${result.reason}`;
      Object.assign(data, { splitOffered: false, reason: result.reason });
    }
    report({ range: left.range, message, data });
  },
};
