/**
 * The part of HCL that Bake files use: blocks with labels, attributes, strings (with `${...}` kept as
 * written), numbers, booleans, lists, objects, comments and heredocs. Any other expression (a
 * function call, arithmetic, a conditional) is read as `unknown`, or as a `reference` when it is a
 * bare name (`target = tgt` in a matrix). Malformed text gives what could be read before the error,
 * never an exception.
 */

export type HclValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; items: HclValue[] }
  | { kind: 'object'; entries: Map<string, HclValue> }
  | { kind: 'reference'; name: string }
  | { kind: 'unknown' };

export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  /** Zero-based line of the block's type. */
  line: number;
}

export interface HclBody {
  attributes: Map<string, HclValue>;
  blocks: HclBlock[];
}

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  line: number;
}

/** Splits HCL into tokens; a string's value has its escapes undone and its `${...}` kept. */
function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  let i = 0;
  const push = (kind: TokenKind, text: string) => tokens.push({ kind, text, line });
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      push('newline', '\n');
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
    } else if (c === '"') {
      const start = line;
      let value = '';
      let depth = 0;
      i++;
      while (i < src.length) {
        const d = src[i]!;
        if (d === '\\' && depth === 0) {
          const e = src[i + 1] ?? '';
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
          continue;
        }
        if (d === '"' && depth === 0) break;
        if (d === '\n') line++;
        if ((d === '$' || d === '%') && src[i + 1] === '{') {
          if (src[i - 1] !== d) depth++;
        } else if (d === '}' && depth > 0) depth--;
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text: value, line: start });
    } else if (c === '<' && src[i + 1] === '<') {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[^\n]*\n/.exec(src.slice(i));
      if (!m) {
        push('punct', '<');
        i++;
        continue;
      }
      const start = line;
      i += m[0].length;
      line++;
      const lines: string[] = [];
      while (i < src.length) {
        const nl = src.indexOf('\n', i);
        const text = src.slice(i, nl < 0 ? src.length : nl);
        i = nl < 0 ? src.length : nl + 1;
        line++;
        if (text.trim() === m[1]) break;
        lines.push(text);
      }
      tokens.push({ kind: 'string', text: lines.join('\n'), line: start });
      push('newline', '\n');
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i, i + 256))!;
      push('ident', m[0]);
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9.eE+-]*/.exec(src.slice(i, i + 64))!;
      push('number', m[0]);
      i += m[0].length;
    } else {
      push('punct', c);
      i++;
    }
  }
  push('eof', '');
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.i++;
  }

  body(closing: boolean): HclBody {
    const body: HclBody = { attributes: new Map(), blocks: [] };
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') return body;
      if (t.kind === 'punct' && t.text === '}') {
        // Closes this block; at the top, a stray `}` is skipped.
        this.next();
        if (closing) return body;
        continue;
      }
      if (t.kind !== 'ident' && t.kind !== 'string') {
        this.skipLine();
        continue;
      }
      this.next();
      const after = this.peek();
      if (after.kind === 'punct' && (after.text === '=' || after.text === ':') && t.kind === 'ident') {
        this.next();
        body.attributes.set(t.text, this.expression());
        continue;
      }
      const labels: string[] = [];
      while (this.peek().kind === 'string' || this.peek().kind === 'ident') labels.push(this.next().text);
      if (this.peek().kind === 'punct' && this.peek().text === '{') {
        this.next();
        body.blocks.push({ type: t.text, labels, body: this.body(true), line: t.line });
      } else this.skipLine();
    }
  }

  /** Skips to the end of the line (or the closing bracket of what it is in); always moves on. */
  private skipLine(): void {
    const start = this.i;
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'newline' && depth <= 0) return;
      if (t.kind === 'punct' && '{[('.includes(t.text)) depth++;
      if (t.kind === 'punct' && '}])'.includes(t.text)) {
        if (depth === 0) {
          if (this.i === start) this.next();
          return;
        }
        depth--;
      }
      this.next();
    }
  }

  /** One value; anything else up to the end of the expression is `unknown`. */
  private expression(): HclValue {
    const value = this.primary();
    const t = this.peek();
    const ends = t.kind === 'newline' || t.kind === 'eof' || (t.kind === 'punct' && ',}]'.includes(t.text));
    if (ends) return value;
    this.skipLine();
    return { kind: 'unknown' };
  }

  private primary(): HclValue {
    const t = this.next();
    if (t.kind === 'string') return { kind: 'string', value: t.text };
    if (t.kind === 'number') return { kind: 'number', value: t.text };
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true' };
      if (t.text === 'null') return { kind: 'null' };
      const after = this.peek();
      if (after.kind === 'punct' && (after.text === '(' || after.text === '.' || after.text === '[')) {
        this.skipGroup();
        return { kind: 'unknown' };
      }
      return { kind: 'reference', name: t.text };
    }
    if (t.kind === 'punct' && t.text === '[') return this.list();
    if (t.kind === 'punct' && t.text === '{') return this.object();
    return { kind: 'unknown' };
  }

  /** Skips a call's or index's brackets and what follows them up to the expression's end. */
  private skipGroup(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (depth === 0 && (t.kind === 'newline' || (t.kind === 'punct' && ',}]'.includes(t.text)))) return;
      if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
      if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
      this.next();
    }
  }

  private list(): HclValue {
    const items: HclValue[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') return { kind: 'list', items };
      if (t.kind === 'punct' && t.text === ']') {
        this.next();
        return { kind: 'list', items };
      }
      if (t.kind === 'punct' && t.text === ',') {
        this.next();
        continue;
      }
      const before = this.i;
      items.push(this.expressionInside(']'));
      if (this.i === before) this.next();
    }
  }

  private object(): HclValue {
    const entries = new Map<string, HclValue>();
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') return { kind: 'object', entries };
      if (t.kind === 'punct' && t.text === '}') {
        this.next();
        return { kind: 'object', entries };
      }
      if (t.kind === 'punct' && t.text === ',') {
        this.next();
        continue;
      }
      const key = this.next();
      const eq = this.peek();
      if (
        (key.kind === 'ident' || key.kind === 'string') &&
        eq.kind === 'punct' &&
        (eq.text === '=' || eq.text === ':')
      ) {
        this.next();
        entries.set(key.text, this.expressionInside('}'));
      } else this.skipGroup();
    }
  }

  /** A value inside a list or object, where newlines do not end it. */
  private expressionInside(closing: string): HclValue {
    this.skipNewlines();
    const value = this.primary();
    this.skipNewlines();
    const t = this.peek();
    if (t.kind === 'eof' || (t.kind === 'punct' && (t.text === ',' || t.text === closing))) return value;
    // More follows (an operator, a conditional): skip to the next item.
    let depth = 0;
    for (;;) {
      const u = this.peek();
      if (u.kind === 'eof') break;
      if (depth === 0 && u.kind === 'punct' && (u.text === ',' || u.text === closing)) break;
      if (u.kind === 'punct' && '([{'.includes(u.text)) depth++;
      if (u.kind === 'punct' && ')]}'.includes(u.text)) depth--;
      this.next();
    }
    return { kind: 'unknown' };
  }
}

/** Reads HCL text into its top-level body. */
export function parseHcl(text: string): HclBody {
  return new Parser(tokenize(text)).body(false);
}
