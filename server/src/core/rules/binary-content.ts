import { fileRule, type Rule } from './types';

/** What the text shows of how it was decoded: a NUL or a control character, or U+FFFD. */
function describe(text: string, skipped: string): string {
  if (text.includes('\uFFFD') && !text.includes('\u0000'))
    return 'The file is not valid UTF-8 (it holds replacement characters where bytes could not be decoded): save it as UTF-8 to have it checked. BuildKit reads Dockerfiles as UTF-8.';
  if (skipped === 'binary content')
    return 'The file holds binary content (NUL bytes or control characters), not Dockerfile text: it was not checked.';
  return `The file was not checked: ${skipped}.`;
}

export const binaryContent: Rule = fileRule({
  meta: {
    id: 'binary-content',
    severity: 'error',
    title: 'The file is binary or not UTF-8',
    docs: {
      what: 'Flags, once on the first line, a file that is not Dockerfile text: binary content (NUL bytes, a large share of control characters), or text that is not valid UTF-8 (bytes the editor or the CLI could not decode). No other rule runs on such a file.',
      why: 'BuildKit reads a Dockerfile as UTF-8 text; an archive, an image or a file saved in another encoding (UTF-16 without a byte-order mark, Latin-1) is either rejected or read with the wrong characters. Saying so beats checking it silently or not at all.',
      example: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Ren\uFFFD Dupont"\nUSER nobody\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="René Dupont"\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  checksSkipped: true,
  check({ model, report }) {
    if (!model.skipped) return;
    const end = model.text.search(/\r|\n/);
    report({
      range: {
        start: { line: 0, character: 0 },
        end: { line: 0, character: Math.min(end < 0 ? model.text.length : end, 200) },
      },
      message: describe(model.text, model.skipped),
    });
  },
});
