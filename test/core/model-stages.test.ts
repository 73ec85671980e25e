/**
 * parseDockerfile parses one stage at a time and reuses the unchanged stages of the previous
 * version; its model must equal one parse of the whole text by the library, without our speed-ups.
 * Compared over the corpus, generated multi-stage files, hand-written edge cases, and sequences of
 * edits where each version is parsed with the previous version's model.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseDockerfile, parseDockerfileWhole, type DockerfileModel } from '../../server/src/core';
import { withoutArgumentMemo } from '../../server/src/core/model/ast-speedups';
import { commonPrefix, commonSuffix } from '../../server/src/core/model/reparse';
import { readHeader } from '../../server/src/core/model/scan';
import { generateDockerfile } from '../../bench/lib/generate';
import { loadCorpus } from '../support/corpus';
import { applyMutation, fuzzRuns, fuzzSeed, mutationArb, type Mutation } from '../support/mutations';

const corpus = loadCorpus().files;

function reference(text: string): DockerfileModel {
  return withoutArgumentMemo(() => parseDockerfileWhole(text));
}

function assertSame(text: string, previous?: DockerfileModel, label = ''): DockerfileModel {
  const model = parseDockerfile(text, previous);
  assert.deepStrictEqual(model, reference(text), `stage-by-stage parse differs from the whole parse ${label}`);
  return model;
}

const EDGE_CASES: Record<string, string> = {
  'backtick escape': '# escape=`\nFROM alpine AS a\nRUN echo `\n  FROM not-a-stage\nFROM a AS b\nCOPY --from=a /x /y\n',
  'backslash continuation with comment and blank lines before FROM':
    'FROM alpine AS a\nRUN echo \\\n# comment\n\nFROM b\nFROM c AS d\n',
  'continuation after spaces': 'FROM a\nRUN x \\   \nFROM y\nFROM z\n',
  'heredoc holding FROM lines':
    'FROM a AS a\nRUN <<EOF\nFROM inside\nEOF\nFROM b\nCOPY <<-"X" /f\n\tFROM tabbed\n\tX\nFROM c\n',
  'unterminated heredoc': 'FROM a\nRUN <<EOF\nFROM inside\nFROM still inside\n',
  'escaped heredoc marker': 'FROM a\nRUN <\\<EOF\nFROM inside\nEOF\nFROM b\n',
  'heredoc across a continuation': 'FROM a\nRUN cat <\\\n<EOF\nFROM inside\nEOF\nFROM b\n',
  'onbuild heredoc': 'FROM a\nONBUILD RUN <<EOF\nFROM inside\nEOF\nFROM b\n',
  'two heredocs': 'FROM a\nCOPY <<A <<B /dst/\nFROM one\nA\nFROM two\nB\nFROM c\n',
  'byte order mark before FROM': '\ufeffFROM a\nFROM b\n',
  'byte order mark before a directive': '\ufeff# escape=`\nFROM a\nRUN x `\nFROM y\nFROM b\n',
  'CRLF line ends': 'ARG V=1\r\nFROM a:$V AS x\r\nRUN y \\\r\n  z\r\nFROM x\r\nCOPY --from=x /a /b\r\n',
  'lone CR line ends': 'FROM a\rRUN b\rFROM c\r',
  'lower-case and indented FROM': '  from a as one\n\tFrOm one\n',
  'keyword split by a continuation': 'FROM a\nFR\\\nOM b\nFROM c\n',
  'FROM without arguments': 'FROM\nFROM a\nRUN x\nFROM\n',
  'comments between stages': '# top\nARG X\n# before a\nFROM a\n# between\n\n# more\nFROM b\n# end',
  'no final line break': 'FROM a\nRUN x\nFROM b\nRUN y',
  'only global instructions': 'ARG A=1\n# c\nRUN nothing\n',
  'directive-looking comments later': 'FROM a\n# escape=`\nRUN x \\\nFROM y\n',
  'JSON forms and flags':
    'FROM --platform=$BUILDPLATFORM golang AS b\nRUN --mount=type=cache,target=/c --mount=from=b,source=/s,target=/t ["sh", "-c", "x"]\nFROM scratch\nCOPY --from=b --chmod=755 ["/a", "/b"]\n',
};

describe('the stage-by-stage parse equals the whole parse', () => {
  test(`over the corpus (${corpus.length} files)`, () => {
    for (const file of corpus) assertSame(file.text, undefined, file.name);
  });

  test('over generated files with many stages, comments, heredocs and --from edges', () => {
    for (const lines of [200, 1_000, 5_000]) assertSame(generateDockerfile(lines), undefined, `generated ${lines}`);
  });

  for (const [name, text] of Object.entries(EDGE_CASES)) {
    test(name, () => {
      assertSame(text);
      // And each one as an edit of a neighbouring text.
      assertSame(text, parseDockerfile(text.replace(/\n/, '\n\n')));
      assertSame(text, parseDockerfile('FROM first\n' + text));
    });
  }
});

describe('after edits, reusing the previous version', () => {
  test('typing, deleting and pasting characters through a generated file', () => {
    let text = generateDockerfile(1_500);
    let model = parseDockerfile(text);
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x100000000;
    const pieces = [
      'x',
      '\n',
      '\\',
      '\\\n',
      'FROM scratch AS s\n',
      '<<EOF\n',
      'EOF\n',
      '# c\n',
      ' ',
      '`',
      'COPY --from=stage-1 /a /b\n',
    ];
    for (let step = 0; step < 150; step++) {
      const at = Math.floor(random() * (text.length + 1));
      if (random() < 0.3) {
        text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
      } else {
        text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)]! + text.slice(at);
      }
      model = assertSame(text, model, `after step ${step}`);
    }
  });

  test('sequences of editor-like mutations of corpus files', () => {
    const sequence = fc.tuple(
      fc.constantFrom(...corpus.map((f) => f.text)),
      fc.array(mutationArb, { minLength: 1, maxLength: 8 }),
    );
    fc.assert(
      fc.property(sequence, ([original, mutations]: [string, Mutation[]]) => {
        let text = original;
        let model = parseDockerfile(text);
        for (const mutation of mutations) {
          text = applyMutation(text, mutation);
          model = parseDockerfile(text, model);
          assert.deepStrictEqual(model, reference(text));
        }
      }),
      { numRuns: fuzzRuns(150), seed: fuzzSeed() },
    );
  });

  test('keystrokes that keep the lines reuse what they did not touch and still equal the whole parse', () => {
    let text = generateDockerfile(600);
    let model = parseDockerfile(text);
    const lines = text.split('\n');
    // Every kind of token a keystroke can land in: names after AS, --from values, FROM bases,
    // mount sources, keywords, arguments, comments, heredoc bodies.
    const targets = [
      / AS stage-\d+/,
      /--from=stage-\d+/,
      /--from=\d+/,
      /^FROM \S+/,
      /from=stage-\d+,/,
      /^RUN /,
      /^ENV /,
      /^# /,
      /^echo /,
      /^LABEL /,
    ];
    let reusedStage = 0;
    for (let line = 5; line < lines.length; line += 7) {
      const m = targets.map((re) => re.exec(lines[line]!)).find((x) => x !== null);
      const at = m ? m.index + m[0].length - 1 : 0;
      for (const replacement of ['x', '', '1']) {
        const current = text.split('\n');
        const row = current[line]!;
        current[line] = row.slice(0, at) + replacement + row.slice(at + (replacement === '1' ? 1 : 0));
        const next = current.join('\n');
        const previous = model;
        model = assertSame(next, previous, `at line ${line} with ${JSON.stringify(replacement)}`);
        text = next;
        const untouched = model.stages.findIndex((s) => s.range.end.line < line - 20);
        if (untouched >= 0 && model.stages[untouched] === previous.stages[untouched]) reusedStage++;
      }
    }
    assert.ok(reusedStage > 0, 'stages before the edit are the previous version objects');
  });

  test('a previous model of an unrelated text changes nothing', () => {
    const a = corpus[0]?.text ?? 'FROM a\n';
    const b = generateDockerfile(300);
    assertSame(b, parseDockerfile(a));
    assertSame(a, parseDockerfile(b));
  });
});

describe('the common head and tail of two versions', () => {
  const naivePrefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const naiveSuffix = (a: string, b: string, limit: number) => {
    let i = 0;
    while (i < limit && i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
    return i;
  };
  test('match a character-by-character comparison at every size around the block sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.string({ maxLength: 3 }),
        fc.integer({ min: 0, max: 5000 }),
        (head, middle, tail) => {
          const base = generateDockerfile(200);
          const a = base.slice(0, head) + base.slice(head, head + tail);
          const b = base.slice(0, head) + middle + base.slice(head, head + tail);
          assert.equal(commonPrefix(a, b), naivePrefix(a, b));
          const limit = Math.min(a.length, b.length) - commonPrefix(a, b);
          assert.equal(commonSuffix(a, b, limit), naiveSuffix(a, b, limit));
        },
      ),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() },
    );
  });
});

describe('the header read from the leading comment lines', () => {
  const HEADERS = [
    '',
    '# syntax=docker/dockerfile:1\n',
    '# escape=`\n',
    '# Licensed under the Apache License\n# escape=`\n\n',
    '\ufeff# check=skip=all\n  # more\n',
    '# only a comment',
  ];
  test('depends on its first `extent` characters only, and an edit there is read again', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HEADERS),
        fc.constantFrom('FROM a AS b\nRUN x \\\n  y\nFROM b\n', ...corpus.slice(0, 40).map((f) => f.text)),
        // Where the header ends is where an edit can change it most: bias the offsets towards it.
        fc.oneof(fc.constant(-1), fc.nat()),
        fc.oneof(
          fc.constantFrom('#', '# escape=`\n', '#escape=`\n', '# syntax=x\n', '\n', ' '),
          fc.string({ maxLength: 4 }),
        ),
        (head, body, at, insert) => {
          const text = head + body;
          const header = readHeader(text);
          const offset = at < 0 ? Math.min(header.extent - 1, text.length) : at % (text.length + 1);
          const edited = text.slice(0, offset) + insert + text.slice(offset);
          if (offset >= header.extent) {
            const again = readHeader(edited);
            assert.equal(again.escapeChar, header.escapeChar);
            assert.equal(again.bodyStart, header.bodyStart);
          }
          // Whatever the edit, the parse from the previous version equals a whole parse.
          assertSame(edited, parseDockerfile(text), `editing at ${offset}`);
        },
      ),
      { numRuns: fuzzRuns(200), seed: fuzzSeed() },
    );
  });
});
