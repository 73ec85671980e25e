/** BuildKit's parser directives at the top of a Dockerfile, and the frontend its `# syntax=` names. */
/** A range of lines and characters (the shape of the model's Range, which this layer does not import). */
interface TextRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

/**
 * BuildKit's parser directives: the leading `# name=value` lines, read until the first line that is
 * not one or names an unknown directive. Each with the range of its value.
 */
export function leadingDirectives(text: string): { name: string; value: string; range: TextRange }[] {
  const out: { name: string; value: string; range: TextRange }[] = [];
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

/**
 * The frontend a `# syntax=` directive names when it is not BuildKit's own Dockerfile frontend
 * (`docker/dockerfile`, `docker/dockerfile-upstream`, on Docker Hub, at any tag or digest), or null.
 * Such a frontend (dockerfile-x, say) may add instructions of its own (`INCLUDE_ARGS`) and declare
 * ARGs in ways this analysis does not read.
 */
export function otherFrontend(text: string): string | null {
  const syntax = leadingDirectives(text).find((d) => d.name === 'syntax')?.value;
  if (!syntax) return null;
  const name = syntax
    .toLowerCase()
    .replace(/@.*$/, '')
    .replace(/:[^/]*$/, '')
    .replace(/^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)/, '');
  return /^(docker\/dockerfile(-upstream)?)$/.test(name) ? null : syntax;
}
