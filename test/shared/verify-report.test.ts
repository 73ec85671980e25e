import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VerifyReport } from '../../shared/verify-data';
import { formatSize, verifyReportHtml } from '../../shared/verify-report';

const report: VerifyReport = {
  verdict: 'different',
  summary: 'different: 1 configuration difference (Env <NAME>)',
  builder: 'buildkit',
  seconds: 12,
  original: {
    dockerfile: 'Dockerfile',
    built: true,
    buildSeconds: 3,
    buildLog: 'step <1>',
    size: 880_000_000,
    baseSize: 800_000_000,
  },
  candidate: { dockerfile: 'Dockerfile.split', built: true, buildSeconds: 2, buildLog: 'ok', size: 9_100_000 },
  config: [
    { field: 'Env', key: 'NAME', original: '<b>x</b>', candidate: null, matters: true, reason: 'lost' },
    { field: 'Env', key: 'GOPATH', original: '/go', candidate: null, matters: false, reason: 'base' },
  ],
};

test('the report page loads nothing and runs no script', () => {
  const html = verifyReportHtml(report, 'abc');
  assert.match(html, /content="default-src 'none'; style-src 'nonce-abc';"/);
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /style="/, 'no style attribute (the policy forbids them)');
});

test('the verdict, both sizes and the differences, text escaped', () => {
  const html = verifyReportHtml(report, 'n');
  assert.match(html, /id="verdict">Different</);
  assert.match(html, /id="size-original">880\.0 MB</);
  assert.match(html, /id="size-candidate">9\.1 MB</);
  assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
  assert.doesNotMatch(html, /<b>x<\/b>/);
  // The difference only the base images make is folded away; the one that matters is not.
  const folded = html.slice(html.indexOf('<details><summary>1 difference only the base images make'));
  assert.ok(folded.includes('GOPATH'));
  assert.ok(!html.slice(0, html.indexOf('<details><summary>1 difference')).includes('GOPATH'));
  // The candidate's bar is drawn to the original's scale: 9.1/880 of its width, at least 2.
  const widths = [...html.matchAll(/class="bar-(original|candidate)" x="80" y="\d+" width="(\d+)"/g)].map((m) =>
    Number(m[2]),
  );
  assert.deepEqual(widths, [300, 3]);
});

test('sizes', () => {
  assert.equal(formatSize(undefined), 'unknown');
  assert.equal(formatSize(999), '999 B');
  assert.equal(formatSize(2_130_000), '2.1 MB');
  assert.equal(formatSize(1_220_000_000), '1.22 GB');
});
