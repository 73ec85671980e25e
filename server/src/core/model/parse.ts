/**
 * The model's entry: a Dockerfile's text into its plain-data model. The work is in three modules:
 * convert.ts (the parser's objects into plain data), reparse.ts (stage-by-stage and incremental
 * parsing) and resolve.ts (stages, references and reachability).
 */
import { DockerfileParser } from 'dockerfile-ast';
import './ast-speedups';
import { convertComments, convertDirectives, convertInstruction } from './convert';
import { buildByStage } from './reparse';
import { assemble, makeCore } from './resolve';
import { computeLineStarts, looksBinary } from './text';
import type { DockerfileModel, Instruction } from './types';

export { expandWithDefaults } from './resolve';

/** The model of a text that could not be analysed (binary input), with nothing in it. */
export function emptyModel(text: string, skipped: string | null): DockerfileModel {
  return {
    text,
    lineStarts: computeLineStarts(text),
    directives: [],
    escapeChar: '\\',
    frontend: null,
    globalArgs: [],
    instructions: [],
    stages: [],
    references: [],
    comments: [],
    finalStage: -1,
    reachable: [],
    skipped,
  };
}

/**
 * Parses a Dockerfile into its stage model. Never throws: binary input yields an empty model with
 * `skipped` set, and any text yields a model of whatever instructions it contains.
 *
 * The text is parsed one stage at a time (see scan.ts) and the result equals a parse of the whole
 * text (a test compares the two). Given the model of the document's previous version, the stages
 * whose text did not change are reused rather than parsed again.
 */
export function parseDockerfile(text: string, previous?: DockerfileModel | null): DockerfileModel {
  if (looksBinary(text)) return emptyModel(text, 'binary content');
  try {
    return buildByStage(text, previous ?? null) ?? buildModel(text);
  } catch (error) {
    // The parser library failing on some input must not take the editor features down with it.
    return emptyModel(
      text,
      `the parser failed on this file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** The model from one parse of the whole text: what the stage-by-stage parse must equal. */
export function parseDockerfileWhole(text: string): DockerfileModel {
  if (looksBinary(text)) return emptyModel(text, 'binary content');
  try {
    return buildModel(text);
  } catch (error) {
    return emptyModel(
      text,
      `the parser failed on this file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function buildModel(text: string): DockerfileModel {
  const lineStarts = computeLineStarts(text);
  const ast = DockerfileParser.parse(text);
  const directives = convertDirectives(ast);
  const comments = convertComments(ast);
  const escapeChar = ast.getEscapeCharacter();
  const instructions: Instruction[] = [];
  let stageIndex = -1;
  for (const node of ast.getInstructions()) {
    if (node.getKeyword() === 'FROM') stageIndex++;
    instructions.push(convertInstruction(node, instructions.length, stageIndex, text, lineStarts, escapeChar));
  }
  const globalArgs: Instruction[] = [];
  const groups: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.stage < 0) {
      if (instruction.keyword === 'ARG') globalArgs.push(instruction);
    } else if (instruction.keyword === 'FROM') {
      groups.push([instruction]);
    } else {
      groups[instruction.stage]!.push(instruction);
    }
  }
  return assemble(text, lineStarts, directives, escapeChar, instructions, comments, globalArgs, groups.map(makeCore));
}
