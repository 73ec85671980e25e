import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, comparePositions, type Range } from '../../server/src/core';
import { loadCorpus } from '../support/corpus';

function inside(range: Range, lineCount: number, lineLength: (line: number) => number): boolean {
  const { start, end } = range;
  if (comparePositions(start, end) > 0) return false;
  if (start.line < 0 || end.line >= lineCount) return false;
  return start.character >= 0 && start.character <= lineLength(start.line) && end.character <= lineLength(end.line);
}

test('every corpus Dockerfile is analysed without a throw, with findings inside the document', () => {
  const { source, files } = loadCorpus();
  assert.ok(files.length > 0, `no corpus files found (${source})`);
  for (const file of files) {
    const { model, findings } = analyze(file.text);
    const lines = file.text.split(/\r\n|\r|\n/);
    for (const f of findings) {
      assert.notEqual(f.ruleId, 'internal-error', `${file.name}: ${f.message}`);
      assert.ok(
        inside(f.range, lines.length, (l) => lines[l]!.length),
        `${file.name}: ${f.ruleId} range ${JSON.stringify(f.range)} outside the document`,
      );
    }
    assert.equal(model.reachable.length, model.stages.length);
  }
});
