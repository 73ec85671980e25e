import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/core';
import { execForm } from '../../server/src/core/refactors/convert-to-exec-form';
import { checkRuleFix } from '../support/check-fix';

/** test/fixtures/fixes/<rule-id>/<case>.before.Dockerfile and <case>.after.Dockerfile. */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'fixes');

describe('quick fixes', () => {
  for (const rule of readdirSync(FIXTURES).sort()) {
    for (const file of readdirSync(path.join(FIXTURES, rule))
      .filter((f) => f.endsWith('.before.Dockerfile'))
      .sort()) {
      test(`${rule}/${file.replace('.before.Dockerfile', '')}`, () => {
        const before = readFileSync(path.join(FIXTURES, rule, file), 'utf8');
        const afterFile = path.join(FIXTURES, rule, file.replace('.before.', '.after.'));
        assert.ok(existsSync(afterFile), `missing ${afterFile}`);
        checkRuleFix(before, readFileSync(afterFile, 'utf8'), rule);
      });
    }
  }
});

describe('quick fixes offered only where safe', () => {
  test('exec form only for commands that need no shell', () => {
    assert.equal(execForm('node server.js --port 8080'), '["node", "server.js", "--port", "8080"]');
    assert.equal(execForm('gunicorn "app:create_app()"'), null);
    assert.equal(execForm('npm start && tail -f /dev/null'), null);
    assert.equal(execForm('java $JAVA_OPTS -jar app.jar'), null);
    assert.equal(execForm('./run.sh > /var/log/app.log'), null);
  });

  test('a shell-form CMD that needs the shell gets no exec-form fix', () => {
    const text = 'FROM node:20-slim\nUSER node\nCMD npm start && tail -f /dev/null\n';
    const analysis = analyze(text);
    const finding = analysis.findings.find((f) => f.ruleId === 'json-args-recommended');
    assert.ok(finding);
    const titles = codeActions(analysis, finding.range).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Convert')), titles.join(' | '));
  });

  test('a legacy ENV value with quotes gets no key=value fix', () => {
    const text = 'FROM alpine:3.20\nENV GREETING say "hi"\nUSER nobody\n';
    const analysis = analyze(text);
    const finding = analysis.findings.find((f) => f.ruleId === 'legacy-key-value-format');
    assert.ok(finding);
    assert.deepEqual(
      codeActions(analysis, finding.range).filter((a) => a.id.startsWith('replace-with-suggestion')),
      [],
    );
  });
});
