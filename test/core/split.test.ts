import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, applyEdits, codeActions, parseDockerfile } from '../../server/src/core';
import { planSplit } from '../../server/src/core/facts/split/plan';
import { renderSplit } from '../../server/src/core/refactors/split/render';
import { RULES_BY_ID } from '../../server/src/core/rules';
import { assertSplitInvariants } from '../support/split-invariants';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'split');

function reader(dir: string) {
  const context = path.join(dir, 'context');
  return (rel: string): string | undefined => {
    try {
      return readFileSync(path.join(context, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
}

describe('split fixtures (before.Dockerfile → after.Dockerfile)', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, name);
    const before = readFileSync(path.join(dir, 'before.Dockerfile'), 'utf8');
    const options = existsSync(path.join(dir, 'options.json')) ? (JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as { runtime?: string }) : {};
    test(name, () => {
      const model = parseDockerfile(before);
      const result = planSplit(model, { readWorkspaceFile: reader(dir), preferredRuntime: options.runtime });
      if (existsSync(path.join(dir, 'reason.txt'))) {
        const reason = readFileSync(path.join(dir, 'reason.txt'), 'utf8').trim();
        assert.equal(result.ok, false, 'no split is offered');
        if (!result.ok) assert.ok(result.reason.includes(reason), `reason "${result.reason}" mentions "${reason}"`);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.reason);
      const expected = readFileSync(path.join(dir, 'after.Dockerfile'), 'utf8');
      const { text, edit } = renderSplit(model, result.plan, result.plan.choices[0]!);
      assert.equal(text, expected);
      assert.equal(applyEdits(before, [edit]), expected, 'the edit produces the same text');
      assertSplitInvariants(before, text, result.plan);
    });
  }
});

describe('split code actions', () => {
  const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n';
  const at = { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } };

  test('one refactor.rewrite action per runtime, recommended first, with preview', () => {
    const actions = codeActions(analyze(GO), at).filter((a) => a.kind === 'refactor.rewrite');
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Split into builder and runtime stages → distroless',
        'Split into builder and runtime stages → scratch',
        'Split into builder and runtime stages → alpine',
        'Split into builder and runtime stages → slim',
      ],
    );
    assert.ok(actions.every((a) => a.needsConfirmation));
    const text = applyEdits(GO, actions[1]!.edits());
    assert.match(text, /^FROM scratch$/m);
  });

  test('the preferred runtime setting orders the actions', () => {
    const actions = codeActions(analyze(GO), at, { split: { preferredRuntime: 'alpine' } }).filter((a) => a.kind === 'refactor.rewrite');
    assert.equal(actions[0]!.title, 'Split into builder and runtime stages → alpine');
  });

  test('the split is the quick fix of toolchain-in-final-image', () => {
    const analysis = analyze(GO);
    const finding = analysis.findings.find((f) => f.ruleId === 'toolchain-in-final-image');
    assert.ok(finding);
    assert.match(finding.message, /Go toolchain \(golang:1\.22, ~820 MB\)/);
    assert.deepEqual(finding.data?.artifacts, ['/out/app']);
    const fix = codeActions(analysis, finding.range).find((a) => a.kind === 'quickfix');
    assert.ok(fix);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.fixes, [finding]);
    const fixed = applyEdits(GO, fix.edits());
    assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'toolchain-in-final-image').length, 0);
  });

  test('workspace files come through the action context', () => {
    const rust = 'FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD ["/src/target/release/app"]\n';
    const noWorkspace = planSplit(parseDockerfile('FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n'));
    assert.equal(noWorkspace.ok, false);
    const withToml = codeActions(analyze(rust.replace(/CMD.*\n/, '')), at, {}, { readWorkspaceFile: (p) => (p === 'Cargo.toml' ? '[package]\nname = "app"\n' : undefined) });
    const split = withToml.find((a) => a.kind === 'refactor.rewrite');
    assert.ok(split);
    assert.match(applyEdits(rust.replace(/CMD.*\n/, ''), split.edits()), /COPY --from=builder \/src\/target\/release\/app \/src\/target\/release\/app/);
  });

  test('nothing is offered on a split file', () => {
    const split = applyEdits(GO, codeActions(analyze(GO), at)[0]!.edits());
    const lines = split.split('\n').length;
    for (let line = 0; line < lines; line++) {
      const r = { start: { line, character: 0 }, end: { line, character: 0 } };
      assert.deepEqual(codeActions(analyze(split), r).filter((a) => a.id.startsWith('split-multi-stage')), []);
    }
  });

  test('the docs example splits into the docs better text', () => {
    const docs = RULES_BY_ID.get('toolchain-in-final-image')!.meta.docs;
    const result = planSplit(parseDockerfile(docs.example));
    assert.ok(result.ok);
    assert.equal(renderSplit(parseDockerfile(docs.example), result.plan, result.plan.choices[0]!).text, docs.better);
  });

  test('CRLF files stay CRLF', () => {
    const crlf = GO.replace(/\n/g, '\r\n');
    const result = planSplit(parseDockerfile(crlf));
    assert.ok(result.ok);
    const text = renderSplit(parseDockerfile(crlf), result.plan, result.plan.choices[0]!).text;
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
  });
});
