import { COMMON_IMAGE_ENV, PREDEFINED_ARGS } from '../knowledge/dockerfile-syntax';
import { BUILDKIT_STAGE_ENV } from '../facts/image-defaults';
import { WELL_KNOWN_IMAGES } from '../knowledge/well-known-images';
import { shortImageName } from '../model';
import { closestMatch, editDistance } from './helpers/closest-match';
import { argNames, renamedReference, variableUses } from './helpers/variables';
import { parseKeyValues } from '../syntax/words';
import type { Instruction } from '../model';
import { stageRule, type Rule } from './types';

/** Instructions whose arguments BuildKit expands itself (RUN, CMD and ENTRYPOINT leave it to the shell). */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

const NO_NAMES: readonly string[] = [];

/** The names an ARG or ENV instruction declares. */
function declaredNames(instruction: Instruction, escapeChar: string): readonly string[] {
  if (instruction.keyword === 'ARG') return argNames(instruction);
  if (instruction.keyword === 'ENV') return parseKeyValues(instruction.argsText, escapeChar).pairs.map((p) => p.key);
  return NO_NAMES;
}

export const undefinedVar: Rule = stageRule({
  meta: {
    id: 'undefined-var',
    severity: 'warning',
    title: 'A variable is used but never defined',
    fixTitle: 'Change to the defined variable it resembles',
    peers: { buildkit: 'UndefinedVar' },
    docs: {
      what: "Flags `$VAR` in an instruction that BuildKit expands (COPY, ADD, ENV, LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, ARG) when no ARG or ENV in the stage, or in the stages it is built on, defines it. A global ARG must be declared again inside the stage to be visible there. On a base image whose environment is not known (not an official or well-known image), the variable may be the image's own, as BuildKit, which reads the image, would see: there only a global ARG used without its declaration and a likely typo (a character or two off a name the file defines) are reported.",
      why: 'An undefined variable expands to an empty string without any error, so `COPY app $APP_HOME/` copies to `/` and a typo goes unnoticed.',
      example:
        'FROM python:3.12-slim\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOEM\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
      better:
        'FROM python:3.12-slim\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
    },
  },
  // The names each ARG and ENV declares; the runner remembers them per instruction.
  readInstruction: declaredNames,
  checkStage(stage, { chain, globalArgs, source, report, read }) {
    const namesOf = (instruction: Instruction) =>
      instruction.keyword === 'ARG' || instruction.keyword === 'ENV' ? read(instruction) : NO_NAMES;
    const root = chain[0]!;
    const fromImage = root.base.kind !== 'scratch';
    // The environment of an official image is roughly known; that of any other image is not, so
    // there only likely typos and global ARGs used without a declaration are reported.
    const knownEnv =
      root.base.kind === 'scratch' ||
      (root.base.kind === 'image' &&
        !root.base.image.hasVariable &&
        WELL_KNOWN_IMAGES.has(shortImageName(root.base.image)));
    let globals: Set<string> | null = null;
    const defined = new Set<string>();
    for (let c = 0; c < chain.length - 1; c++) {
      for (const instruction of chain[c]!.instructions) for (const name of namesOf(instruction)) defined.add(name);
    }
    for (const instruction of stage.instructions) {
      const declaring = namesOf(instruction);
      if (EXPANDED.has(instruction.keyword) && instruction.heredocs.length === 0 && instruction.variables.length > 0) {
        for (const use of variableUses(source, instruction)) {
          // `${VAR/pattern/replacement}` and friends: the name ends at the first non-name character.
          const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(use.name)?.[0] ?? use.name;
          if (
            defined.has(name) ||
            PREDEFINED_ARGS.has(name) ||
            BUILDKIT_STAGE_ENV.has(name) ||
            (fromImage && COMMON_IMAGE_ENV.has(name)) ||
            use.modifier
          )
            continue;
          // `ARG X=$X` reads the build argument itself; `ENV LIBRARY_PATH=/x:$LIBRARY_PATH` extends the image's value.
          if (declaring.includes(name) && (instruction.keyword === 'ARG' || fromImage)) continue;
          globals ??= new Set(globalArgs.flatMap(argNames));
          const suggestion = closestMatch(name, [...defined]);
          // On a base whose environment is unknown, a name a word away from a defined one
          // (`LAMBDA_RUNTIME_DIR` beside `LAMBDA_RUNTIME_NAME`) may be the base image's own: only a
          // character or two off is a likely typo there.
          const typo =
            suggestion !== null && (knownEnv || editDistance(name.toLowerCase(), suggestion.toLowerCase()) <= 2);
          if (!knownEnv && !typo && !globals.has(name)) continue;
          const hint = globals.has(name)
            ? ` It is a global ARG: declare \`ARG ${name}\` in this stage to use it.`
            : suggestion
              ? ` Did you mean '${suggestion}'?`
              : '';
          report({
            range: use.range,
            message: `Usage of undefined variable '$${name}'.${hint}`,
            ...(suggestion && !globals.has(name)
              ? { data: { suggestion, replacement: renamedReference(source, use, suggestion) } }
              : {}),
          });
        }
      }
      for (const name of declaring) defined.add(name);
    }
  },
});
