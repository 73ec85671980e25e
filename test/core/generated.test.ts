import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES, SEVERITIES } from '../../server/src/core';
import {
  DOCKER_SETTING,
  generatePackageJson,
  generateRuleIndex,
  outOfDate,
  PACKAGE_JSON,
  RULE_INDEX,
  RULES_SETTING,
  ruleFiles,
} from '../../scripts/generate';

test('the rule registry, package.json settings and docs/rules are generated from the current rule files', () => {
  assert.deepEqual(outOfDate(), [], 'run `npm run generate` and commit the result');
});

test('stagewright.rules offers every rule with every severity, default and off', () => {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  const setting = pkg.contributes.configuration.properties[RULES_SETTING];
  assert.deepEqual(Object.keys(setting.properties).sort(), RULES.map((r) => r.meta.id).sort());
  for (const id of Object.keys(setting.properties)) {
    assert.deepEqual([...setting.properties[id].enum].sort(), ['default', ...SEVERITIES].sort());
  }
  const docker = pkg.contributes.configuration.properties[DOCKER_SETTING];
  assert.equal(docker.type, 'boolean');
  for (const rule of RULES.filter((r) => r.meta.reportedByDockerExtension)) {
    assert.ok(docker.markdownDescription.includes(rule.meta.id), rule.meta.id);
  }
});

test('the sync check notices a rule that package.json does not know', () => {
  const current = readFileSync(PACKAGE_JSON, 'utf8');
  const extra = { ...RULES[0]!, meta: { ...RULES[0]!.meta, id: 'made-up-rule' } };
  assert.notEqual(generatePackageJson(current, [...RULES, extra]), current);
  assert.equal(generatePackageJson(current), current);
});

test('the registry holds every rule file, ordered by id', () => {
  const ids = ruleFiles().map((r) => r.rule.meta.id);
  assert.deepEqual(
    RULES.map((r) => r.meta.id),
    ids,
  );
  assert.deepEqual([...ids].sort(), ids);
  for (const { file, rule } of ruleFiles()) assert.equal(file, rule.meta.id);
});

test('the registry check notices a rule file that the registry does not import', () => {
  const current = readFileSync(RULE_INDEX, 'utf8');
  const files = ruleFiles();
  assert.equal(generateRuleIndex(files), current);
  const extra = {
    file: 'made-up-rule',
    exportName: 'madeUpRule',
    rule: { ...files[0]!.rule, meta: { ...files[0]!.rule.meta, id: 'made-up-rule' } },
  };
  assert.notEqual(generateRuleIndex([...files, extra]), current);
  assert.notEqual(generateRuleIndex(files.slice(1)), current);
});
