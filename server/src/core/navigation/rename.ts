import { RESERVED_STAGE_NAMES, VALID_STAGE_NAME } from '../knowledge/dockerfile-syntax';
import { expandWithDefaults } from '../model';
import type { DockerfileModel, Position, Range, Stage } from '../model/types';
import { referencesTo, VARIABLE_REFERENCE, variablePattern } from '../model/queries';
import { stageOfSite, stageSiteAt, type StageSite } from './locate';

export interface RenameEdit {
  range: Range;
  newText: string;
}

export type PrepareRenameResult = { ok: true; range: Range; placeholder: string } | { ok: false; message: string };
export type RenameResult = { ok: true; edits: RenameEdit[] } | { ok: false; message: string };

function renamable(
  model: DockerfileModel,
  site: StageSite | null,
): { ok: true; stage: Stage; range: Range } | { ok: false; message: string } | null {
  if (!site) return null;
  if (site.kind === 'reference') {
    const { reference } = site;
    if (reference.target.kind === 'image') {
      return {
        ok: false,
        message: `'${reference.value}' is an image, not a stage of this Dockerfile, so there is nothing to rename.`,
      };
    }
    if (reference.target.kind === 'variable' || reference.value.includes('$')) {
      return {
        ok: false,
        message: 'This reference is a variable, resolved only at build time; rename the stage at its AS name instead.',
      };
    }
    if (reference.target.kind === 'invalid-index') {
      return { ok: false, message: `There is no stage ${reference.value} to rename.` };
    }
  }
  const stage = stageOfSite(model, site);
  if (!stage) return null;
  if (!stage.name || !stage.nameRange) {
    return {
      ok: false,
      message: `Stage ${stage.index} has no name. Add 'AS <name>' to its FROM line (line ${stage.from.range.start.line + 1}) to give it one.`,
    };
  }
  if (stage.name.includes('$'))
    return { ok: false, message: 'This stage name contains a variable and cannot be renamed.' };
  const indirect = variableReferenceTo(model, stage.nameLower!);
  if (indirect) {
    return {
      ok: false,
      message: `'${indirect.text}' on line ${indirect.line} can name this stage through a variable, and a rename cannot update it. Change that line first.`,
    };
  }
  if (site.kind === 'reference' && site.reference.byIndex) {
    return {
      ok: false,
      message: `'${site.reference.value}' refers to stage ${stage.index} by its index, which a rename does not change. Rename '${stage.name}' at its AS name.`,
    };
  }
  return { ok: true, stage, range: site.range };
}

/** Defaults of the ARGs declared before the first FROM. */
function globalDefaults(model: DockerfileModel): Map<string, string | null> {
  const defaults = new Map<string, string | null>();
  for (const arg of model.globalArgs) {
    for (const token of arg.args) {
      const eq = token.value.indexOf('=');
      if (eq < 0) defaults.set(token.value, defaults.get(token.value) ?? null);
      else defaults.set(token.value.slice(0, eq), token.value.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
    }
  }
  return defaults;
}

/**
 * Whether a value with variables may name the stage. With text around the variables
 * (`binary-${FLAVOR}`) any matching name counts, since a build argument can pick it; a bare variable
 * (`${BASE}`) counts when its default names the stage.
 */
function mayName(value: string, nameLower: string, defaults: Map<string, string | null>): boolean {
  if (value.replace(VARIABLE_REFERENCE, '').length > 0) return variablePattern(value).test(nameLower);
  return expandWithDefaults(value, defaults)?.toLowerCase() === nameLower;
}

/** A FROM, `--from` or `from=` value with a variable that could expand to the name, if any. */
function variableReferenceTo(model: DockerfileModel, nameLower: string): { text: string; line: number } | null {
  const defaults = globalDefaults(model);
  for (const stage of model.stages) {
    const token = stage.baseToken;
    if (token?.value.includes('$') && mayName(token.value, nameLower, defaults)) {
      return { text: `FROM ${token.value}`, line: token.range.start.line + 1 };
    }
  }
  for (const reference of model.references) {
    if (reference.kind === 'from' || !reference.value.includes('$')) continue;
    if (mayName(reference.value, nameLower, defaults)) {
      return {
        text: `${reference.kind === 'copy-from' ? '--from' : 'from'}=${reference.value}`,
        line: reference.range.start.line + 1,
      };
    }
  }
  return null;
}

/** Whether a rename can start at the position, with the range to edit and the current name. */
export function prepareRename(model: DockerfileModel, position: Position): PrepareRenameResult | null {
  const r = renamable(model, stageSiteAt(model, position));
  if (!r) return null;
  if (!r.ok) return r;
  return { ok: true, range: r.range, placeholder: r.stage.name! };
}

/** Why a new stage name cannot be used, or null when it can. */
export function checkNewStageName(model: DockerfileModel, stage: Stage, newName: string): string | null {
  const lower = newName.toLowerCase();
  if (newName.length === 0) return 'A stage name cannot be empty.';
  if (!VALID_STAGE_NAME.test(lower)) {
    return `'${newName}' is not a valid stage name: start with a letter and use only letters, digits, '-', '_' and '.'.`;
  }
  if (RESERVED_STAGE_NAMES.has(lower)) return `'${newName}' is reserved by BuildKit and cannot name a stage.`;
  const clash = model.stages.find((s) => s.index !== stage.index && s.nameLower === lower);
  if (clash) {
    return `A stage named '${clash.name}' already exists (line ${clash.from.range.start.line + 1}); stage names must be unique, ignoring case.`;
  }
  // A reference that reads an image of that name today would start to mean this stage.
  const captured = model.references.find((r) => r.target.kind === 'image' && r.value.toLowerCase() === lower);
  if (captured) {
    return `'${captured.value}' on line ${captured.range.start.line + 1} reads an image of that name; naming this stage '${newName}' would make it read the stage instead.`;
  }
  const capturedBase = model.stages.find(
    (s) =>
      s.index > stage.index &&
      s.base.kind === 'image' &&
      s.baseToken !== null &&
      s.baseToken.value.toLowerCase() === lower,
  );
  if (capturedBase) {
    return `'FROM ${capturedBase.baseToken!.value}' on line ${capturedBase.from.range.start.line + 1} uses the image of that name; naming this stage '${newName}' would make it start from the stage instead.`;
  }
  return null;
}

/**
 * Renames the stage named at the position: its AS name and every reference by name (`--from=`,
 * `from=`, `FROM <stage>`), whatever their case. References by index stay as they are.
 */
export function rename(model: DockerfileModel, position: Position, newName: string): RenameResult | null {
  const r = renamable(model, stageSiteAt(model, position));
  if (!r) return null;
  if (!r.ok) return r;
  const name = newName.trim();
  const problem = checkNewStageName(model, r.stage, name);
  if (problem) return { ok: false, message: problem };
  const edits: RenameEdit[] = [{ range: r.stage.nameRange!, newText: name }];
  for (const reference of referencesTo(model, r.stage.index)) {
    if (reference.byIndex || reference.value.includes('$')) continue;
    edits.push({ range: reference.range, newText: name });
  }
  return { ok: true, edits };
}
