/**
 * A rule that is off by default (package-versions-unpinned: pinning every package is noisy, lockfiles
 * and digests pin better) reports nothing until the user turns it on: with a severity in the editor's
 * settings, in `.stagewright.yaml`, or on the command line (test/cli/off-by-default.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, EMPTY_CONFIG, readProjectConfig, RULES, RULES_BY_ID, withProjectConfig } from '../../server/src/core';
import { applyProjectConfig } from '../../server/src/lsp/project-config';
import { toAnalysisSettings } from '../../server/src/lsp/settings';
import { generatePackageJson } from '../../scripts/generate';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ID = 'package-versions-unpinned';
const DOCKERFILE = 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nUSER nobody\n';
const ofRule = (settings: Parameters<typeof analyze>[1]) =>
  analyze(DOCKERFILE, settings).findings.filter((f) => f.ruleId === ID);

describe('a rule that is off by default', () => {
  test('the pinning rule is the one rule off by default, and it says so in its meta', () => {
    assert.deepEqual(
      RULES.filter((r) => r.meta.enabledByDefault === false).map((r) => r.meta.id),
      [ID],
    );
  });

  test('reports nothing with the default settings, nor with an empty config', () => {
    assert.deepEqual(ofRule({}), []);
    assert.deepEqual(ofRule({ rules: withProjectConfig(EMPTY_CONFIG, {}) }), []);
  });

  test('a severity in the settings turns it on at that severity; off keeps it off', () => {
    assert.deepEqual(
      ofRule({ rules: { [ID]: 'warning' } }).map((f) => f.severity),
      ['warning'],
    );
    assert.deepEqual(
      ofRule({ rules: { [ID]: 'information' } }).map((f) => f.severity),
      ['information'],
    );
    assert.deepEqual(ofRule({ rules: { [ID]: 'off' } }), []);
  });

  test("the editor's settings: a severity turns it on, 'default' leaves it off", () => {
    assert.equal(ofRule(toAnalysisSettings({ rules: { [ID]: 'warning' } })).length, 1);
    assert.deepEqual(ofRule(toAnalysisSettings({ rules: { [ID]: 'default' } })), []);
    assert.deepEqual(ofRule(toAnalysisSettings({})), []);
  });

  test('.stagewright.yaml: a severity turns it on, default and off leave it off; the editor setting wins', () => {
    const load = (text: string) => {
      const reading = readProjectConfig(text);
      assert.deepEqual(reading.problems, []);
      return { file: '/p/.stagewright.yaml', dir: '/p', config: reading.config, problems: [] };
    };
    const settingsWith = (yaml: string, editor: Record<string, string> = {}) => {
      const settings = toAnalysisSettings({ rules: editor });
      applyProjectConfig(settings, load(yaml), '/p/Dockerfile');
      return settings;
    };
    assert.equal(ofRule(settingsWith(`rules:\n  ${ID}: warning\n`)).length, 1);
    assert.deepEqual(ofRule(settingsWith(`rules:\n  ${ID}: default\n`)), []);
    assert.deepEqual(ofRule(settingsWith(`rules:\n  ${ID}: off\n`)), []);
    assert.deepEqual(ofRule(settingsWith(`rules:\n  ${ID}: warning\n`, { [ID]: 'off' })), []);
  });

  test('the generated setting and the rule page say it is off by default', () => {
    const pkg = JSON.parse(
      generatePackageJson(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')),
    ) as {
      contributes: {
        configuration: { properties: Record<string, { properties: Record<string, { markdownDescription: string }> }> };
      };
    };
    const setting = pkg.contributes.configuration.properties['stagewright.rules']!.properties[ID]!;
    assert.match(setting.markdownDescription, /Off by default/);
    const page = readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules', `${ID}.md`), 'utf8');
    assert.match(page, /\| Default severity \| off \(warning when turned on\) \|/);
    assert.match(page, /off by default/);
    assert.ok(RULES_BY_ID.get(ID)!.meta.docs.why.includes('off by default'));
  });
});
