import type { Range } from '../model';
import { fileRule, type Rule } from './types';

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

/**
 * BuildKit's parser directives: the leading `# name=value` lines, read until the first line that is
 * not one or names an unknown directive. Each with the range of its value.
 */
function leadingDirectives(text: string): { name: string; value: string; range: Range }[] {
  const out: { name: string; value: string; range: Range }[] = [];
  let at = 0;
  for (let line = 0; at <= text.length; line++) {
    const nl = text.indexOf('\n', at);
    const raw = text.slice(at, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const content = line === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    const match = DIRECTIVE.exec(content.trimEnd());
    if (!match || !KNOWN.has(match[1]!.toLowerCase())) break;
    const value = match[2]!;
    const start = raw.length - content.length + content.indexOf(value, content.indexOf('=') + 1);
    out.push({
      name: match[1]!.toLowerCase(),
      value,
      range: { start: { line, character: start }, end: { line, character: start + value.length } },
    });
    if (nl < 0) break;
    at = nl + 1;
  }
  return out;
}

export const invalidParserDirective: Rule = fileRule({
  meta: {
    id: 'invalid-parser-directive',
    severity: 'error',
    title: 'BuildKit rejects this parser directive',
    docs: {
      what: "Flags an `# escape=` directive whose value is neither a backslash nor a backtick, and a parser directive (`syntax`, `escape`, `check`) given twice at the top of the file. The message is BuildKit's own.",
      why: 'BuildKit stops before reading any instruction. With two directives of a name it is not clear which one was meant.',
      example: '# escape=^\nFROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
      better: '# escape=`\nFROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  check({ model, report }) {
    if (!model.text.startsWith('#') && !model.text.startsWith('\uFEFF#')) return;
    const seen = new Set<string>();
    for (const directive of leadingDirectives(model.text)) {
      if (seen.has(directive.name)) {
        report({ range: directive.range, message: `only one ${directive.name} parser directive can be used.` });
        return;
      }
      seen.add(directive.name);
      if (directive.name === 'escape' && directive.value !== '`' && directive.value !== '\\') {
        report({
          range: directive.range,
          message: `invalid escape token '${directive.value}' does not match \` or \\.`,
        });
        return;
      }
    }
  },
});
