/**
 * `.dockerignore` matching with the semantics of Docker's pattern matcher: patterns are cleaned
 * paths relative to the context, `*` and `?` stay within one path segment, `**` spans any number of
 * segments, `!` re-includes, the last matching pattern wins, and a path is excluded when it or one
 * of its parent directories matches.
 */

interface Pattern {
  negate: boolean;
  regex: RegExp;
  /** The cleaned pattern text, for messages. */
  text: string;
}

/** Cleans a path as Go's filepath.Clean does, relative to the context root. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function toRegex(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` matches zero or more directories; a trailing `**` matches everything.
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) {
        out += '\\[';
      } else {
        let cls = pattern.slice(i + 1, close);
        if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(out + '$');
}

export class DockerIgnore {
  private readonly patterns: Pattern[];

  constructor(content: string) {
    this.patterns = [];
    for (const rawLine of content.split(/\r?\n/)) {
      let line = rawLine.trim();
      if (line === '' || line.startsWith('#')) continue;
      let negate = false;
      if (line.startsWith('!')) {
        negate = true;
        line = line.slice(1).trim();
      }
      const text = cleanPath(line);
      if (text === '') continue;
      try {
        this.patterns.push({ negate, regex: toRegex(text), text });
      } catch {
        // A pattern Docker would reject excludes nothing here.
      }
    }
  }

  get hasNegations(): boolean {
    return this.patterns.some((p) => p.negate);
  }

  /** The pattern that excludes the path (or a parent of it), or null when the path is in the context. */
  excludedBy(path: string): string | null {
    const clean = cleanPath(path);
    if (clean === '') return null;
    const segments = clean.split('/');
    let result: Pattern | null = null;
    for (const pattern of this.patterns) {
      let matched = false;
      for (let n = segments.length; n >= 1 && !matched; n--)
        matched = pattern.regex.test(segments.slice(0, n).join('/'));
      if (matched) result = pattern.negate ? null : pattern;
    }
    return result ? result.text : null;
  }

  /** True when a negation pattern could re-include something below the directory. */
  reincludesBelow(path: string): boolean {
    const clean = cleanPath(path);
    return this.patterns.some(
      (p) => p.negate && (clean === '' || p.text.startsWith(clean + '/') || p.text.includes('*')),
    );
  }
}
