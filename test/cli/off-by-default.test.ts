/**
 * The CLI runs a rule that is off by default (package-versions-unpinned) only when asked: `--enable`
 * adds it to the default rules, `--rule` runs it alone, and a severity in `.stagewright.yaml` turns it
 * on; `--enable` wins over the config's off.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const ID = 'package-versions-unpinned';
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-cli-off-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// `ADD` of a local file: a default rule fires too, so `--rule` can be told from `--enable`.
writeFileSync(
  path.join(dir, 'Dockerfile'),
  'FROM python:3.12-slim\nWORKDIR /app\nADD app.py ./\nRUN pip install --no-cache-dir flask\nUSER nobody\n',
);

function ruleIds(...args: string[]): string[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args, 'Dockerfile'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] };
  return report.files.flatMap((f) => f.findings.map((x) => x.rule)).sort();
}

test('off by default: only the default rules report', () => {
  assert.deepEqual(ruleIds('--no-config'), ['add-for-local-files']);
});

test('--enable runs it besides the default rules, --rule runs it alone', () => {
  assert.deepEqual(ruleIds('--no-config', '--enable', ID), ['add-for-local-files', ID]);
  assert.deepEqual(ruleIds('--no-config', `--rule=${ID}`), [ID]);
});

test('a severity in .stagewright.yaml turns it on; --enable wins over the config turning it off', () => {
  const config = path.join(dir, 'on.yaml');
  writeFileSync(config, `rules:\n  ${ID}: warning\n`);
  assert.deepEqual(ruleIds('--config', config), ['add-for-local-files', ID]);
  const off = path.join(dir, 'off.yaml');
  writeFileSync(off, `rules:\n  ${ID}: off\n`);
  assert.deepEqual(ruleIds('--config', off), ['add-for-local-files']);
  assert.deepEqual(ruleIds('--config', off, '--enable', ID), ['add-for-local-files', ID]);
});

test('--enable names a rule that exists', () => {
  const r = spawnSync(process.execPath, [CLI, 'check', '--enable', 'no-such-rule', 'Dockerfile'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--enable: no rule 'no-such-rule'/);
});
