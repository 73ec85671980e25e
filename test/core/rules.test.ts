import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, RULES } from '../../server/src/core';
import { checkFixture } from '../support/check-fixture';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'rules');

describe('rule fixtures', () => {
  for (const dir of readdirSync(FIXTURES).sort()) {
    for (const file of readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.Dockerfile')).sort()) {
      test(`${dir}/${file}`, () => {
        const ignore = path.join(FIXTURES, dir, file.replace(/\.Dockerfile$/, '.dockerignore'));
        const settings = existsSync(ignore) ? { dockerignore: readFileSync(ignore, 'utf8') } : {};
        checkFixture(readFileSync(path.join(FIXTURES, dir, file), 'utf8'), settings);
      });
    }
  }
});

function docsSettings(rule: (typeof RULES)[number]) {
  return rule.meta.docs.dockerignore === undefined ? {} : { dockerignore: rule.meta.docs.dockerignore };
}

describe('rule docs', () => {
  for (const rule of RULES) {
    test(`${rule.meta.id}: the example triggers exactly this rule`, () => {
      const ids = new Set(analyze(rule.meta.docs.example, docsSettings(rule)).findings.map((f) => f.ruleId));
      assert.deepEqual([...ids], [rule.meta.id]);
    });
    test(`${rule.meta.id}: the better text is clean`, () => {
      assert.deepEqual(analyze(rule.meta.docs.better, docsSettings(rule)).findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }

  for (const rule of RULES) {
    const { id, peers } = rule.meta;
    test(`${id}: the example is silenced by its suppression comments`, () => {
      const idsOf = (text: string) => analyze(text, docsSettings(rule)).findings.map((f) => f.ruleId);
      assert.ok(!idsOf(`# stagewright-ignore-file ${id}\n${rule.meta.docs.example}`).includes(id), 'stagewright-ignore-file');
      if (peers?.buildkit) assert.ok(!idsOf(`# check=skip=${peers.buildkit}\n${rule.meta.docs.example}`).includes(id), 'check=skip');
      for (const code of peers?.hadolint ?? []) {
        assert.ok(!idsOf(`# hadolint global ignore=${code}\n${rule.meta.docs.example}`).includes(id), `hadolint ${code}`);
      }
    });
  }

  test('every rule has fixtures that fire and that stay silent', () => {
    const dirs = new Set(readdirSync(FIXTURES));
    for (const rule of RULES) assert.ok(dirs.has(rule.meta.id), `no fixtures for ${rule.meta.id} in test/fixtures/rules`);
  });

  test('rule ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
  });
});
