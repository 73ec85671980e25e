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

function lister(dir: string) {
  const context = path.join(dir, 'context');
  return (rel: string): string[] | undefined => {
    try {
      return readdirSync(path.join(context, rel), { withFileTypes: true })
        .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
        .sort();
    } catch {
      return undefined;
    }
  };
}

describe('split fixtures (before.Dockerfile → after.Dockerfile)', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, name);
    const before = readFileSync(path.join(dir, 'before.Dockerfile'), 'utf8');
    const options = existsSync(path.join(dir, 'options.json'))
      ? (JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as { runtime?: string })
      : {};
    test(name, () => {
      const model = parseDockerfile(before);
      const result = planSplit(model, {
        readWorkspaceFile: reader(dir),
        listWorkspaceDir: lister(dir),
        preferredRuntime: options.runtime,
      });
      if (existsSync(path.join(dir, 'reason.txt'))) {
        const reason = readFileSync(path.join(dir, 'reason.txt'), 'utf8').trim();
        assert.equal(result.ok, false, 'no split is offered');
        if (!result.ok) assert.ok(result.reason.includes(reason), `reason "${result.reason}" mentions "${reason}"`);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.reason);
      const expected = readFileSync(path.join(dir, 'after.Dockerfile'), 'utf8');
      const { text, edits } = renderSplit(model, result.plan, result.plan.choices[0]!);
      assert.equal(text, expected);
      assert.equal(applyEdits(before, edits), expected, 'the edit produces the same text');
      assertSplitInvariants(before, text, result.plan);
    });
  }
});

describe('split code actions', () => {
  const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n';
  const at = { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } };

  const sources = { listWorkspaceDir: (p: string) => (p === '.' ? ['go.mod', 'main.go'] : undefined) };

  test('one action per runtime, recommended first, each naming what it copies, applied without a confirmation step', () => {
    const actions = codeActions(analyze(GO), at, {}, sources).filter((a) => a.id.startsWith('split-multi-stage'));
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Split into builder and runtime stages → distroless, copies /out/app',
        'Split into builder and runtime stages → scratch, copies /out/app',
        'Split into builder and runtime stages → alpine, copies /out/app',
        'Split into builder and runtime stages → slim, copies /out/app',
      ],
    );
    // Away from the warning the split is a refactoring; it is listed once, not also as a quick fix.
    assert.ok(actions.every((a) => a.kind === 'refactor.rewrite' && !a.needsConfirmation));
    const text = applyEdits(GO, actions[1]!.edits());
    assert.match(text, /^FROM scratch$/m);
  });

  test('offered anywhere in the file, also on a blank line or the FROM line', () => {
    const text = GO + '\n';
    for (const line of [0, 1, 4, 5]) {
      const r = { start: { line, character: 0 }, end: { line, character: 0 } };
      assert.ok(
        codeActions(analyze(text), r, {}, sources).some((a) => a.id.startsWith('split-multi-stage')),
        `line ${line}`,
      );
    }
  });

  test('the edit is minimal: AS builder on the FROM line, moved lines out, the runtime stage appended', () => {
    const action = codeActions(analyze(GO), at, {}, sources).find((a) => a.id.startsWith('split-multi-stage'))!;
    const edits = action.edits();
    // Insert the name, delete the CMD line, append the runtime: the build lines are not rewritten.
    assert.deepEqual(
      edits.map((e) => [
        e.range.start.line,
        e.range.start.character,
        e.range.end.line,
        e.range.end.character,
        e.newText.split('\n')[0],
      ]),
      [
        [4, 0, 5, 0, ''],
        [0, 16, 0, 16, ' AS builder'],
        [5, 0, 5, 0, ''],
      ],
    );
  });

  test('without a listing of the build context, COPY . . makes the app directory the safe choice', () => {
    const actions = codeActions(analyze(GO), at).filter((a) => a.id.startsWith('split-multi-stage'));
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Split into builder and runtime stages → debian:bookworm-slim, copies the app directory /src'],
    );
    assert.match(
      applyEdits(GO, actions[0]!.edits()),
      /^COPY --from=builder \/src \/src\nCOPY --from=builder \/out\/app \/out\/app$/m,
    );
  });

  test('the preferred runtime setting orders the actions', () => {
    const actions = codeActions(analyze(GO), at, { split: { preferredRuntime: 'alpine' } }, sources).filter((a) =>
      a.id.startsWith('split-multi-stage'),
    );
    assert.equal(actions[0]!.title, 'Split into builder and runtime stages → alpine, copies /out/app');
  });

  test('the split is the quick fix of toolchain-in-final-image', () => {
    const analysis = analyze(GO);
    const finding = analysis.findings.find((f) => f.ruleId === 'toolchain-in-final-image');
    assert.ok(finding);
    assert.match(finding.message, /Go toolchain \(golang:1\.22, ~820 MB\)/);
    assert.deepEqual(finding.data?.artifacts, ['/out/app']);
    const actions = codeActions(analysis, finding.range, {}, sources).filter((a) =>
      a.id.startsWith('split-multi-stage'),
    );
    assert.ok(
      actions.every((a) => a.kind === 'quickfix'),
      'on the warning, each choice is listed once, as its quick fix',
    );
    const fix = actions[0]!;
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.fixes, [finding]);
    const fixed = applyEdits(GO, fix.edits());
    assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'toolchain-in-final-image').length, 0);
  });

  test('workspace files come through the action context', () => {
    const rust = 'FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD ["/src/target/release/app"]\n';
    const noWorkspace = planSplit(
      parseDockerfile('FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n'),
    );
    assert.equal(noWorkspace.ok, false);
    const withToml = codeActions(
      analyze(rust.replace(/CMD.*\n/, '')),
      at,
      {},
      {
        readWorkspaceFile: (p) => (p === 'Cargo.toml' ? '[package]\nname = "app"\n' : undefined),
        listWorkspaceDir: (p) => (p === '.' ? ['Cargo.toml', 'src/'] : undefined),
      },
    );
    const split = withToml.find((a) => a.id.startsWith('split-multi-stage'));
    assert.ok(split);
    assert.match(
      applyEdits(rust.replace(/CMD.*\n/, ''), split.edits()),
      /COPY --from=builder \/src\/target\/release\/app \/src\/target\/release\/app/,
    );
  });

  test('nothing is offered on a split file', () => {
    const split = applyEdits(GO, codeActions(analyze(GO), at, {}, sources)[0]!.edits());
    const lines = split.split('\n').length;
    for (let line = 0; line < lines; line++) {
      const r = { start: { line, character: 0 }, end: { line, character: 0 } };
      assert.deepEqual(
        codeActions(analyze(split), r).filter((a) => a.id.startsWith('split-multi-stage')),
        [],
      );
    }
  });

  test('the docs example splits into the docs better text', () => {
    const docs = RULES_BY_ID.get('toolchain-in-final-image')!.meta.docs;
    const result = planSplit(parseDockerfile(docs.example), sources);
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
