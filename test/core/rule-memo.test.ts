/**
 * The rule runner remembers the findings of instruction- and stage-scoped rules between versions of
 * a document. A remembered result must equal a fresh one: every rule's `check` run over the whole
 * file of a fresh parse. Compared over the corpus, generated files, the rule fixtures, and sequences
 * of edits (typing, lines inserted above, directives, the escape character and the frontend changed,
 * stages renamed), with several settings.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  parseDockerfile,
  parseDockerfileWhole,
  RULES,
  runRules,
  type AnalysisSettings,
  type DockerfileModel,
} from '../../server/src/core';
import { clearRuleMemo } from '../../server/src/core/rules/runner';
import { fromDeclaration } from '../../server/src/core/model/queries';
import { planSplit, planSplitOnce } from '../../server/src/core/facts/split/plan';
import { mayLeaveBuildTools, stageFacts } from '../../server/src/core/facts/stage-facts';
import { COMPILING, leftBehind } from '../../server/src/core/facts/leftover';
import { generateDockerfile } from '../../bench/lib/generate';
import { loadCorpus } from '../support/corpus';
import { applyMutation, fuzzRuns, fuzzSeed, mutationArb, type Mutation } from '../support/mutations';

const corpus = loadCorpus().files;
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'rules');
const fixtures = readdirSync(FIXTURES).flatMap((dir) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => readFileSync(path.join(FIXTURES, dir, f), 'utf8')),
);

const SETTINGS: AnalysisSettings[] = [
  {},
  { rules: { 'unknown-instruction': 'hint', 'undefined-var': 'error', 'legacy-key-value-format': 'off' } },
  { hideDockerExtensionRules: true },
  { dockerignore: 'node_modules\n*.md\n!README.md\nsecret/\n' },
  { dockerignore: 'src\n' },
];

/** Every rule's whole-file check over a fresh parse of the whole text: the reference. */
function fresh(text: string, settings: AnalysisSettings) {
  return runRules(parseDockerfileWhole(text), settings, RULES, { memo: false });
}

function assertSameFindings(model: DockerfileModel, settings: AnalysisSettings, label: string): void {
  assert.deepStrictEqual(runRules(model, settings), fresh(model.text, settings), label);
}

/** Runs every settings variant over each version of an edit sequence, each parsed with the previous model. */
function checkSequence(versions: string[], label: string): void {
  for (const settings of SETTINGS) {
    let model: DockerfileModel | null = null;
    versions.forEach((text, i) => {
      model = parseDockerfile(text, model);
      assertSameFindings(model, settings, `${label}, version ${i}, settings ${JSON.stringify(settings)}`);
    });
  }
}

/** Versions of a text: each applies one edit to the one before. */
function versionsOf(text: string, edits: ((t: string) => string)[]): string[] {
  const out = [text];
  for (const edit of edits) out.push(edit(out[out.length - 1]!));
  return out;
}

const insertAt = (fraction: number, piece: string) => (t: string) => {
  const lines = t.split('\n');
  const at = Math.floor(lines.length * fraction);
  lines.splice(at, 0, piece);
  return lines.join('\n');
};

const EDITS: [string, (t: string) => string][] = [
  ['a character typed in the middle', (t) => t.slice(0, t.length >> 1) + 'x' + t.slice(t.length >> 1)],
  ['a line inserted at the top (every line shifts)', (t) => '# a new first comment\n' + t],
  [
    'a stage inserted in the middle',
    insertAt(
      0.5,
      'FROM alpine:3.20 AS inserted\nRUN apk add --no-cache curl\nENV SECRET_TOKEN=x\nWORKDIR relative\nCMD run\nCMD again',
    ),
  ],
  ['the escape character changed', (t) => '# escape=`\n' + t],
  ['a check directive added', (t) => '# check=skip=UndefinedVar,JSONArgsRecommended;error=true\n' + t],
  [
    'a global ARG added',
    (t) => (t.startsWith('#') ? t.replace('\n', '\nARG APP_HOME=/srv\n') : 'ARG APP_HOME=/srv\n' + t),
  ],
  [
    'a line deleted near the end',
    (t) => {
      const lines = t.split('\n');
      lines.splice(Math.max(0, lines.length - 3), 1);
      return lines.join('\n');
    },
  ],
  ['a stage renamed', (t) => t.replace(/ AS ([A-Za-z][\w.-]*)/i, ' AS renamed-$1')],
  ['a stage on an undeclared ARG', insertAt(0.6, 'FROM node:${NODE_VERSON} AS undeclared\nRUN true')],
  ['another frontend named', (t) => '# syntax=devthefuture/dockerfile-x:v1.5.0\n' + t],
  [
    'the frontend changed in place',
    (t) => t.replace('# syntax=devthefuture/dockerfile-x:v1.5.0', '# syntax=docker/dockerfile:1.7'),
  ],
  ['the frontend directive removed', (t) => t.replace('# syntax=docker/dockerfile:1.7\n', '')],
  ['the escape directive removed again', (t) => t.replace('# escape=`\n', '')],
  ['a variable use with a typo', insertAt(0.7, 'ENV APP_HOME=/srv\nWORKDIR $APP_HOEM\nexpose 80/TCP 127.0.0.1:80:80')],
];

describe('remembered rule findings equal fresh ones', () => {
  test(`each corpus file, each settings variant (${corpus.length} files)`, () => {
    clearRuleMemo();
    for (const settings of SETTINGS) {
      for (const file of corpus) assertSameFindings(parseDockerfile(file.text), settings, file.name);
      // Again: now every result comes from the memo.
      for (const file of corpus) assertSameFindings(parseDockerfile(file.text), settings, `${file.name} (remembered)`);
    }
  });

  test('the rule fixtures', () => {
    for (const text of fixtures)
      checkSequence(
        versionsOf(
          text,
          EDITS.map(([, e]) => e),
        ),
        'fixture',
      );
  });

  test('generated multi-stage files through a sequence of edits', () => {
    for (const lines of [300, 2_000])
      checkSequence(
        versionsOf(
          generateDockerfile(lines),
          EDITS.map(([, e]) => e),
        ),
        `generated ${lines}`,
      );
  });

  for (const [name, edit] of EDITS) {
    test(`corpus files after ${name}`, () => {
      for (const file of corpus.slice(0, 60)) {
        const before = parseDockerfile(file.text);
        runRules(before);
        const text = edit(file.text);
        assertSameFindings(parseDockerfile(text, before), {}, `${file.name} after ${name}`);
      }
    });
  }

  test('sequences of editor-like mutations of corpus files', () => {
    const sequence = fc.tuple(
      fc.constantFrom(...corpus.map((f) => f.text)),
      fc.array(mutationArb, { minLength: 1, maxLength: 8 }),
    );
    fc.assert(
      fc.property(sequence, ([original, mutations]: [string, Mutation[]]) => {
        let text = original;
        let model = parseDockerfile(text);
        runRules(model);
        for (const mutation of mutations) {
          text = applyMutation(text, mutation);
          model = parseDockerfile(text, model);
          assert.deepStrictEqual(runRules(model), fresh(text, {}));
        }
      }),
      { numRuns: fuzzRuns(100), seed: fuzzSeed() },
    );
  });
});

describe('the memo is used', () => {
  test('after an edit inside a stage, its other instructions keep their remembered findings', () => {
    const body = Array.from({ length: 10 }, (_, i) => `RUN step ${i}`).join('\n');
    const text = `FROM alpine:3.20\nMAINTAINER me\nEXPOSE 80/TCP\n${body}\nEXPOSE 1/UDP\nUSER nobody\n`;
    const before = parseDockerfile(text);
    const first = runRules(before).filter((f) => f.range.start.line <= 2);
    assert.deepStrictEqual(first.map((f) => f.ruleId).sort(), ['expose-proto-casing', 'maintainer-deprecated']);
    const after = parseDockerfile(text.replace('EXPOSE 1/UDP', 'EXPOSE 1/UDp'), before);
    assert.equal(after.instructions[2], before.instructions[2], 'the parser reused the instruction');
    assert.notEqual(after.instructions[13], before.instructions[13]);
    const second = runRules(after);
    for (const f of first) assert.ok(second.includes(f), `computed again: ${f.ruleId}`);
    assertSameFindings(after, {}, 'after the edit');
  });

  test('other global ARGs around the very same stage objects change the stage findings', () => {
    // A model assembled by hand: the parser re-parses everything when the global ARGs change, but
    // the memo must not rely on that.
    const model = parseDockerfile('ARG APP_HOME=/srv\nFROM scratch\nWORKDIR $APP_HOME\nCOPY app $APP_HOME/\n');
    runRules(model);
    const without: DockerfileModel = {
      ...model,
      globalArgs: [],
      instructions: model.instructions.filter((i) => i.stage >= 0),
    };
    assert.deepStrictEqual(runRules(without), runRules(without, {}, RULES, { memo: false }));
    assert.deepStrictEqual(runRules(model), runRules(model, {}, RULES, { memo: false }));
  });

  test('toolchain-in-final-image: the same final stage object read with other global ARGs or other stage names', () => {
    const toolchain = (findings: ReturnType<typeof runRules>) =>
      findings.filter((f) => f.ruleId === 'toolchain-in-final-image');
    const text =
      'ARG OUT=/out/app\nFROM alpine AS other\nRUN echo\nFROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o $OUT .\nCMD ["/out/app"]\n';
    const model = parseDockerfile(text);
    assert.equal(toolchain(runRules(model)).length, 1);
    // The same stage objects without the global ARG (a model assembled by hand; the parser would re-parse).
    const withoutArg: DockerfileModel = {
      ...model,
      globalArgs: [],
      instructions: model.instructions.filter((i) => i.stage >= 0),
    };
    const argless = toolchain(fresh(text.replace('ARG OUT=/out/app', '# no ARG here'), {}));
    assert.notDeepStrictEqual(argless, toolchain(runRules(model)));
    assert.deepStrictEqual(toolchain(runRules(withoutArg)), argless);
    // The same final stage object, with the first stage named as the builder would be.
    const named: DockerfileModel = {
      ...model,
      stages: [{ ...model.stages[0]!, name: 'builder', nameLower: 'builder' }, model.stages[1]!],
    };
    const renamed = toolchain(fresh(text.replace('AS other', 'AS builder'), {}));
    assert.notDeepStrictEqual(renamed, toolchain(runRules(model)));
    assert.deepStrictEqual(toolchain(runRules(named)), renamed);
  });

  test('an edit in a parent stage (no line shifts) changes the findings of the stages built on it', () => {
    const text =
      'FROM python:3.12-slim AS base\nENV APP_HOME=/srv\nSHELL ["/bin/bash", "-c"]\nWORKDIR /srv\n\nFROM base AS app\nWORKDIR rel\nWORKDIR $APP_HOME\nCMD run\n';
    const v1 = parseDockerfile(text);
    assertSameFindings(v1, {}, 'before');
    const v2 = parseDockerfile(
      text
        .replace('ENV APP_HOME=/srv', 'ENV APP_HOMX=/srv')
        .replace('SHELL ["/bin/bash", "-c"]', 'LABEL a=b')
        .replace('WORKDIR /srv', 'USER   nobody'),
      v1,
    );
    assert.equal(v2.stages[1]!.from, v1.stages[1]!.from, 'the parser reused the second stage');
    assertSameFindings(v2, {}, 'after');
    const ids = runRules(v2)
      .filter((f) => f.range.start.line > 4)
      .map((f) => f.ruleId)
      .sort();
    assert.deepStrictEqual(ids, ['json-args-recommended', 'undefined-var', 'workdir-relative-path']);
  });

  test('after an edit in one stage, the findings of another stage are the remembered objects', () => {
    const scoped = new Set(RULES.filter((r) => r.checkInstruction || r.checkStage).map((r) => r.meta.id));
    const text =
      'FROM alpine:3.20 AS one\nRUN echo hi\nEXPOSE 80/TCP\nMAINTAINER me\nCMD run\n\nFROM one AS two\nWORKDIR $NOPE\nMAINTAINER you\n';
    const before = parseDockerfile(text);
    const first = runRules(before).filter((f) => f.range.start.line < 6 && scoped.has(f.ruleId));
    assert.deepStrictEqual(first.map((f) => f.ruleId).sort(), [
      'expose-proto-casing',
      'json-args-recommended',
      'maintainer-deprecated',
    ]);
    const after = parseDockerfile(text.replace('WORKDIR $NOPE', 'WORKDIR $NOPE2'), before);
    const second = runRules(after);
    for (const f of first) assert.ok(second.includes(f), `computed again: ${f.ruleId}`);
    // The edited stage's findings are new.
    assert.ok(second.some((f) => f.ruleId === 'maintainer-deprecated' && f.range.start.line === 8));
  });
});

describe('rules declare their scope and keep no state', () => {
  // Waits for the rule's owner: it still remembers its reports itself and declares no scope.
  const UNDECLARED = new Set(['toolchain-in-final-image']);

  test('every rule says how far its findings reach, and has the method for it', () => {
    for (const rule of RULES) {
      if (UNDECLARED.has(rule.meta.id)) continue;
      const scope = rule.scope;
      assert.ok(scope, `${rule.meta.id} declares no scope`);
      if (scope === 'instruction') assert.ok(rule.checkInstruction, rule.meta.id);
      if (scope === 'stage') assert.ok(rule.checkStage, rule.meta.id);
      if (scope === 'summary') assert.ok(rule.summarize && rule.checkSummaries, rule.meta.id);
      assert.equal(rule.remembersReports, undefined, `${rule.meta.id}: the runner remembers, not the rule`);
    }
  });

  test('after an edit, the findings of file rules on what the edit did not touch are the previous objects', () => {
    const fileScoped = new Set(RULES.filter((r) => r.scope === 'file').map((r) => r.meta.id));
    const text =
      'FROM alpine AS unused\nRUN echo\n\nFROM alpine AS one\nRUN echo one\n\nFROM debian:bookworm-slim\nCOPY --from=1 /a /a\nRUN apt-get update && apt-get install -y curl\nUSER nobody\n';
    const before = parseDockerfile(text);
    const first = runRules(before).filter((f) => fileScoped.has(f.ruleId));
    assert.deepStrictEqual(first.map((f) => f.ruleId).sort(), [
      'copy-from-stage-index',
      'package-cache-in-final-image',
      'unreachable-stage',
    ]);
    const after = parseDockerfile(text.replace('RUN echo one', 'RUN echo two'), before);
    const second = runRules(after);
    for (const f of first) assert.ok(second.includes(f), `made again: ${f.ruleId}`);
    assertSameFindings(after, {}, 'after the edit');
    // A finding whose text changes is a new object, though its range is the same object.
    const renamed = parseDockerfile(text.replace('AS one', 'AS two'), after);
    const index = runRules(renamed).find((f) => f.ruleId === 'copy-from-stage-index')!;
    assert.equal(index.range, first.find((f) => f.ruleId === 'copy-from-stage-index')!.range);
    assert.match(index.message, /'two'/);
    assertSameFindings(renamed, {}, 'after the rename');
  });
});

describe('the split is planned once per document version', () => {
  test('planSplitOnce answers as planSplit, once per document version (its analysis) and options', () => {
    const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build .\nCMD ["/src/server"]\n';
    const model = parseDockerfile(text);
    const version = { model };
    const reads: string[] = [];
    const reader = (p: string) => {
      reads.push(p);
      return undefined;
    };
    const first = planSplitOnce(version, { readWorkspaceFile: reader });
    assert.equal(planSplitOnce(version, { readWorkspaceFile: reader }), first);
    assert.equal(
      planSplitOnce(version, { readWorkspaceFile: () => undefined }),
      first,
      'another reader of the same document',
    );
    const once = reads.length;
    assert.ok(once > 0, 'the plan read the workspace');
    planSplitOnce(version, { readWorkspaceFile: reader });
    assert.equal(reads.length, once, 'the workspace is not read again');
    const strip = (r: ReturnType<typeof planSplit>) => JSON.parse(JSON.stringify(r)) as unknown;
    assert.deepStrictEqual(strip(first), strip(planSplit(model, { readWorkspaceFile: reader })));
    const scratch = planSplitOnce(version, { readWorkspaceFile: reader, preferredRuntime: 'scratch' });
    assert.notEqual(scratch, first);
    assert.deepStrictEqual(
      strip(scratch),
      strip(planSplit(model, { readWorkspaceFile: reader, preferredRuntime: 'scratch' })),
    );
    assert.notEqual(planSplitOnce({ model: parseDockerfile(text) }), first, 'another version, another plan');
  });
});

describe('toolchain-in-final-image: the quick test before the stage facts', () => {
  test('where it says no, the facts leave nothing behind', () => {
    let skipped = 0;
    for (const text of [...corpus.map((f) => f.text), ...fixtures]) {
      const model = parseDockerfile(text);
      for (const stage of model.stages) {
        if (mayLeaveBuildTools(stage, COMPILING)) continue;
        skipped++;
        assert.equal(leftBehind(stageFacts(model, stage)), null);
      }
    }
    assert.ok(skipped > 0);
  });
});

describe('fromDeclaration reads what the parser reads', () => {
  test('over the corpus and generated files', () => {
    for (const text of [...corpus.map((f) => f.text), generateDockerfile(1_000)]) {
      for (const stage of parseDockerfile(text).stages) {
        const d = fromDeclaration(stage.from);
        assert.deepStrictEqual(
          { name: d.name, nameLower: d.nameLower, nameRange: d.nameRange, asRange: d.asRange, platform: d.platform },
          {
            name: stage.name,
            nameLower: stage.nameLower,
            nameRange: stage.nameRange,
            asRange: stage.asRange,
            platform: stage.platform,
          },
        );
      }
    }
  });
});
