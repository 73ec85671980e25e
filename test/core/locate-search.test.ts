/**
 * Hover, completion and navigation find what stands at a position by binary search over the ordered
 * stages, references and instructions. The answers must be those of a scan of every item: compared
 * at every position of the corpus files, generated files and awkward texts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile, type DockerfileModel, type Position } from '../../server/src/core';
import { rangeContains, comparePositions } from '../../server/src/core/model/text';
import { referencesTo } from '../../server/src/core/model/queries';
import {
  instructionAtPosition,
  stageIndexAtLine,
  stageSiteAt,
  type StageSite,
} from '../../server/src/core/navigation/locate';
import { generateDockerfile } from '../../bench/lib/generate';
import { loadCorpus } from '../support/corpus';

/** The answers as a scan of every stage and reference gives them. */
function scanSite(model: DockerfileModel, position: Position): StageSite | null {
  for (const stage of model.stages) {
    if (stage.nameRange && rangeContains(stage.nameRange, position))
      return { kind: 'declaration', stage, range: stage.nameRange };
  }
  for (const reference of model.references) {
    if (reference.value !== '' && rangeContains(reference.range, position))
      return { kind: 'reference', reference, range: reference.range };
  }
  return null;
}

function scanInstruction(model: DockerfileModel, position: Position) {
  for (const instruction of model.instructions) {
    if (comparePositions(instruction.range.start, position) > 0) break;
    if (rangeContains(instruction.range, position)) return instruction;
  }
  return null;
}

function scanStageAtLine(model: DockerfileModel, line: number): number {
  let index = -1;
  for (const stage of model.stages) {
    if (stage.from.range.start.line <= line) index = stage.index;
    else break;
  }
  return index;
}

const AWKWARD = [
  '# escape=`\nFROM alpine AS a\nRUN echo `\n  FROM not-a-stage\nFROM a AS b\nCOPY --from=a /x /y\n',
  'FROM a AS a\nRUN <<EOF\nFROM inside\nEOF\nFROM b\nCOPY <<-"X" /f\n\tFROM tabbed\n\tX\nFROM c\n',
  'FROM a\nRUN <<EOF\nFROM inside\nFROM still inside\n',
  'ARG V=1\r\nFROM a:$V AS x\r\nRUN y \\\r\n  z\r\nFROM x\r\nCOPY --from=x /a /b\r\n',
  'FROM a\rRUN b\rFROM c AS d\rCOPY --from=d / /\r',
  'FROM --platform=$BUILDPLATFORM golang AS b\nRUN --mount=type=cache,target=/c --mount=from=b,source=/s,target=/t --mount=from=b,target=/u x\nFROM b AS c\nCOPY --from=b --from=c ["/a", "/b"]\n',
  'RUN before\nARG X\nFROM\nFROM a AS \nCOPY --from= /a /b\nFROM  a  AS  b  \n',
  '',
];

function check(text: string, label: string): void {
  const model = parseDockerfile(text);
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = -1; line <= lines.length + 1; line++) {
    assert.equal(stageIndexAtLine(model, line), scanStageAtLine(model, line), `${label}: stage at line ${line}`);
    const length = lines[line]?.length ?? 0;
    for (let character = 0; character <= length + 1; character++) {
      const position = { line, character };
      assert.deepStrictEqual(
        stageSiteAt(model, position),
        scanSite(model, position),
        `${label}: site at ${line}:${character}`,
      );
      assert.equal(
        instructionAtPosition(model, position),
        scanInstruction(model, position),
        `${label}: instruction at ${line}:${character}`,
      );
    }
  }
  for (const stage of model.stages) {
    assert.deepStrictEqual(
      referencesTo(model, stage.index),
      model.references.filter((r) => r.target.kind === 'stage' && r.target.stage === stage.index),
    );
  }
}

describe('binary searches answer as a scan of every item', () => {
  test('awkward texts', () => {
    for (const [i, text] of AWKWARD.entries()) check(text, `awkward ${i}`);
  });

  test('corpus files', () => {
    for (const file of loadCorpus().files.slice(0, 120)) check(file.text, file.name);
  });

  test('a generated file with many stages and references', () => check(generateDockerfile(1_500), 'generated'));

  test('references are listed in document order, by referencing stage', () => {
    for (const text of [...loadCorpus().files.map((f) => f.text), generateDockerfile(3_000), ...AWKWARD]) {
      const refs = parseDockerfile(text).references;
      for (let i = 1; i < refs.length; i++) {
        assert.ok(comparePositions(refs[i - 1]!.range.end, refs[i]!.range.start) <= 0, 'in document order');
        assert.ok(refs[i - 1]!.fromStage <= refs[i]!.fromStage, 'by referencing stage');
      }
    }
  });
});

describe('unreachable-stage: the backward sweep equals the walk over edges', () => {
  test('corpus, generated files and awkward texts', async () => {
    const { backwardReachable, reachableThroughEdges } = await import('../../server/src/core/rules/unreachable-stage');
    let swept = 0;
    const texts = [
      ...loadCorpus().files.map((f) => f.text),
      generateDockerfile(3_000),
      ...AWKWARD,
      'FROM a AS x\nCOPY --from=y / /\nFROM b AS y\nCOPY --from=x / /\nFROM c\nCOPY --from=biulder / /\nFROM d AS builder\n',
    ];
    for (const text of texts) {
      const model = parseDockerfile(text);
      const fast = backwardReachable(model);
      if (fast) swept++;
      assert.deepStrictEqual(fast ?? reachableThroughEdges(model), reachableThroughEdges(model));
    }
    assert.ok(swept > texts.length / 2);
  });
});
