/**
 * Plain data describing a parsed Dockerfile. Positions are zero-based lines and UTF-16 columns, the
 * same convention as the editor, so the shells convert nothing but types.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of text with where it stands. */
export interface Token {
  value: string;
  range: Range;
}

export interface FlagOption {
  name: string;
  value: string | null;
  nameRange: Range;
  valueRange: Range | null;
  range: Range;
}

export interface Flag {
  /** Name without the leading dashes, as written. */
  name: string;
  value: string | null;
  nameRange: Range;
  valueRange: Range | null;
  range: Range;
  options: FlagOption[];
}

export interface Heredoc {
  name: string;
  /** The `<<EOF` marker. */
  startRange: Range;
  /** The body lines, or null when the body is empty. */
  contentRange: Range | null;
  /** The closing delimiter line, or null when the heredoc is not terminated. */
  endRange: Range | null;
  content: string;
}

export interface Instruction {
  /** Position in the whole file's instruction list. */
  index: number;
  /** Upper-cased keyword, e.g. `COPY`. */
  keyword: string;
  /** Keyword as written. */
  keywordText: string;
  keywordRange: Range;
  range: Range;
  /** Stage this instruction belongs to, or -1 for instructions before the first FROM. */
  stage: number;
  flags: Flag[];
  /** Arguments after the flags, with continuations and escapes folded. */
  args: Token[];
  /** The text after the keyword with continuations folded, or empty. */
  argsText: string;
  argsRange: Range | null;
  /** True for the exec (JSON array) form of RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME. */
  json: boolean;
  heredocs: Heredoc[];
  /** Variables referenced as $X or ${X}. */
  variables: Token[];
}

export interface ImageReference {
  /** As written, e.g. `docker.io/library/golang:1.22@sha256:...`. */
  raw: string;
  registry: string | null;
  /** Repository path without the registry, e.g. `library/golang` or `golang`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** True when the reference contains a variable. */
  hasVariable: boolean;
}

export type StageBase =
  | { kind: 'image'; image: ImageReference }
  | { kind: 'stage'; stage: number }
  | { kind: 'scratch' }
  /** A base given by a variable that the global ARGs do not resolve. */
  | { kind: 'variable'; raw: string };

export interface Stage {
  index: number;
  /** The name after `AS` as written, or null. */
  name: string | null;
  /** The name lower-cased, as BuildKit compares stage names. */
  nameLower: string | null;
  nameRange: Range | null;
  /** The `AS` keyword. */
  asRange: Range | null;
  from: Instruction;
  /** The base token after the flags (image or stage name). */
  baseToken: Token | null;
  base: StageBase;
  platform: Flag | null;
  /** Instructions of this stage, the FROM first. */
  instructions: Instruction[];
  /** From the FROM to the end of the stage's last instruction. */
  range: Range;
}

export type ReferenceKind = 'copy-from' | 'mount-from' | 'from';

export type ReferenceTarget =
  /**
   * A stage of this file. BuildKit resolves names against every stage, so the stage may come later
   * (a forward reference) or be the referencing stage itself (a cycle).
   */
  | { kind: 'stage'; stage: number }
  /** Not a stage: BuildKit reads an image (or a named build context) of that name. */
  | { kind: 'image' }
  /** Contains a variable: resolved only at build time. */
  | { kind: 'variable' }
  /** A numeric index that names no stage. */
  | { kind: 'invalid-index' };

export interface StageReference {
  kind: ReferenceKind;
  /** The referencing instruction and its stage. */
  instruction: Instruction;
  fromStage: number;
  /** The value as written, e.g. `builder` or `0`. */
  value: string;
  range: Range;
  byIndex: boolean;
  target: ReferenceTarget;
}

export interface Directive {
  name: string;
  value: string;
  range: Range;
  valueRange: Range;
}

export interface Comment {
  /** The text after `#`, trimmed. */
  text: string;
  range: Range;
}

export interface DockerfileModel {
  text: string;
  /** Offsets of each line start, for range conversions. */
  lineStarts: number[];
  directives: Directive[];
  escapeChar: string;
  /**
   * The frontend a leading `# syntax=` directive names when it is not BuildKit's own Dockerfile
   * frontend (dockerfile-x, say), or null. Such a frontend may add instructions and declare ARGs in
   * ways this model does not read.
   */
  frontend: string | null;
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  /** Every instruction in order, including global ARGs. */
  instructions: Instruction[];
  stages: Stage[];
  references: StageReference[];
  comments: Comment[];
  /** Index of the last stage (the default build target), or -1 when there is none. */
  finalStage: number;
  /** For each stage, whether building the final stage builds it. */
  reachable: boolean[];
  /** Why the text was not analysed, if it was not (binary input). */
  skipped: string | null;
}
