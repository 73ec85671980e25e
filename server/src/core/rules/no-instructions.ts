import { fileRule, type Rule } from './types';

export const noInstructions: Rule = fileRule({
  meta: {
    id: 'no-instructions',
    severity: 'error',
    title: 'The file has no instructions',
    docs: {
      what: 'Flags a Dockerfile that is empty, or holds only comments, parser directives and blank lines.',
      why: 'BuildKit refuses it: "the Dockerfile cannot be empty" for an empty file, "file with no instructions" otherwise. A file that lost its content (a bad merge, the wrong file name) shows up here before a build does.',
      example: '# syntax=docker/dockerfile:1\n# The service image is built from ../Dockerfile now.\n',
      better: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  check({ model, report }) {
    if (model.instructions.length > 0) return;
    // BuildKit names the line after the last one it read; that is the file's last line here.
    const line = Math.max(0, model.lineStarts.length - 1 - (/\r?\n$|\r$/.test(model.text) ? 1 : 0));
    const lineText = model.text.slice(model.lineStarts[line] ?? 0).split(/\r\n|\r|\n/, 1)[0] ?? '';
    report({
      range: { start: { line, character: 0 }, end: { line, character: lineText.length } },
      message: model.text.length === 0 ? 'the Dockerfile cannot be empty.' : 'file with no instructions.',
    });
  },
});
