import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, RULES_BY_ID } from '../../server/src/core';
import { loadCorpus } from '../support/corpus';
import { parseFixture } from '../support/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const TABLE = path.join(ROOT, 'docs', 'buildkit-parse-errors.md');

interface Row {
  error: string;
  rule: string;
  fixture: string;
  says: string;
}

/** The rows of the table: `| error | [rule](...) | fixture | `message part` |`. */
function rows(): Row[] {
  const out: Row[] = [];
  for (const line of readFileSync(TABLE, 'utf8').split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| BuildKit error') || line.startsWith('| ---')) continue;
    const cells = line
      .slice(2, -2)
      .split(' | ')
      .map((c) => c.trim());
    assert.equal(cells.length, 4, `a row of four cells: ${line}`);
    const rule = /^\[([a-z0-9-]+)\]/.exec(cells[1]!)?.[1];
    assert.ok(rule, `a rule link: ${line}`);
    const says = /^(`+)\s?(.*?)\s?\1$/.exec(cells[3]!)?.[2];
    assert.ok(says, `the message part in backquotes: ${line}`);
    out.push({ error: cells[0]!, rule, fixture: cells[2]!, says });
  }
  return out;
}

describe("BuildKit's parse errors (docs/buildkit-parse-errors.md)", () => {
  const table = rows();

  test('the table lists the errors', () => {
    assert.ok(table.length >= 40, `${table.length} rows`);
  });

  for (const row of table) {
    test(`${row.rule}: ${row.says}`, () => {
      assert.ok(RULES_BY_ID.has(row.rule), `no rule '${row.rule}'`);
      const source = readFileSync(path.join(ROOT, row.fixture), 'utf8');
      const text = row.fixture.startsWith('test/fixtures/rules/') ? parseFixture(source).text : source;
      const findings = analyze(text).findings.filter((f) => f.ruleId === row.rule);
      assert.ok(
        findings.some((f) => f.message.includes(row.says)),
        `no finding of ${row.rule} saying "${row.says}" in ${row.fixture}; found: ${findings.map((f) => f.message).join(' / ') || 'none'}`,
      );
      if (RULES_BY_ID.get(row.rule)!.meta.severity !== 'error') assert.match(row.error, /warning/);
    });
  }
});

test('no corpus Dockerfile gets an error (they all build)', () => {
  const { source, files } = loadCorpus();
  assert.ok(files.length > 0, `no corpus files found (${source})`);
  const errors = files.flatMap((file) =>
    analyze(file.text)
      .findings.filter((f) => f.severity === 'error')
      .map((f) => `${file.name}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`),
  );
  assert.deepEqual(errors, []);
});
