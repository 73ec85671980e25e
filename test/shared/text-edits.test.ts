import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOffsetEdits } from '../../shared/text-edits';

test('every range refers to the text before any edit, whatever order the edits come in', () => {
  const text = 'FROM golang:1.22\nRUN go build\n';
  const out = applyOffsetEdits(text, [
    { start: 17, end: 17, text: 'WORKDIR /src\n' },
    { start: 16, end: 16, text: ' AS builder' },
    { start: 5, end: 11, text: 'rust' },
  ]);
  assert.equal(out, 'FROM rust:1.22 AS builder\nWORKDIR /src\nRUN go build\n');
});

test('inserts at one place keep their order; a deletion and the insert after it both apply', () => {
  assert.equal(
    applyOffsetEdits('abc', [
      { start: 1, end: 1, text: 'X' },
      { start: 1, end: 1, text: 'Y' },
      { start: 1, end: 2, text: '' },
      { start: 3, end: 3, text: '!' },
    ]),
    'aXYc!',
  );
});

test('overlapping edits are refused, as an editor refuses them', () => {
  assert.throws(
    () =>
      applyOffsetEdits('abcdef', [
        { start: 0, end: 3, text: 'x' },
        { start: 2, end: 4, text: 'y' },
      ]),
    /overlapping edits/,
  );
});
