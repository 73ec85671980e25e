import type { Stage, StageReference } from '../model';
import { fileRule, type Report, type Rule } from './types';

function indexReport(ref: StageReference, stage: Stage): Report {
  return {
    range: ref.range,
    message: stage.name
      ? `Stage ${ref.value} is referenced by index: use its name '${stage.name}'.`
      : `Stage ${ref.value} is referenced by index: name it ('FROM ... AS name') and use the name.`,
    data: { stage: stage.index },
  };
}

export const copyFromStageIndex: Rule = fileRule({
  meta: {
    id: 'copy-from-stage-index',
    severity: 'information',
    title: 'A stage is referenced by its index',
    fixTitle: 'Refer to the stage by name',
    docs: {
      what: 'Flags `COPY --from=0` and `RUN --mount=from=1`: a stage named by its position instead of its name.',
      why: 'Inserting or removing a stage silently makes the index point at another stage. A name says what is copied and survives reordering.',
      example:
        'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=0 /out/app /app\nENTRYPOINT ["/app"]\n',
      better:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  check({ model, report }) {
    for (const ref of model.references) {
      if (!ref.byIndex || ref.target.kind !== 'stage') continue;
      report(indexReport(ref, model.stages[ref.target.stage]!));
    }
  },
});
