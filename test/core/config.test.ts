/**
 * The project config's reader (core/config.ts): text in, severities, ignores and problems out. The
 * expectations are written from the format the README documents.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { configIgnoresPath, readProjectConfig, RULES, withProjectConfig } from '../../server/src/core';

const problems = (text: string) =>
  readProjectConfig(text).problems.map((p) => [p.message, p.range.start.line + 1, p.range.start.character + 1]);

describe('readProjectConfig', () => {
  test('severities per rule, ignore.rules as off, ignore.paths kept as written', () => {
    const { config, problems } = readProjectConfig(
      [
        'rules:',
        '  unreachable-stage: off',
        '  copy-from-undefined-stage: error',
        '  stage-name-casing: info',
        '  duplicate-stage-name: default',
        'ignore:',
        '  paths:',
        '    - legacy/**',
        '    - "*.test.Dockerfile"',
        '  rules: [stage-index-out-of-range]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, {
      'unreachable-stage': 'off',
      'copy-from-undefined-stage': 'error',
      'stage-name-casing': 'information',
      'stage-index-out-of-range': 'off',
    });
    assert.deepEqual(config.ignorePaths, ['legacy/**', '*.test.Dockerfile']);
  });

  test('an empty file, or one of comments only, is an empty config', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) {
      const r = readProjectConfig(text);
      assert.deepEqual(r, { config: { rules: {}, ignorePaths: [] }, problems: [] }, JSON.stringify(text));
    }
  });

  test('`false` turns a rule off, as off does', () => {
    assert.deepEqual(readProjectConfig('rules:\n  unreachable-stage: false\n').config.rules, {
      'unreachable-stage': 'off',
    });
  });

  test('unknown rules, bad severities and unknown keys are problems at their place, with suggestions', () => {
    assert.deepEqual(
      problems(
        [
          'rules:',
          '  copy-from-undefined-stag: warning',
          '  unreachable-stage: loud',
          'ignores:',
          '  - x',
          'ignore:',
          '  rules: [no-such-rule-at-all]',
          '  files: [a]',
          '',
        ].join('\n'),
      ),
      [
        ["no rule 'copy-from-undefined-stag' (did you mean 'copy-from-undefined-stage'?)", 2, 3],
        ["unreachable-stage: 'loud' is not a severity; use off, hint, information, warning, error or default", 3, 22],
        ["unknown key 'ignores' (did you mean 'ignore'?); the keys are rules and ignore", 4, 1],
        ["no rule 'no-such-rule-at-all'", 7, 11],
        ["unknown key 'ignore.files'; ignore has the keys paths and rules", 8, 3],
      ],
    );
  });

  test('what is valid in a file with problems is still read', () => {
    const r = readProjectConfig('rules:\n  nope: off\n  unreachable-stage: off\n');
    assert.equal(r.problems.length, 1);
    assert.deepEqual(r.config.rules, { 'unreachable-stage': 'off' });
  });

  test('YAML syntax errors and wrong shapes are problems, never exceptions', () => {
    const syntax = problems('rules:\n  unreachable-stage: off\n bad indent: [\n');
    assert.ok(syntax.length > 0);
    assert.match(String(syntax[0]![0]), /^YAML: /);
    assert.deepEqual(problems('- a\n- b\n'), [['the config is a mapping with the keys rules and ignore', 1, 1]]);
    assert.deepEqual(problems('rules: [unreachable-stage]\n'), [
      ['rules maps rule ids to severities, e.g. "unreachable-stage: off"', 1, 8],
    ]);
    assert.deepEqual(problems('ignore:\n  paths: [/abs/Dockerfile, ../up, 3]\n'), [
      ["ignore.paths: '/abs/Dockerfile' is absolute; write it relative to the config file", 2, 11],
      ["ignore.paths: '../up' leaves the config file's folder (..)", 2, 28],
      ['ignore.paths lists globs as strings', 2, 35],
    ]);
    assert.equal(problems('rules:\n  unreachable-stage: off\n  unreachable-stage: error\n').length, 1);
  });
});

describe('configIgnoresPath', () => {
  const ignores = (globs: string[], file: string) => configIgnoresPath({ rules: {}, ignorePaths: globs }, file);

  test('a glob without a slash matches a name at any depth', () => {
    assert.equal(ignores(['*.test.Dockerfile'], 'api.test.Dockerfile'), true);
    assert.equal(ignores(['*.test.Dockerfile'], 'svc/api/api.test.Dockerfile'), true);
    assert.equal(ignores(['*.test.Dockerfile'], 'svc/Dockerfile'), false);
  });

  test('a glob with a slash is anchored at the config folder; * stays within a name, ** spans folders', () => {
    assert.equal(ignores(['svc/*/Dockerfile'], 'svc/api/Dockerfile'), true);
    assert.equal(ignores(['svc/*/Dockerfile'], 'svc/api/v2/Dockerfile'), false);
    assert.equal(ignores(['svc/*/Dockerfile'], 'other/svc/api/Dockerfile'), false);
    assert.equal(ignores(['svc/**/Dockerfile'], 'svc/Dockerfile'), true);
    assert.equal(ignores(['svc/**/Dockerfile'], 'svc/api/v2/Dockerfile'), true);
    assert.equal(ignores(['./svc/Docker?ile'], 'svc/Dockerfile'), true);
    assert.equal(ignores(['svc/Dockerfile.[dp]*'], 'svc/Dockerfile.dev'), true);
    assert.equal(ignores(['svc/Dockerfile.[dp]*'], 'svc/Dockerfile.ci'), false);
  });

  test('a glob that matches a folder skips everything under it', () => {
    assert.equal(ignores(['legacy'], 'legacy/old/Dockerfile'), true);
    assert.equal(ignores(['legacy/'], 'svc/legacy/Dockerfile'), true);
    assert.equal(ignores(['legacy/**'], 'legacy/Dockerfile'), true);
    assert.equal(ignores(['vendor/legacy'], 'svc/vendor/legacy/Dockerfile'), false);
  });

  test('dots in names are literal', () => {
    assert.equal(ignores(['Dockerfile.dev'], 'Dockerfilexdev'), false);
  });
});

describe('withProjectConfig', () => {
  test("the shell's settings win where they name a rule; the config's fill the rest", () => {
    assert.deepEqual(
      withProjectConfig(
        { rules: { 'unreachable-stage': 'off', 'stage-name-casing': 'error' }, ignorePaths: [] },
        {
          'stage-name-casing': 'hint',
        },
      ),
      { 'unreachable-stage': 'off', 'stage-name-casing': 'hint' },
    );
  });

  test('a skipped file runs no rule', () => {
    const rules = withProjectConfig({ rules: {}, ignorePaths: ['x'] }, { 'stage-name-casing': 'error' }, true);
    assert.equal(Object.keys(rules).length, RULES.length);
    assert.ok(Object.values(rules).every((s) => s === 'off'));
  });
});

describe("the README's example", () => {
  test('reads without problems and ignores what its comments say', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Config file'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section);
    assert.ok(example, 'the Config file section shows a YAML example');
    const { config, problems } = readProjectConfig(example[1]!);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, {
      'unreachable-stage': 'off',
      'copy-from-undefined-stage': 'error',
      'stage-name-casing': 'off',
    });
    assert.equal(configIgnoresPath(config, 'legacy/api/Dockerfile'), true);
    assert.equal(configIgnoresPath(config, 'tools/legacy/Dockerfile'), true);
    assert.equal(configIgnoresPath(config, 'svc/api.test.Dockerfile'), true);
    assert.equal(configIgnoresPath(config, 'services/api/Dockerfile.dev'), true);
    assert.equal(configIgnoresPath(config, 'services/api/v2/Dockerfile.dev'), false);
    assert.equal(configIgnoresPath(config, 'services/api/Dockerfile'), false);
  });
});

describe('robustness', () => {
  test('any text gives a reading, never an exception; every problem has a range inside the text', () => {
    const lines = fc.constantFrom(
      'rules:',
      '  unreachable-stage: off',
      '  copy-from-undefined-stage: [x]',
      'ignore:',
      '  paths: [a, "b/**", 3]',
      '  rules: [stage-name-casing, nope]',
      '- item',
      '  : :',
      '"unterminated',
      '{ rules: { a: b } }',
      '&anchor x: *anchor',
      '\t tab',
      '',
    );
    const texts = fc.oneof(
      fc.string(),
      fc.array(lines, { maxLength: 12 }).map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const { config, problems } = readProjectConfig(text);
        assert.equal(typeof config.rules, 'object');
        assert.ok(Array.isArray(config.ignorePaths));
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const p of problems) {
          assert.ok(p.message.length > 0);
          assert.ok(p.range.start.line >= 0 && p.range.start.line < lineCount + 1, JSON.stringify(p));
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
