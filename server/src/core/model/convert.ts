/**
 * Conversion: dockerfile-ast's objects into the model's plain data (zero-based lines, UTF-16
 * columns), and moving converted instructions to other lines or indexes.
 */
import type { Dockerfile, Instruction as AstInstruction, Flag as AstFlag, Heredoc as AstHeredoc } from 'dockerfile-ast';
import { offsetAt, positionAt, textOfRange } from './text';
import type { Comment, Directive, Flag, Heredoc, Instruction, Range, Token } from './types';

const JSON_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** A range of the library's, as plain data, `shift` lines further down. */
function plainRange(r: Range, shift: number): Range {
  const d = shift;
  return {
    start: { line: r.start.line + d, character: r.start.character },
    end: { line: r.end.line + d, character: r.end.character },
  };
}

export function convertDirectives(ast: Dockerfile): Directive[] {
  return ast.getDirectives().map((d) => ({
    name: d.getName(),
    value: d.getValue(),
    range: plainRange(d.getRange(), 0),
    valueRange: plainRange(d.getValueRange(), 0),
  }));
}

/** The comments of a parse, `shift` lines further down. */
export function convertComments(ast: Dockerfile, shift = 0): Comment[] {
  return ast.getComments().map((c) => ({ text: c.getContent(), range: plainRange(c.getRange(), shift) }));
}

function convertFlag(flag: AstFlag, shift: number): Flag {
  return {
    name: flag.getName(),
    value: flag.getValue(),
    nameRange: plainRange(flag.getNameRange(), shift),
    valueRange: flag.getValueRange() ? plainRange(flag.getValueRange()!, shift) : null,
    range: plainRange(flag.getRange(), shift),
    options: flag.getOptions().map((o) => ({
      name: o.getName(),
      value: o.getValue(),
      nameRange: plainRange(o.getNameRange(), shift),
      valueRange: o.getValueRange() ? plainRange(o.getValueRange()!, shift) : null,
      range: plainRange(o.getRange(), shift),
    })),
  };
}

function convertHeredoc(h: AstHeredoc, text: string, lineStarts: number[], shift: number): Heredoc {
  const contentRange = h.getContentRange();
  const endRange = h.getDelimiterRange();
  return {
    name: h.getName(),
    startRange: plainRange(h.getStartRange(), shift),
    contentRange: contentRange ? plainRange(contentRange, shift) : null,
    endRange: endRange ? plainRange(endRange, shift) : null,
    content: contentRange ? textOfRange(text, lineStarts, contentRange) : '',
  };
}

interface WithFlags {
  getFlags(): AstFlag[];
}

interface WithHeredocs {
  getHeredocs(): AstHeredoc[];
}

/**
 * One instruction of a parse as plain data. `shift` lines are added to every range: a piece of the
 * text is parsed on its own, from line 0, and placed where it stands in the whole text.
 */
export function convertInstruction(
  node: AstInstruction,
  index: number,
  stage: number,
  text: string,
  lineStarts: number[],
  escapeChar: string,
  shift = 0,
): Instruction {
  const keyword = node.getKeyword();
  const maybeFlags = node as unknown as Partial<WithFlags>;
  const flags =
    typeof maybeFlags.getFlags === 'function' ? maybeFlags.getFlags().map((f) => convertFlag(f, shift)) : [];
  const args: Token[] = node
    .getArguments()
    .map((a) => ({ value: a.getValue(), range: plainRange(a.getRange(), shift) }));
  const maybeHeredocs = node as unknown as Partial<WithHeredocs>;
  let heredocs: Heredoc[] = [];
  if (typeof maybeHeredocs.getHeredocs === 'function') {
    heredocs = maybeHeredocs.getHeredocs().map((h) => convertHeredoc(h, text, lineStarts, shift));
  }
  const first = args[0]?.value ?? '';
  const last = args[args.length - 1]?.value ?? '';
  const json = JSON_FORM_KEYWORDS.has(keyword) && first.startsWith('[') && last.endsWith(']');
  const argsRange = node.getArgumentsRange();
  // Scanned here rather than with the library's getVariables, which resolves every variable (slow)
  // and recurses without end on instructions before the first FROM.
  // (In the piece's own lines: converted ranges carry the piece's shift.)
  const heredocStart = heredocs[0]?.contentRange?.start;
  const scanEnd = heredocStart
    ? { line: heredocStart.line - shift, character: heredocStart.character }
    : node.getRange().end;
  const variables = argsRange
    ? scanVariables(
        text,
        lineStarts,
        offsetAt(lineStarts, text, argsRange.start),
        offsetAt(lineStarts, text, scanEnd),
        escapeChar,
        shift,
      )
    : [];
  return {
    index,
    keyword,
    keywordText: node.getInstruction(),
    keywordRange: plainRange(node.getInstructionRange(), shift),
    range: plainRange(node.getRange(), shift),
    stage,
    flags,
    args,
    argsText:
      heredocs.length > 0 || !argsRange
        ? (node.getArgumentsContent() ?? '')
        : blankEmbeddedComments(
            node.getArgumentsContent() ?? '',
            text,
            lineStarts,
            argsRange.start.line,
            argsRange.end.line,
            escapeChar,
          ),
    argsRange: argsRange ? plainRange(argsRange, shift) : null,
    json,
    heredocs,
    variables,
  };
}

/**
 * The arguments' text with the comment lines inside a continuation blanked out (`ENV A=1 \` then
 * `    # SSH settings` then `B=2`): BuildKit drops a line whose first non-blank character is `#`, and
 * so must whatever reads the text. The parser keeps an indented one in the arguments' text, so each
 * comment line of the source after the first is found there, in order, and replaced by spaces (its
 * line break too), which keep every offset where it was.
 */
function blankEmbeddedComments(
  content: string,
  text: string,
  lineStarts: number[],
  firstLine: number,
  lastLine: number,
  escapeChar: string,
): string {
  if (!content.includes('#')) return content;
  let out = content;
  let from = 0;
  for (let line = firstLine + 1; line <= lastLine && line < lineStarts.length; line++) {
    let comment = text.slice(lineStarts[line], lineStarts[line + 1] ?? text.length).trim();
    if (!comment.startsWith('#')) continue;
    // BuildKit drops the comment line whole, a trailing escape character included; the parser took
    // that escape and its line break out of the text already.
    if (comment.endsWith(escapeChar)) comment = comment.slice(0, -escapeChar.length).trimEnd();
    const at = out.indexOf(comment, from);
    if (at < 0) continue;
    // The line break the parser kept after the comment goes too: the arguments go on as one line.
    const end = at + comment.length;
    const lineBreak = /^[ \t]*\r?\n/.exec(out.slice(end))?.[0].length ?? 0;
    out = out.slice(0, at) + ' '.repeat(comment.length + lineBreak) + out.slice(end + lineBreak);
    from = end + lineBreak;
  }
  return out;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Finds `$NAME` and `${NAME...}` between two offsets, skipping escaped dollars. */
function scanVariables(
  text: string,
  lineStarts: number[],
  start: number,
  end: number,
  escapeChar: string,
  shift: number,
): Token[] {
  const tokens: Token[] = [];
  // Inside single quotes nothing is expanded, by BuildKit (`ENV NGINX_ADDR='$real_ip'`) or by the
  // shell; a single quote inside double quotes is a plain character.
  let quote: "'" | '"' | null = null;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === escapeChar) {
      i++;
      continue;
    }
    if (c === "'" && quote === null) {
      quote = "'";
      continue;
    }
    if (c === '"') quote = quote === '"' ? null : '"';
    if (c !== '$') continue;
    const braced = text[i + 1] === '{';
    NAME.lastIndex = braced ? i + 2 : i + 1;
    const m = NAME.exec(text);
    if (!m) continue;
    let close = NAME.lastIndex;
    if (braced) {
      const brace = text.indexOf('}', close);
      const newline = text.indexOf('\n', close);
      if (brace < 0 || brace >= end || (newline >= 0 && newline < brace)) continue;
      close = brace + 1;
    }
    const from = positionAt(lineStarts, i);
    const to = positionAt(lineStarts, close);
    from.line += shift;
    to.line += shift;
    tokens.push({ value: m[0], range: { start: from, end: to } });
    i = close - 1;
  }
  return tokens;
}

export function shiftRange(r: Range, lines: number): Range {
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}

function shiftToken(t: Token, lines: number): Token {
  return { value: t.value, range: shiftRange(t.range, lines) };
}

function shiftMaybe(r: Range | null, lines: number): Range | null {
  return r ? shiftRange(r, lines) : null;
}

export function shiftInstruction(x: Instruction, lines: number, index: number, stage: number): Instruction {
  if (lines === 0) {
    return {
      index,
      keyword: x.keyword,
      keywordText: x.keywordText,
      keywordRange: x.keywordRange,
      range: x.range,
      stage,
      flags: x.flags,
      args: x.args,
      argsText: x.argsText,
      argsRange: x.argsRange,
      json: x.json,
      heredocs: x.heredocs,
      variables: x.variables,
    };
  }
  return {
    index,
    keyword: x.keyword,
    keywordText: x.keywordText,
    keywordRange: shiftRange(x.keywordRange, lines),
    range: shiftRange(x.range, lines),
    stage,
    flags: x.flags.map((f) => ({
      name: f.name,
      value: f.value,
      nameRange: shiftRange(f.nameRange, lines),
      valueRange: shiftMaybe(f.valueRange, lines),
      range: shiftRange(f.range, lines),
      options: f.options.map((o) => ({
        name: o.name,
        value: o.value,
        nameRange: shiftRange(o.nameRange, lines),
        valueRange: shiftMaybe(o.valueRange, lines),
        range: shiftRange(o.range, lines),
      })),
    })),
    args: x.args.map((t) => shiftToken(t, lines)),
    argsText: x.argsText,
    argsRange: shiftMaybe(x.argsRange, lines),
    json: x.json,
    heredocs: x.heredocs.map((h) => ({
      name: h.name,
      startRange: shiftRange(h.startRange, lines),
      contentRange: shiftMaybe(h.contentRange, lines),
      endRange: shiftMaybe(h.endRange, lines),
      content: h.content,
    })),
    variables: x.variables.map((t) => shiftToken(t, lines)),
  };
}
