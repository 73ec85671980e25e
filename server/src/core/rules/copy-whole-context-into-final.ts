import type { DockerfileModel, Instruction, Stage } from '../model';
import { shortImageName } from '../model/image';
import { copiesFromElsewhere, finalImageStages, referencesFromStage, stageChain } from '../model/queries';
import { commandLineOf, stageFacts } from '../facts/stage-facts';
import { COMPILING } from '../facts/leftover';
import { namedForDevelopment } from '../facts/toolchain-product';
import { fileRule, type Rule } from './types';

function isWholeContext(source: string): boolean {
  return (
    source === '.' || source === './' || source === '/' || source === './.' || source === '"."' || source === '["."'
  );
}

function copiesWholeContext(instruction: Instruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  if (copiesFromElsewhere(instruction)) return false;
  return instruction.args.slice(0, -1).some((s) => isWholeContext(s.value.replace(/,$/, '')));
}

/** Languages whose programs run from their source, by the official images that run them. */
const INTERPRETED: ReadonlyArray<[RegExp, string]> = [
  [/^(python|pypy)$/, 'python'],
  [/^(ruby|jruby)$/, 'ruby'],
  [/^(php|composer)$/, 'php'],
  [/^perl$/, 'perl'],
  [/^node$/, 'node'],
];

/** Interpreters a container starts, by the language they run. */
const INTERPRETERS: ReadonlyArray<[RegExp, string]> = [
  [/^(python|pypy)[\d.]*$/, 'python'],
  [/^(ruby|jruby)$/, 'ruby'],
  [/^php[\d.]*$/, 'php'],
  [/^perl$/, 'perl'],
  [/^(node|nodejs)$/, 'node'],
];

/**
 * The interpreted language of a stage: its root image's (`python:3.12-slim` is python), else the
 * interpreter its command starts (`python3 server.py` on a Debian base with python3 from apt), or null.
 */
function interpretedLanguage(model: DockerfileModel, stage: Stage): string | null {
  const chain = stageChain(model, stage);
  const root = chain[0]!;
  if (root.base.kind === 'image') {
    const name = shortImageName(root.base.image);
    const language = INTERPRETED.find(([re]) => re.test(name))?.[1];
    if (language) return language;
  }
  const line = commandLineOf(chain.flatMap((s) => s.instructions));
  const program = (line.shell ? '' : (line.words[0] ?? '')).split('/').pop() ?? '';
  return INTERPRETERS.find(([re]) => re.test(program))?.[1] ?? null;
}

/**
 * Folders of installed dependencies, not of the app: a virtual environment, site-packages, the
 * node_modules, a vendor or bundle folder, pip's --user folder. A builder the final stage takes
 * only these from installed the app's dependencies; the app itself runs from its sources.
 */
const DEPENDENCY_FOLDER =
  /(^|\/)(\.?venv|virtualenv|site-packages|dist-packages|node_modules|vendor|bundle|\.local)(\/|$)|^\/opt\/venv(\/|$)/;

/**
 * Folders of front-end assets a web framework compiles beside the app (Rails' `public/assets`,
 * `public/packs` and `app/assets/builds`, Django's `static`/`staticfiles`), and compiled message
 * catalogs (`locale`, gettext's .mo files that Django's `compilemessages` writes): built from the
 * styles, scripts and translations, not from the sources the app runs from.
 */
const ASSET_FOLDER = /(^|\/)(public(\/(assets|packs|vite|build))?|app\/assets\/builds|staticfiles|static|locale)\/?$/;

/**
 * Whether `builder` received `folder` whole from another stage (`COPY --from=frontend-builder
 * /app/dist /app/dist`): it passes on what that stage built, not a build of its own sources.
 */
function passedThrough(model: DockerfileModel, builder: Stage, folder: string): boolean {
  const wanted = folder.replace(/\/+$/, '');
  return stageChain(model, builder).some((s) =>
    referencesFromStage(model, s.index).some((r) => {
      if (r.kind !== 'copy-from' || r.target.kind !== 'stage') return false;
      const args = r.instruction.args.map((a) => a.value.replace(/\/+$/, ''));
      return args.length >= 2 && args[args.length - 1] === wanted;
    }),
  );
}

/**
 * Whether the final image's stages take only dependency and compiled-asset folders from `builder`,
 * or folders the builder itself took whole from another stage.
 */
function takesOnlyDependencies(model: DockerfileModel, inChain: ReadonlySet<number>, builder: Stage): boolean {
  const sources = [...inChain]
    .flatMap((s) => referencesFromStage(model, s))
    .filter((r) => r.kind === 'copy-from' && r.target.kind === 'stage' && r.target.stage === builder.index)
    .flatMap((r) => r.instruction.args.slice(0, -1).map((a) => a.value));
  return (
    sources.length > 0 &&
    sources.every(
      (p) =>
        DEPENDENCY_FOLDER.test(p.replace(/\/+$/, '')) ||
        ASSET_FOLDER.test(p.replace(/\/+$/, '')) ||
        passedThrough(model, builder, p),
    )
  );
}

export const copyWholeContextIntoFinal: Rule = fileRule({
  meta: {
    id: 'copy-whole-context-into-final',
    severity: 'warning',
    title: 'The whole build context is copied into the final image of a multi-stage build',
    docs: {
      what: "Flags `COPY . <dest>` (or `ADD . <dest>`) in the final stage, or a stage it is built on, when the final stage copies its artifacts from a builder stage that itself took the whole build context: the sources were built there and are shipped again. Not when the final stage is named for testing or development (`AS test`, `AS dev`): a test image runs the tests on the whole source tree. Nor when the final image compiles from the copy itself (`COPY . ./` then `RUN make app`): the builder made other files, and the copy is what the stage's own build reads (toolchain-in-final-image reports what that build leaves). A final stage that runs an interpreted language from its source (a `python`, `ruby`, `php`, `perl` or `node` image) is not flagged for a builder of another language, such as a Node stage that bundles the front-end assets of a Python app: that builder built other files than the app. The language is told by the final stage's image or by the interpreter its command starts (`python3 server.py` on a Debian base). Nor is an app flagged, on any base image, when the final stage takes only installed dependencies from the builder (a virtual environment, site-packages, node_modules, a vendor or bundle folder) and the front-end assets or message catalogs it compiled (`public/assets`, `app/assets/builds`, `staticfiles`, `locale`), or folders the builder itself took whole from another stage (a `dist` bundle a Node stage built, passed on through the Python builder): the builder installed or compiled those, and the app runs from its sources.",
      why: 'The builder exists so that sources, tests and build files stay out of the final image; copying the whole context brings them back (and, without a thorough .dockerignore, `.git` and local secrets too). Copy the files the runtime needs instead.',
      example:
        'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY . .\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n',
      better:
        'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm cache clean --force\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n',
    },
  },
  check({ model, report }) {
    const chain = finalImageStages(model);
    const final = chain[chain.length - 1];
    if (!final) return;
    // A test or development stage (`AS test`) runs the tests on the whole source tree on purpose.
    if (namedForDevelopment(final.name)) return;
    const inChain = new Set(chain.map((s) => s.index));
    const finalLanguage = interpretedLanguage(model, final);
    // A builder that already took the whole context: the final image gets the sources a second time.
    // (A builder that only installs dependencies, with the sources copied into the final stage, is
    // the usual shape for interpreted languages and is not flagged.)
    const builder = chain
      .flatMap((s) => referencesFromStage(model, s.index))
      .filter(
        (r) =>
          r.kind === 'copy-from' &&
          inChain.has(r.fromStage) &&
          r.target.kind === 'stage' &&
          !inChain.has(r.target.stage),
      )
      .map((r) => model.stages[(r.target as { stage: number }).stage]!)
      .find(
        (b) =>
          stageChain(model, b).some((s) => s.instructions.some(copiesWholeContext)) &&
          // A Python (Ruby, PHP...) app runs from its source: a builder of another language (a Node
          // stage that bundles the front-end assets) built other files than the app.
          !(finalLanguage !== null && interpretedLanguage(model, b) !== finalLanguage) &&
          // Nor did a builder from which the final stage takes only installed dependencies and
          // compiled assets (the app then runs from the sources it copies, whatever its base image).
          !takesOnlyDependencies(model, inChain, b),
      );
    if (!builder) return;
    // The final image's own build reads the copy (`COPY . ./` then `RUN make app`): the builder made
    // other files, and what the copy leaves in the image is toolchain-in-final-image's to report.
    if (buildsFromCopy(model, chain)) return;
    for (const stage of chain) {
      for (const instruction of stage.instructions) {
        if (!copiesWholeContext(instruction)) continue;
        const whole = instruction.args.slice(0, -1).find((s) => isWholeContext(s.value.replace(/,$/, '')))!;
        report({
          range: whole.range,
          message: `The whole build context is copied into the final image although it is built in stage '${builder.name ?? builder.index}': copy only what the runtime needs.`,
        });
      }
    }
  },
});

/** Whether a stage of the final image compiles after the whole build context was copied into it. */
function buildsFromCopy(model: DockerfileModel, chain: readonly Stage[]): boolean {
  const copy = chain.flatMap((s) => s.instructions).find(copiesWholeContext);
  if (!copy) return false;
  return chain.some((s) =>
    stageFacts(model, s).builds.some((b) => COMPILING.has(b.row.id) && b.instruction.index > copy.index),
  );
}
