import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseDockerfile, type Range } from '../../server/src/core';
import { loadCorpus } from '../support/corpus';
import { BASE_SCOPE, contributedInjections, tokenize, type LineToken } from './tokenizer';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'grammar');

/**
 * Grammar fixtures use the caret notation of the rule fixtures, with scopes instead of findings:
 *     COPY --from=builder /app /app
 *     #           ^^^^^^^ entity.name.namespace.stage.reference.dockerfile
 *     #    ^^^^^^ -entity.name.namespace
 * A scope must cover every marked column and neither column next to the marks (so the token has
 * exactly that extent); a scope with a leading `-` must not occur, even as a prefix, on the marked columns.
 * `#^^^` starts at column 0. Expectation lines are removed before tokenizing.
 */
interface ScopeExpectation {
  line: number;
  start: number;
  end: number;
  scope: string;
  negated: boolean;
  fixtureLine: number;
}

const EXPECTATION = /^(\s*#\s*)(\^+)\s+(-?[a-z][\w.-]*(?:\s+-?[a-z][\w.-]*)*)\s*$/;

function parseGrammarFixture(source: string): { text: string; expectations: ScopeExpectation[] } {
  const kept: string[] = [];
  const expectations: ScopeExpectation[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECTATION.exec(line);
    if (!m) {
      kept.push(line);
      return;
    }
    assert.ok(kept.length > 0, `fixture line ${i + 1}: an expectation needs a line above it`);
    const start = m[1] === '#' ? 0 : m[1]!.length;
    const end = m[1]!.length + m[2]!.length;
    for (const word of m[3]!.split(/\s+/)) {
      const negated = word.startsWith('-');
      expectations.push({
        line: kept.length - 1,
        start,
        end,
        scope: negated ? word.slice(1) : word,
        negated,
        fixtureLine: i + 1,
      });
    }
  });
  return { text: kept.join('\n'), expectations };
}

function scopesAt(tokens: LineToken[], column: number): string[] {
  return tokens.find((t) => t.start <= column && column < t.end)?.scopes ?? [];
}

function describeLine(tokens: LineToken[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}

async function checkGrammarFixture(source: string): Promise<void> {
  const { text, expectations } = parseGrammarFixture(source);
  assert.ok(expectations.length > 0, 'a grammar fixture needs expectations');
  const lines = await tokenize(text);
  for (const e of expectations) {
    const tokens = lines[e.line]!;
    const where = `fixture line ${e.fixtureLine} (${e.negated ? 'not ' : ''}${e.scope} at ${e.line}:${e.start}-${e.end})\n${describeLine(tokens)}`;
    for (let column = e.start; column < e.end; column++) {
      const scopes = scopesAt(tokens, column);
      if (e.negated) {
        assert.ok(
          !scopes.some((s) => s === e.scope || s.startsWith(e.scope + '.')),
          `unexpected scope at column ${column}: ${where}`,
        );
      } else {
        assert.ok(scopes.includes(e.scope), `missing scope at column ${column}: ${where}`);
      }
    }
    if (!e.negated) {
      if (e.start > 0)
        assert.ok(!scopesAt(tokens, e.start - 1).includes(e.scope), `scope starts before the marks: ${where}`);
      assert.ok(!scopesAt(tokens, e.end).includes(e.scope), `scope runs past the marks: ${where}`);
    }
  }
}

describe('grammar fixtures', () => {
  for (const file of readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()) {
    test(file, async () => {
      await checkGrammarFixture(readFileSync(path.join(FIXTURES, file), 'utf8'));
    });
  }
});

describe('grammar contribution', () => {
  test('package.json injects exactly our grammar into source.dockerfile, and the file declares that scope', () => {
    const injections = contributedInjections();
    assert.deepEqual([...injections.keys()], ['stagewright.injection']);
    const file = injections.get('stagewright.injection')!;
    assert.ok(existsSync(file), file);
    const grammar = JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(grammar.scopeName, 'stagewright.injection');
    assert.match(grammar.injectionSelector, new RegExp(`^L:${BASE_SCOPE.replace('.', '\\.')}\\b`));
  });

  test('the fixture checker fails when a scope is missing or runs too far', async () => {
    await assert.rejects(
      checkGrammarFixture('FROM golang AS builder\n#               ^^^^^^ entity.name.namespace.stage.dockerfile\n'),
      /scope starts before/,
    );
    await assert.rejects(
      checkGrammarFixture('FROM golang AS builder\n#    ^^^^^^ entity.name.namespace.stage.dockerfile\n'),
      /missing scope/,
    );
    await assert.rejects(
      checkGrammarFixture('FROM golang AS builder\n#               ^^^ -entity.name.namespace\n'),
      /unexpected scope/,
    );
  });

  test('a large file with an unterminated heredoc tokenizes without hanging', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `echo ${i} "unbalanced`).join('\n');
    const lines = await tokenize(`FROM alpine AS a\nRUN <<EOF\n${body}\nCOPY --from=a /x /y\n`);
    const last = lines[lines.length - 2]!;
    assert.ok(
      last.every((t) => t.scopes.includes('string.unquoted.heredoc.dockerfile')),
      'the body runs to the end of the file',
    );
  });
});

test('on every corpus file the grammar scopes each stage name and --from/from= value that the parser finds', {
  timeout: 120_000,
}, async () => {
  const { files } = loadCorpus();
  assert.ok(files.length > 0);
  const mismatches: string[] = [];
  let checked = 0;
  for (const file of files) {
    const model = parseDockerfile(file.text);
    const lines = await tokenize(file.text);
    const expect = (range: Range, scope: string): void => {
      if (range.start.line !== range.end.line) return;
      checked++;
      const tokens = lines[range.start.line] ?? [];
      for (let column = range.start.character; column < range.end.character; column++) {
        if (!scopesAt(tokens, column).includes(scope)) {
          mismatches.push(`${file.name}:${range.start.line + 1}:${column + 1} lacks ${scope}\n${describeLine(tokens)}`);
          return;
        }
      }
    };
    for (const stage of model.stages)
      if (stage.nameRange) expect(stage.nameRange, 'entity.name.namespace.stage.dockerfile');
    for (const ref of model.references)
      if (ref.kind !== 'from') expect(ref.range, 'entity.name.namespace.stage.reference.dockerfile');
  }
  assert.ok(checked > 0);
  assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${checked} names`);
});
