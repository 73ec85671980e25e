/**
 * The shell reader behind the RUN rules (syntax/shell-script.ts) and the script of a RUN with its
 * way back to the Dockerfile (facts/run-script.ts): words keep their place, operators are told apart
 * from redirections, subshells, groups, control flow and case patterns are known; no input throws.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, parseDockerfile } from '../../server/src/core';
import { runScript } from '../../server/src/core/facts/run-script';
import { readScript } from '../../server/src/core/syntax/shell-script';
import { loadCorpus } from '../support/corpus';
import { applyMutations, fuzzRuns, fuzzSeed, lineLengths, mutationArb, rangeInside } from '../support/mutations';

const summary = (script: string) =>
  readScript(script).map((c) => ({
    words: c.words.map((w) => w.value).join(' '),
    after: c.after,
    group: c.groupDepth,
    control: c.controlDepth,
  }));

describe('readScript', () => {
  test('operators, and redirections that are no operators', () => {
    assert.deepEqual(summary('a x | b 2>&1 >/dev/null && c || d; e & f |& g'), [
      { words: 'a x', after: '|', group: 0, control: 0 },
      { words: 'b', after: '&&', group: 0, control: 0 },
      { words: 'c', after: '||', group: 0, control: 0 },
      { words: 'd', after: ';', group: 0, control: 0 },
      { words: 'e', after: '&', group: 0, control: 0 },
      { words: 'f', after: '|&', group: 0, control: 0 },
      { words: 'g', after: null, group: 0, control: 0 },
    ]);
  });

  test('quotes and substitutions stay inside their word', () => {
    const [command] = readScript(`echo "a | b" 'c && d' $(x | y) \`z | w\` \${v:-|}`);
    assert.deepEqual(
      command!.words.map((w) => w.value),
      ['echo', 'a | b', 'c && d', '$(x | y)', '`z | w`', '${v:-|}'],
    );
    assert.equal(readScript('echo "a | b"').length, 1);
  });

  test('subshells, brace groups, control flow and case patterns', () => {
    assert.deepEqual(summary('(cd /x && make); { cd /y; }; if cd /z; then ls; fi'), [
      { words: 'cd /x', after: '&&', group: 1, control: 0 },
      { words: 'make', after: null, group: 1, control: 0 },
      { words: 'cd /y', after: ';', group: 1, control: 0 },
      { words: 'cd /z', after: ';', group: 0, control: 1 },
      { words: 'ls', after: ';', group: 0, control: 1 },
    ]);
    assert.deepEqual(
      summary('case "$a" in amd64|arm64) x=1 ;; *) echo no ;; esac; done_cmd').map((c) => c.words),
      ['', 'echo no', 'done_cmd'],
    );
    // A case inside a command substitution: its patterns' `)` close nothing, up to its `esac`.
    const arch =
      'a=$(case $(uname -m) in x86_64 | amd64) echo amd64 ;; (aarch64 | arm64) echo arm64 ;; esac) && echo "$a"';
    assert.deepEqual(
      summary(arch).map((c) => [c.words, c.after]),
      [
        ['', '&&'],
        ['echo $a', null],
      ],
    );
    assert.equal(readScript(arch)[0]!.assignments[0]!.raw, arch.slice(0, arch.indexOf(' && ')));
    assert.deepEqual(
      summary('x=$(echo case) && y=$(esac_tool | tr a b) && z').map((c) => c.words),
      ['', '', 'z'],
    );
    assert.deepEqual(
      summary('for f in a b; do rm "$f"; done').map((c) => [c.words, c.control]),
      [['rm $f', 1]],
    );
  });

  test('comments end at the line; a continuation joins', () => {
    assert.deepEqual(
      summary('a # b | c\nd \\\ne').map((c) => c.words),
      ['a', 'd e'],
    );
  });

  test('never throws, and words stay in order inside the script', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab |&;()<>{}\'"`$\\#\n-=*'.split('')), maxLength: 80 }),
        (s) => {
          let last = 0;
          for (const command of readScript(s)) {
            for (const w of [...command.assignments, ...command.words]) {
              assert.ok(w.start >= last && w.end >= w.start && w.end <= s.length, JSON.stringify({ s, w }));
              last = w.start;
            }
          }
        },
      ),
      { seed: fuzzSeed(), numRuns: fuzzRuns(500) },
    );
  });
});

describe('runScript', () => {
  test('continuations and comment lines between them are removed; offsets map back to the file', () => {
    const text = 'FROM debian:12\nRUN apt-get update && \\\n  # a comment\n  apt install -y curl\n';
    const model = parseDockerfile(text);
    const script = runScript(model.instructions[1]!, model, model.escapeChar)!;
    assert.equal(script.script, 'apt-get update &&   apt install -y curl');
    const apt = script.commands[1]!.words[0]!;
    assert.deepEqual(script.rangeOf(apt.start, apt.end), {
      start: { line: 3, character: 2 },
      end: { line: 3, character: 5 },
    });
  });

  test('no script for the exec form or a heredoc', () => {
    const model = parseDockerfile('FROM debian:12\nRUN ["sh", "-c", "a | b"]\nRUN <<EOF\na | b\nEOF\n');
    assert.equal(runScript(model.instructions[1]!, model, '\\'), null);
    assert.equal(runScript(model.instructions[2]!, model, '\\'), null);
  });

  test('every rule, the one off by default too, keeps its ranges inside mutated corpus files', () => {
    const corpus = loadCorpus().files.map((f) => f.text);
    const rules = { 'package-versions-unpinned': 'warning' as const };
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom(...corpus), fc.array(mutationArb, { minLength: 1, maxLength: 4 })),
        ([text, mutations]) => {
          const mutated = applyMutations(text, mutations);
          const lengths = lineLengths(mutated);
          for (const f of analyze(mutated, { rules }).findings) {
            assert.notEqual(f.ruleId, 'internal-error', f.message);
            assert.ok(rangeInside(f.range, lengths), `${f.ruleId} ${JSON.stringify(f.range)}`);
          }
        },
      ),
      { seed: fuzzSeed(), numRuns: fuzzRuns(60) },
    );
  });
});
