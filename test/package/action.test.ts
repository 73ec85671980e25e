import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';

// The action's entry run the way the GitHub runner runs a `node20` action: `node <main>` in the
// workspace, every input of action.yml in INPUT_<NAME> (upper-cased, spaces as underscores, the default
// when the workflow gives none), and files for the outputs and the step summary.

const ROOT = path.join(__dirname, '..', '..');
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-action-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Line 5 reads stage 3 of a file with two stages: stage-index-out-of-range, an error, on the "3".
const BAD = 'FROM alpine:3.20 AS build\nRUN echo hi > /hi\n\nFROM alpine:3.20\nCOPY --from=3 /hi /hi\n';
// A --from that resembles a stage name is a warning (copy-from-undefined-stage), not an error.
const TYPO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=biulder /app /app\n';

let run = 0;
function runAction(inputs: Record<string, string>) {
  const workspace = path.join(dir, `ws${++run}`);
  mkdirSync(path.join(workspace, 'docker'), { recursive: true });
  mkdirSync(path.join(workspace, 'a,b'), { recursive: true });
  writeFileSync(path.join(workspace, 'docker', 'Dockerfile'), BAD);
  writeFileSync(path.join(workspace, 'a,b', 'Dockerfile'), TYPO);
  const outputFile = path.join(dir, `output${run}`);
  const summaryFile = path.join(dir, `summary${run}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  }
  for (const name of Object.keys(inputs)) assert.ok(name in action.inputs, `action.yml declares the input ${name}`);
  const r = spawnSync(process.execPath, [path.join(ROOT, action.runs.main)], { cwd: workspace, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
  };
}

before(() => {
  assert.equal(action.runs.using, 'node20');
  assert.ok(existsSync(path.join(ROOT, action.runs.main)), `${action.runs.main} is built (npm run build)`);
});

test('annotations for the checks UI, a SARIF file, the outputs and a summary; an error fails the step', () => {
  const r = runAction({});
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.split('\n');
  const error = lines.find((line) => line.startsWith('::error file=docker/Dockerfile,'));
  assert.ok(error, r.stdout);
  assert.match(
    error,
    /^::error file=docker\/Dockerfile,line=5,col=13,endLine=5,endColumn=14,title=stagewright stage-index-out-of-range::There is no stage 3/,
  );
  // Property values escape ',' and ':' (%2C, %3A); the folder is named "a,b".
  const warning = lines.find((line) => line.startsWith('::warning file=a%2Cb/Dockerfile,'));
  assert.ok(warning, r.stdout);
  assert.match(warning, /line=5,col=13,.*title=stagewright copy-from-undefined-stage::.*builder/);

  assert.equal(r.outputs.report, 'stagewright.sarif');
  assert.equal(r.outputs.errors, '1');
  assert.equal(r.outputs.warnings, '1');
  assert.ok(Number(r.outputs.findings) >= 2);
  for (const name of Object.keys(r.outputs))
    assert.ok(name in action.outputs, `action.yml declares the output ${name}`);

  const sarif = JSON.parse(readFileSync(path.join(r.workspace, 'stagewright.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  const rules = sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId);
  assert.ok(rules.includes('stage-index-out-of-range') && rules.includes('copy-from-undefined-stage'), rules.join());

  assert.match(r.summary, /^## Stagewright$/m);
  assert.match(r.summary, /Failed/);
  assert.match(r.summary, /^\| `docker\/Dockerfile:5` \| error \| `stage-index-out-of-range` \| There is no stage 3/m);
});

test('fail-on sets the threshold: none passes, warning fails on a warning alone', () => {
  assert.equal(runAction({ 'fail-on': 'none' }).code, 0);
  const typoOnly = runAction({ paths: 'a,b/Dockerfile', 'fail-on': 'warning' });
  assert.equal(typoOnly.code, 1, typoOnly.stdout);
  assert.equal(typoOnly.outputs.errors, '0');
  assert.equal(runAction({ paths: 'a,b/Dockerfile' }).code, 0);
});

test('rules, paths, format and output are passed on', () => {
  const r = runAction({
    paths: 'docker/Dockerfile\na,b/Dockerfile',
    rules: 'copy-from-undefined-stage',
    format: 'json',
    output: 'reports/stagewright.json',
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /stage-index-out-of-range/);
  assert.equal(r.outputs.report, 'reports/stagewright.json');
  const report = JSON.parse(readFileSync(path.join(r.workspace, 'reports', 'stagewright.json'), 'utf8'));
  const found = report.files.flatMap((file: { findings: { rule: string }[] }) => file.findings.map((f) => f.rule));
  assert.deepEqual(found, ['copy-from-undefined-stage']);
});

test('bad input is one error annotation and exit code 2', () => {
  const badThreshold = runAction({ 'fail-on': 'severe' });
  assert.equal(badThreshold.code, 2);
  assert.match(badThreshold.stdout, /^::error::stagewright: fail-on takes error, warning, information, hint or none/m);
  const badRule = runAction({ rules: 'no-such-rule' });
  assert.equal(badRule.code, 2);
  assert.match(badRule.stdout, /^::error::stagewright: .*no-such-rule/m);
});
