import type { Stage } from '../model';
import { finalImageStages, referencesFromStage, rootStage, stageChain } from '../model/queries';
import { fileRule, type Rule } from './types';

export const copyFromStageRoot: Rule = fileRule({
  meta: {
    id: 'copy-from-stage-root',
    severity: 'warning',
    title: "A stage's whole file system is copied into the final image",
    docs: {
      what: 'Flags `COPY --from=<stage> / <dest>` in the final stage or a stage it is built on: the source is the root of a stage built on an image. Stages built FROM scratch (which hold only artifacts) and the flattening idioms are not flagged: `FROM scratch` + `COPY --from=x / /`, and `COPY --from=x / /` into a stage built on a stage that x is built on too (`FROM base AS build` … `FROM base` + `COPY --from=build / /`, the same system with its layers squashed), or on the same base image written the same way (`FROM ${BUILD_FROM} AS merge` … `FROM ${BUILD_FROM}` + `COPY --from=merge / /`).',
      why: "Copying `/` brings the other stage's whole operating system, toolchain and caches into the final image, undoing the point of the multi-stage build. Copy the artifact directories instead.",
      example:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build / /\nENTRYPOINT ["/out/app"]\n',
      better:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  check({ model, report }) {
    for (const stage of finalImageStages(model)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
        const from = instruction.flags.find((f) => f.name.toLowerCase() === 'from');
        if (!from?.value) continue;
        const ref = referencesFromStage(model, stage.index).find(
          (r) => r.instruction === instruction && r.kind === 'copy-from',
        );
        // Only stages: an image copied whole is usually an artifact image made for that (e.g. cross-compilation helpers).
        if (ref?.target.kind !== 'stage') continue;
        const source = model.stages[ref.target.stage]!;
        // A stage built FROM scratch holds only what was put there on purpose; a stage that is only a
        // FROM is an alias of an image (an artifact image such as a cross-compilation helper); a
        // stage on a variable base is unknown.
        if (source.base.kind === 'scratch' || source.base.kind === 'variable' || source.instructions.length === 1)
          continue;
        const root = instruction.args.slice(0, -1).find((s) => s.value === '/' || s.value === '/.' || s.value === '/*');
        if (!root) continue;
        // `FROM scratch` + `COPY --from=x / /` flattens x's layers: the image is x itself, on purpose.
        const dest = instruction.args[instruction.args.length - 1]!.value;
        if (stage.base.kind === 'scratch' && (dest === '/' || dest === '/.')) continue;
        // So does `COPY --from=x / /` when x is built on a stage the copying stage is built on too
        // (`FROM base AS build` … `FROM base` + `COPY --from=build / /`): the same system, flattened.
        const shared = new Set(stageChain(model, stage).map((s) => s.index));
        if (
          (dest === '/' || dest === '/.') &&
          stageChain(model, source).some((s) => s !== source && shared.has(s.index))
        )
          continue;
        // And when both are built on the same base image (`FROM ${BUILD_FROM} AS merge` …
        // `FROM ${BUILD_FROM}` + `COPY --from=merge / /`): the same system with the layers merged.
        if ((dest === '/' || dest === '/.') && sameBaseImage(rootStage(model, source), rootStage(model, stage)))
          continue;
        report({
          range: root.range,
          message: `The whole file system of '${from.value}' is copied into the final image: copy the directories the runtime needs.`,
        });
      }
    }
  },
});

/** Whether two stages start from the same image, written the same way (`${BUILD_FROM}`, `alpine:3.20`). */
function sameBaseImage(a: Stage, b: Stage): boolean {
  // The same text under the same global ARGs names the same image.
  return a.base.kind === 'image' && b.base.kind === 'image' && a.baseToken?.value === b.baseToken?.value;
}
