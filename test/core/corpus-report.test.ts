import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusReport } from '../../scripts/corpus-report';

test('the corpus report counts findings and files per rule', () => {
  const typo =
    'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM debian:bookworm\nCOPY --from=biulder /a /a\nCOPY --from=biuldr /b /b\nUSER nobody\n';
  const report = corpusReport(
    [
      { name: 'one', text: typo },
      { name: 'two', text: typo },
      { name: 'clean', text: 'FROM debian:bookworm\nRUN true\nUSER nobody\n' },
    ],
    'a test set',
  );
  assert.match(report, /over 3 real Dockerfiles \(a test set\)/);
  assert.match(report, /4 findings; 1 files have none/);
  assert.match(
    report,
    /\| \[copy-from-undefined-stage\]\(rules\/copy-from-undefined-stage\.md\) \| warning \| 4 \| 2 \|/,
  );
  assert.match(report, /\| \[duplicate-stage-name\]\(rules\/duplicate-stage-name\.md\) \| error \| 0 \| 0 \|/);
  assert.match(report, /- `one:4` 'biulder' is not a stage/);
});
