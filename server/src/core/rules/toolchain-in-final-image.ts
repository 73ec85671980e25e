import { SIZES_AS_OF } from '../knowledge/toolchains';
import { mayLeaveBuildTools, stageFacts } from '../facts/stage-facts';
import { COMPILING, leftBehind } from '../facts/leftover';
import { planSplit, uniqueName } from '../facts/split/plan';
import type { DockerfileModel, Instruction, Stage } from '../model';
import { referencesFromStage } from '../model/queries';
import type { Report, Rule } from './types';

/** The finding per final stage object, with what else it was read from. */
const REMEMBERED = new WeakMap<
  Stage,
  { globals: readonly Instruction[]; builder: string | null; report: Report | null }
>();

function sameInstructions(a: readonly Instruction[], b: readonly Instruction[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
      why: 'Everything the build needed ships with the program: hundreds of megabytes of compilers, headers and caches that slow every pull and widen the attack surface. A builder stage keeps them out: the final stage starts from a small runtime image and copies only the artifact. The quick fix performs that split; when no artifact can be found, the message says why the split is not offered.',
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
  remembersReports: true,
  check({ model, report }) {
    if (model.finalStage < 0) return;
    const stage = model.stages[model.finalStage]!;
    if (stage.base.kind !== 'image') return;
    // What stageFacts says in `usesOtherStage`, known without reading the stage's facts.
    if (referencesFromStage(model, stage.index).some((r) => r.target.kind === 'stage')) return;
    // The finding depends on the stage, the global ARGs and (for an unnamed stage) the other stages' names.
    const builder = stage.name === null ? uniqueName(model) : null;
    const known = REMEMBERED.get(stage);
    if (known && known.builder === builder && sameInstructions(known.globals, model.globalArgs)) {
      if (known.report) report(known.report);
      return;
    }
    const found = toolchainReport(model, stage);
    REMEMBERED.set(stage, { globals: [...model.globalArgs], builder, report: found });
    if (found) report(found);
  },
};

/** The finding for a final stage on an image that uses no other stage, or null. */
function toolchainReport(model: DockerfileModel, stage: Stage): Report | null {
  if (!mayLeaveBuildTools(stage, COMPILING)) return null;
  const facts = stageFacts(model, stage);
  if (facts.usesOtherStage) return null;
  const left = leftBehind(facts);
  if (!left) return null;
  const result = planSplit(model, {}, facts);
  let message = `The final image keeps ${left.what}`;
  const data: Record<string, unknown> = { sizeMB: left.sizeMB, image: facts.image?.raw ?? null };
  if (result.ok) {
    const plan = result.plan;
    const artifacts = plan.artifacts.map((a) => a.source);
    // The artifacts are the same whatever the editor can read of the workspace; the runtime choices
    // (and whether the app directory goes too) are named by the actions themselves.
    message += `: split into a builder stage and a runtime stage that copies ${artifacts.join(', ')}`;
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
  return { range: left.range, message, data };
}
