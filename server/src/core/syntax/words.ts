/** Shell-like word splitting for instruction arguments (ENV, LABEL, ARG), as BuildKit reads them. */

export interface Word {
  /** The word with quotes and escapes removed. */
  value: string;
  /** The word as written. */
  raw: string;
  /** Offset of the word in the text it was split from. */
  start: number;
  end: number;
}

/** Whether a UTF-16 code unit is whitespace as the regular expression `\s` sees it. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Splits text into words at unquoted whitespace, removing quotes and escapes. */
export function splitWords(text: string, escapeChar = '\\'): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let quote: string | null = null;
    while (i < text.length) {
      const c = text[i]!;
      if (quote) {
        if (c === quote) quote = null;
        // In double quotes the escape character escapes only `"`, `$` and itself, as BuildKit's lexer
        // reads it; before anything else it stays (`"C:\go\src"` on a Windows image).
        else if (c === escapeChar && quote === '"' && i + 1 < text.length && /["$]/.test(text[i + 1]!))
          value += text[++i];
        else if (c === escapeChar && quote === '"' && text[i + 1] === escapeChar) value += text[++i];
        else value += c;
      } else if (isSpace(c.charCodeAt(0))) {
        break;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === escapeChar && i + 1 < text.length) {
        value += text[++i];
      } else {
        value += c;
      }
      i++;
    }
    words.push({ value, raw: text.slice(start, i), start, end: i });
  }
  return words;
}

export interface KeyValue {
  key: string;
  /** Null for a bare key (`ARG NAME`). */
  value: string | null;
  /** Offsets of the key in the text. */
  keyStart: number;
  keyEnd: number;
}

/**
 * Reads `k=v k2="v 2"` pairs. For the legacy `k v` form (no `=` in the first word) the whole rest is
 * the value of the one key, and `legacy` is true.
 */
export function parseKeyValues(text: string, escapeChar = '\\'): { pairs: KeyValue[]; legacy: boolean } {
  const words = splitWords(text, escapeChar);
  if (words.length === 0) return { pairs: [], legacy: false };
  const first = words[0]!;
  if (!first.raw.includes('=')) {
    if (words.length === 1)
      return { pairs: [{ key: first.value, value: null, keyStart: first.start, keyEnd: first.end }], legacy: false };
    const rest = text.slice(words[1]!.start).trim();
    return { pairs: [{ key: first.value, value: rest, keyStart: first.start, keyEnd: first.end }], legacy: true };
  }
  const pairs: KeyValue[] = words.map((w) => {
    const eq = w.raw.indexOf('=');
    if (eq < 0) return { key: w.value, value: null, keyStart: w.start, keyEnd: w.end };
    const rawKey = w.raw.slice(0, eq);
    return {
      key: splitWords(rawKey, escapeChar)[0]?.value ?? rawKey,
      value: w.value.slice(w.value.indexOf('=') + 1),
      keyStart: w.start,
      keyEnd: w.start + eq,
    };
  });
  return { pairs, legacy: false };
}

/** A value without one pair of surrounding quotes. */
export function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]
    ? value.slice(1, -1)
    : value;
}
