import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  comparePositions,
  computeLineStarts,
  looksBinary,
  offsetAt,
  parseImageReference,
  positionAt,
  rangeContains,
  shortImageName,
  textOfRange,
} from '../../server/src/core';
import { closestMatch, editDistance } from '../../server/src/core/rules/helpers/closest-match';

describe('line starts and offsets', () => {
  test('every line break style starts a line', () => {
    assert.deepEqual(computeLineStarts(''), [0]);
    assert.deepEqual(computeLineStarts('a\nb'), [0, 2]);
    assert.deepEqual(computeLineStarts('a\r\nb'), [0, 3]);
    assert.deepEqual(computeLineStarts('a\rb'), [0, 2]);
    assert.deepEqual(computeLineStarts('a\r\n\r\nb\n'), [0, 3, 5, 7]);
    assert.deepEqual(computeLineStarts('\n'), [0, 1]);
  });

  test('offsetAt clamps to the line and never steps over its break', () => {
    const text = 'ab\r\ncd\nef';
    const starts = computeLineStarts(text);
    assert.equal(offsetAt(starts, text, { line: 0, character: 1 }), 1);
    assert.equal(offsetAt(starts, text, { line: 0, character: 99 }), 2);
    assert.equal(offsetAt(starts, text, { line: 1, character: 0 }), 4);
    assert.equal(offsetAt(starts, text, { line: 1, character: 5 }), 6);
    assert.equal(offsetAt(starts, text, { line: 2, character: 2 }), 9);
    assert.equal(offsetAt(starts, text, { line: 2, character: 7 }), 9);
    assert.equal(offsetAt(starts, text, { line: 3, character: 0 }), text.length);
    assert.equal(offsetAt(starts, text, { line: -1, character: 3 }), 0);
    assert.equal(offsetAt(starts, text, { line: 0, character: -4 }), 0);
    const empty = '\n\n';
    assert.equal(offsetAt(computeLineStarts(empty), empty, { line: 1, character: 3 }), 1);
  });

  test('positionAt inverts offsetAt', () => {
    const text = 'FROM a\r\nRUN b\n\nCMD c';
    const starts = computeLineStarts(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = positionAt(starts, offset);
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // between \r and \n
      assert.equal(offsetAt(starts, text, position), offset, `offset ${offset}`);
    }
    assert.deepEqual(positionAt(starts, text.length), { line: 3, character: 5 });
    assert.deepEqual(positionAt(starts, 0), { line: 0, character: 0 });
  });

  test('textOfRange, comparePositions and rangeContains', () => {
    const text = 'FROM alpine AS a\nCOPY --from=a /x /y\n';
    const starts = computeLineStarts(text);
    assert.equal(
      textOfRange(text, starts, { start: { line: 1, character: 12 }, end: { line: 1, character: 13 } }),
      'a',
    );
    assert.equal(
      textOfRange(text, starts, { start: { line: 0, character: 15 }, end: { line: 1, character: 4 } }),
      'a\nCOPY',
    );
    assert.ok(comparePositions({ line: 1, character: 0 }, { line: 0, character: 9 }) > 0);
    assert.ok(comparePositions({ line: 2, character: 3 }, { line: 2, character: 5 }) < 0);
    assert.equal(comparePositions({ line: 2, character: 3 }, { line: 2, character: 3 }), 0);
    const range = { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } };
    assert.equal(rangeContains(range, { line: 1, character: 2 }), true);
    assert.equal(rangeContains(range, { line: 3, character: 4 }), true);
    assert.equal(rangeContains(range, { line: 2, character: 99 }), true);
    assert.equal(rangeContains(range, { line: 1, character: 1 }), false);
    assert.equal(rangeContains(range, { line: 3, character: 5 }), false);
    assert.equal(rangeContains(range, { line: 0, character: 3 }), false);
  });
});

describe('binary detection', () => {
  test('NUL bytes or many control characters mark binary; text with tabs and form feeds does not', () => {
    assert.equal(looksBinary(''), false);
    assert.equal(looksBinary('FROM alpine\r\n\tRUN x\f\n'), false);
    assert.equal(looksBinary('FROM alpine\u0000'), true);
    assert.equal(looksBinary('\u0001\u0002\u0003abcdefghijklmnopqrstuvwxyz'), true);
    assert.equal(looksBinary('\u0001' + 'a'.repeat(20)), false);
    assert.equal(looksBinary('\u0001\u0002' + 'a'.repeat(18)), false, 'exactly 10% is still text');
    assert.equal(looksBinary('\u0001\u0002' + 'a'.repeat(17)), true);
    assert.equal(looksBinary('FROM alpine\n'.repeat(1000) + '\u0000'), false, 'only the first 8 KiB are sampled');
    assert.equal(looksBinary('\u0000' + 'FROM alpine\n'.repeat(1000)), true);
  });
});

describe('image references', () => {
  test('registries are told from repository paths', () => {
    assert.equal(parseImageReference('localhost/app').registry, 'localhost');
    assert.equal(parseImageReference('myorg/app').registry, null);
    assert.equal(parseImageReference('${REGISTRY}/app').registry, '${REGISTRY}');
    assert.equal(parseImageReference('org/$NAME').registry, null);
    assert.equal(parseImageReference('@sha256:x').digest, 'sha256:x');
    assert.equal(parseImageReference(':latest').tag, 'latest');
    assert.equal(parseImageReference('/app').registry, null);
    assert.equal(parseImageReference('host:5000/org/app').name, 'org/app');
    assert.equal(parseImageReference('golang:$V').hasVariable, true);
    assert.equal(parseImageReference('golang').hasVariable, false);
  });

  test('short names drop library/ and lower-case', () => {
    assert.equal(shortImageName(parseImageReference('docker.io/library/Golang:1.22')), 'golang');
    assert.equal(shortImageName(parseImageReference('bitnami/library/x')), 'bitnami/library/x');
  });
});

describe('edit distance and suggestions', () => {
  test('counts insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('builder', 'builder'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('biulder', 'builder'), 1);
    assert.equal(editDistance('build', 'builder'), 2);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('abcd', 'badc'), 2);
  });

  test('suggests the closest name within a third of its length', () => {
    assert.equal(closestMatch('biulder', ['base', 'builder', 'runtime']), 'builder');
    assert.equal(closestMatch('BUILDR', ['builder']), 'builder');
    assert.equal(closestMatch('xyz', ['builder']), null);
    assert.equal(closestMatch('ab', ['ac']), 'ac', 'short names allow one edit');
    assert.equal(closestMatch('ab', ['cd']), null);
    assert.equal(closestMatch('tset', ['test', 'tst']), 'test');
    assert.equal(closestMatch('builde', ['builder', 'builds']), 'builder', 'ties keep the first');
    assert.equal(closestMatch('abcdef', ['abcxyz']), null, 'three edits in six letters is too many');
    assert.equal(closestMatch('abcdefghi', ['abcdefxyz']), 'abcdefxyz');
  });
});
