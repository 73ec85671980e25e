import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/core';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-sarif-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The official SARIF 2.1.0 schema (OASIS, final "rtm.5" revision, JSON Schema draft-04) as shipped by
 * Microsoft's @microsoft/jest-sarif package.
 */
function sarifValidator() {
  const schemaFile = path.join(
    path.dirname(require.resolve('@microsoft/jest-sarif')),
    'schemas',
    'sarif-2.1.0-rtm.5.json',
  );
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  // The schema's `language` pattern has a stray `]`, valid only without the regular expression `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const TYPO =
  'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM debian:bookworm-slim\nCOPY --from=biulder /app /app\nUSER nobody\n';
const MANY =
  'FROM golang:1.22 AS Build\nRUN go build -o /app .\n\nFROM debian:bookworm-slim AS build\nCOPY --from=7 /app /app\nUSER nobody\n';

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: { id: string; helpUri?: string; help: { markdown: string }; defaultConfiguration: { level: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
      }[];
    }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

test('--format sarif is valid SARIF 2.1.0 with the rule registry and 1-based regions', () => {
  mkdirSync(path.join(dir, 'svc'), { recursive: true });
  writeFileSync(path.join(dir, 'svc', 'Dockerfile'), TYPO);
  writeFileSync(path.join(dir, 'svc', 'many.Dockerfile'), MANY);
  writeFileSync(path.join(dir, 'svc', 'binary.Dockerfile'), Buffer.from([0, 1, 2, 3, 0, 0]));
  const r = run(['check', '--format', 'sarif', 'svc']);
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as SarifLog;
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  const run0 = log.runs[0]!;
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(
    run0.tool.driver.rules.map((d) => d.id),
    RULES.map((rule) => rule.meta.id),
  );
  const typo = run0.results.find((x) => x.ruleId === 'copy-from-undefined-stage')!;
  assert.equal(typo.level, 'warning');
  assert.match(typo.message.text, /did you mean 'builder'/);
  assert.deepEqual(typo.locations[0]!.physicalLocation.artifactLocation, {
    uri: 'svc/Dockerfile',
    uriBaseId: 'SRCROOT',
  });
  // `biulder` is on line 5, columns 13..19 (1-based); endColumn is the column after it.
  assert.deepEqual(typo.locations[0]!.physicalLocation.region, {
    startLine: 5,
    startColumn: 13,
    endLine: 5,
    endColumn: 20,
  });
  assert.equal(run0.tool.driver.rules[typo.ruleIndex]!.id, 'copy-from-undefined-stage');
  const levels = run0.results
    .filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'svc/many.Dockerfile')
    .map((x) => `${x.ruleId}:${x.level}`)
    .sort();
  assert.deepEqual(levels, [
    'duplicate-stage-name:error',
    'stage-index-out-of-range:error',
    'stage-name-casing:warning',
  ]);
  assert.match(run0.invocations[0]!.toolExecutionNotifications[0]!.message.text, /binary\.Dockerfile: binary content/);

  const descriptor = run0.tool.driver.rules.find((d) => d.id === 'copy-from-undefined-stage')!;
  assert.match(descriptor.help.markdown, /^# copy-from-undefined-stage/);
  assert.ok(descriptor.helpUri && existsSync(fileURLToPath(descriptor.helpUri)), descriptor.helpUri);
});

test('the schema check does catch a broken log (the validator is live)', () => {
  const validate = sarifValidator();
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [{ tool: { driver: {} }, results: [{ message: { text: 'x' }, level: 'loud' }] }],
    }),
    false,
  );
  // A zero-based line would be caught: SARIF lines start at 1.
  const region = { startLine: 0, startColumn: 1 };
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'x' } },
        results: [
          { message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region } }] },
        ],
      },
    ],
  };
  assert.equal(validate(log), false);
  region.startLine = 1;
  assert.equal(validate(log), true, JSON.stringify(validate.errors));
});

test('--rule and --ignore select rules, repeatable or comma-separated; unknown ids are usage errors', () => {
  writeFileSync(path.join(dir, 'Dockerfile'), MANY);
  const ids = (args: string[]) => {
    const r = run(['check', '--format', 'json', ...args, 'Dockerfile']);
    return (JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings.map(
      (f) => f.rule,
    ).sort();
  };
  assert.deepEqual(ids([]), ['duplicate-stage-name', 'stage-index-out-of-range', 'stage-name-casing']);
  assert.deepEqual(ids(['--rule', 'stage-name-casing']), ['stage-name-casing']);
  assert.deepEqual(ids(['--rule=stage-name-casing,duplicate-stage-name']), [
    'duplicate-stage-name',
    'stage-name-casing',
  ]);
  assert.deepEqual(ids(['--rule', 'stage-name-casing', '--rule', 'stage-index-out-of-range']), [
    'stage-index-out-of-range',
    'stage-name-casing',
  ]);
  assert.deepEqual(ids(['--ignore', 'stage-name-casing,duplicate-stage-name']), ['stage-index-out-of-range']);
  assert.deepEqual(ids(['--rule', 'stage-name-casing,duplicate-stage-name', '--ignore', 'duplicate-stage-name']), [
    'stage-name-casing',
  ]);
  const unknown = run(['check', '--rule', 'no-such-rule']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--rule: no rule 'no-such-rule'/);
});

test('the CLI honours the suppression comments', () => {
  const file = path.join(dir, 'suppressed.Dockerfile');
  writeFileSync(
    file,
    '# check=skip=StageNameCasing\n' +
      MANY.replace('COPY --from=7', '# stagewright-ignore stage-index-out-of-range\nCOPY --from=7'),
  );
  const r = run(['check', '--format', 'json', file]);
  const findings = (JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings.map(
    (f) => f.rule,
  );
  assert.deepEqual(findings, ['duplicate-stage-name']);
});
