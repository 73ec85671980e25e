import type { Instruction } from '../model';
import { foldedArguments } from '../model/logical-line';
import { splitWords } from '../syntax/words';
import type { SourceText } from './types';
import { instructionRule, type Report, type Rule } from './types';

/** Instructions BuildKit reads as one string: only an empty one lacks its argument. */
const EXACTLY_ONE = new Set(['MAINTAINER', 'WORKDIR', 'USER', 'STOPSIGNAL']);
const AT_LEAST_ONE = new Set(['EXPOSE', 'VOLUME', 'ONBUILD', 'HEALTHCHECK', 'ARG', 'LABEL', 'ENV', 'SHELL']);
/** Instructions whose arguments may be a JSON array, which then must hold strings only. */
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
/** BuildKit's heredoc word: `<<EOF`, `<<-EOF`, `3<<"EOF"`. */
const HEREDOC_WORD = /^\d*<<-?[^<\s]+$/;

/**
 * The JSON array BuildKit would read from an instruction's arguments: the parsed array, or null when
 * the text is not a JSON array (BuildKit then takes the shell form).
 */
function jsonArray(text: string): unknown[] | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The words of an ENV or LABEL as BuildKit's parser splits them: at blanks outside quotes, the escape
 * character keeping the next character in the word. Quotes stay in the words.
 */
function nameValueWords(text: string, escapeChar: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!quote && /\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === escapeChar && quote !== "'" && i + 1 < text.length) {
      word += c + text[++i];
      continue;
    }
    if (quote ? c === quote : c === '"' || c === "'") quote = quote ? '' : c;
    word += c;
  }
  if (inWord) words.push(word);
  return words;
}

/** The text after the first word (HEALTHCHECK's type), as BuildKit cuts it. */
function afterFirstWord(text: string): string {
  return text.trimStart().replace(/^\S+\s*/, '');
}

function check(instruction: Instruction, source: SourceText, escapeChar: string, report: (r: Report) => void): void {
  const argsText = foldedArguments(instruction, source, escapeChar);
  const keyword = instruction.keyword;
  // A heredoc's body is not arguments: BuildKit counts the words up to the line of the last marker.
  const bodyAfter = instruction.heredocs.reduce((line, h) => Math.max(line, h.startRange.start.line), -1);
  const args = bodyAfter < 0 ? instruction.args : instruction.args.filter((a) => a.range.start.line <= bodyAfter);
  const range = instruction.argsRange ?? instruction.keywordRange;
  const say = (message: string, at = range) => report({ range: at, message });

  if (keyword === 'COPY' || keyword === 'ADD') {
    const count = instruction.json ? (jsonArray(argsText)?.length ?? args.length) : args.length;
    if (count < 2) {
      say(
        `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined.`,
      );
      return;
    }
    const last = args[args.length - 1]!;
    if (!instruction.json && HEREDOC_WORD.test(last.value)) {
      say(`${keyword} cannot accept a heredoc as a destination.`, last.range);
      return;
    }
  }
  if (EXACTLY_ONE.has(keyword) && args.length === 0) {
    say(`${keyword} requires exactly one argument.`);
    return;
  }
  if (AT_LEAST_ONE.has(keyword) && args.length === 0) {
    say(`${keyword} requires at least one argument.`);
    return;
  }
  if (JSON_FORM.has(keyword) || keyword === 'HEALTHCHECK') {
    const text = keyword === 'HEALTHCHECK' ? afterFirstWord(argsText) : argsText;
    const array = jsonArray(text);
    if (array?.some((item) => typeof item !== 'string')) {
      say('when using JSON array syntax, arrays must be comprised of strings only.');
      return;
    }
    if (keyword === 'SHELL') {
      if (!array) say('SHELL requires the arguments to be in JSON form.');
      else if (array.length === 0) say('SHELL requires at least one argument.');
      return;
    }
    if (keyword === 'VOLUME' && array?.some((item) => typeof item === 'string' && item.trim() === '')) {
      say('VOLUME specified can not be an empty string.');
      return;
    }
  }
  if (keyword === 'ENV' || keyword === 'LABEL') {
    const words = nameValueWords(argsText, escapeChar);
    if (!words[0]!.includes('=')) {
      // The old `KEY name value` form: a name and the rest of the line as its value.
      if (words.length < 2) say(`${keyword} must have two arguments.`);
      return;
    }
    for (const word of words) {
      const at = args.find((arg) => arg.value.startsWith(word.replace(/["']/g, '')))?.range ?? range;
      if (!word.includes('=')) {
        say(`Syntax error - can't find = in "${word}". Must be of the form: name=value.`, at);
        return;
      }
      if (word.startsWith('=')) {
        say(`${keyword} names can not be blank.`, at);
        return;
      }
    }
  }
  if (keyword === 'ARG') {
    // Words as BuildKit splits them: a quoted value keeps its spaces (`ARG NIX_CONFIG="a = b"` is one
    // word, whose `= b` is no blank name).
    const blank = splitWords(argsText, escapeChar).find((word) => word.raw.startsWith('='));
    if (blank) say('ARG names can not be blank.', args.find((arg) => arg.value.startsWith('='))?.range ?? range);
    return;
  }
  if (keyword === 'ONBUILD') {
    const trigger = args[0]!;
    const name = trigger.value.toUpperCase();
    if (name === 'ONBUILD') say("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed.", trigger.range);
    else if (name === 'FROM' || name === 'MAINTAINER')
      say(`${name} isn't allowed as an ONBUILD trigger.`, trigger.range);
    return;
  }
  if (keyword === 'HEALTHCHECK') {
    const type = args[0]!.value.toUpperCase();
    if (type === 'NONE') {
      if (args.length > 1) say('HEALTHCHECK NONE takes no arguments.');
    } else if (type === 'CMD') {
      const array = jsonArray(afterFirstWord(argsText));
      if (args.length === 1 || (array && array.length === 0)) say('Missing command after HEALTHCHECK CMD.');
    } else {
      say(`Unknown type "${type}" in HEALTHCHECK (try CMD).`, args[0]!.range);
    }
  }
}

export const invalidInstructionArguments: Rule = instructionRule({
  meta: {
    id: 'invalid-instruction-arguments',
    severity: 'error',
    title: 'BuildKit rejects the arguments of this instruction',
    docs: {
      what: "Flags the argument errors BuildKit stops on when it reads an instruction: a COPY or ADD without a destination or with a heredoc as destination; WORKDIR, USER, STOPSIGNAL or MAINTAINER with nothing after them; EXPOSE, VOLUME, LABEL, ENV, ARG, ONBUILD, HEALTHCHECK or SHELL without arguments; an ENV or LABEL without a value or mixing `name=value` with bare words; a blank ENV, LABEL or ARG name; a JSON array holding something other than strings; SHELL not in JSON form; an empty VOLUME; `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`; a HEALTHCHECK of an unknown type, `NONE` with arguments, or `CMD` without a command. The message is BuildKit's own.",
      why: 'BuildKit fails with "dockerfile parse error" before it builds anything, so the file cannot be built at all.',
      example: 'FROM alpine:3.20\nCOPY app.sh\nUSER nobody\nCMD ["/app.sh"]\n',
      better: 'FROM alpine:3.20\nCOPY app.sh /app.sh\nUSER nobody\nCMD ["/app.sh"]\n',
    },
  },
  keywords: [
    'COPY',
    'ADD',
    'MAINTAINER',
    'WORKDIR',
    'USER',
    'STOPSIGNAL',
    'EXPOSE',
    'VOLUME',
    'ONBUILD',
    'HEALTHCHECK',
    'ARG',
    'LABEL',
    'ENV',
    'SHELL',
    'RUN',
    'CMD',
    'ENTRYPOINT',
  ],
  checkInstruction(instruction, { escapeChar, source, report }) {
    check(instruction, source, escapeChar, report);
  },
});
