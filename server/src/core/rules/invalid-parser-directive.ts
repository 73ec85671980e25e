import { leadingDirectives } from '../syntax/directives';
import { fileRule, type Rule } from './types';

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
