/**
 * Bake files (`docker-bake.hcl`, `docker-bake.json` and their `.override` files): each `target`
 * block's `context`, `dockerfile` (relative to the context) and `target`, through `inherits`, with
 * variables at their defaults and `matrix` targets expanded. The files of one folder are merged as
 * Bake merges them: in its lookup order, a later file's attribute overriding an earlier one's.
 */
import { parseHcl, type HclValue } from './hcl';
import { dirOf, isRemote, joinPath } from './paths';
import type { BuildFileText, BuildTarget } from './types';
import { taggedRepositories } from './images';

/** Bake's default files, in the order it merges them. */
export const BAKE_FILES = [
  'docker-bake.json',
  'docker-bake.override.json',
  'docker-bake.hcl',
  'docker-bake.override.hcl',
];

export function isBakeFile(name: string): boolean {
  return BAKE_FILES.includes(name);
}

interface TargetDef {
  attributes: Map<string, HclValue>;
  /** The file that states the `target` attribute (or the target first). */
  file: string;
}

interface Folder {
  targets: Map<string, TargetDef>;
  variables: Map<string, HclValue>;
}

/** A JSON value as the HCL reader's values, so both formats are evaluated alike. */
function fromJson(value: unknown): HclValue {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', value: String(value) };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(fromJson) };
  if (typeof value === 'object') {
    return { kind: 'object', entries: new Map(Object.entries(value).map(([k, v]) => [k, fromJson(v)])) };
  }
  return { kind: 'unknown' };
}

function addTarget(folder: Folder, name: string, attributes: Map<string, HclValue>, file: string): void {
  const def = folder.targets.get(name);
  if (!def) {
    folder.targets.set(name, { attributes: new Map(attributes), file });
    return;
  }
  for (const [key, value] of attributes) def.attributes.set(key, value);
  if (attributes.has('target')) def.file = file;
}

function readInto(folder: Folder, file: BuildFileText): void {
  if (file.path.endsWith('.json')) {
    let doc: unknown;
    try {
      doc = JSON.parse(file.text);
    } catch {
      return;
    }
    if (typeof doc !== 'object' || doc === null) return;
    const { target, variable } = doc as { target?: unknown; variable?: unknown };
    if (typeof variable === 'object' && variable !== null) {
      for (const [name, spec] of Object.entries(variable)) {
        if (typeof spec === 'object' && spec !== null && 'default' in spec)
          folder.variables.set(name, fromJson((spec as { default: unknown }).default));
      }
    }
    if (typeof target === 'object' && target !== null) {
      for (const [name, spec] of Object.entries(target)) {
        if (typeof spec !== 'object' || spec === null) continue;
        const value = fromJson(spec);
        if (value.kind === 'object') addTarget(folder, name, value.entries, file.path);
      }
    }
    return;
  }
  const body = parseHcl(file.text);
  for (const block of body.blocks) {
    const name = block.labels[0];
    if (name === undefined) continue;
    if (block.type === 'variable') {
      const value = block.body.attributes.get('default');
      if (value) folder.variables.set(name, value);
    } else if (block.type === 'target') {
      addTarget(folder, name, block.body.attributes, file.path);
    }
  }
  // Top-level attributes are variables too (`TAG = "latest"`).
  for (const [name, value] of body.attributes) folder.variables.set(name, value);
}

/** A string with `${name}` replaced from `vars`; null when one is unknown. `$${` is a literal `${`. */
function interpolate(text: string, vars: ReadonlyMap<string, string>): string | null {
  let unknown = false;
  const out = text
    .replace(/\$\$\{/g, '\u0000')
    .replace(/\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}|\$\{[^}]*\}/g, (_m, name: string | undefined) => {
      const value = name === undefined ? undefined : vars.get(name);
      if (value === undefined) unknown = true;
      return value ?? '';
    });
  return unknown || out.includes('%{') ? null : out.replace(/\u0000/g, '${');
}

function evaluate(value: HclValue | undefined, vars: ReadonlyMap<string, string>): string | null {
  if (!value) return null;
  if (value.kind === 'string') return interpolate(value.value, vars);
  if (value.kind === 'number') return value.value;
  if (value.kind === 'reference') return vars.get(value.name) ?? null;
  return null;
}

/** The variables' defaults, each expanded from the others (a few rounds; a loop stays unknown). */
function variableValues(folder: Folder): Map<string, string> {
  const values = new Map<string, string>();
  for (let round = 0; round < 4; round++) {
    let progress = false;
    for (const [name, value] of folder.variables) {
      if (values.has(name)) continue;
      const v = evaluate(value, values);
      if (v !== null) {
        values.set(name, v);
        progress = true;
      }
    }
    if (!progress) break;
  }
  return values;
}

/** A target's attributes with those it inherits underneath (later parents win over earlier ones). */
function withInherited(folder: Folder, name: string, seen: Set<string> = new Set()): Map<string, HclValue> {
  const def = folder.targets.get(name);
  if (!def || seen.has(name) || seen.size > 16) return new Map();
  seen.add(name);
  const merged = new Map<string, HclValue>();
  const inherits = def.attributes.get('inherits');
  if (inherits?.kind === 'list') {
    for (const parent of inherits.items) {
      if (parent.kind === 'string') for (const [k, v] of withInherited(folder, parent.value, seen)) merged.set(k, v);
    }
  }
  for (const [k, v] of def.attributes) if (k !== 'inherits') merged.set(k, v);
  return merged;
}

/** The combinations of a matrix (`{ tgt = ["a", "b"], go = ["1.21"] }`), at most 64; one empty one without. */
function combinations(matrix: HclValue | undefined): Map<string, string>[] {
  if (matrix?.kind !== 'object') return [new Map()];
  let out: Map<string, string>[] = [new Map()];
  for (const [key, list] of matrix.entries) {
    if (list.kind !== 'list') return [];
    const values = list.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
    const next: Map<string, string>[] = [];
    for (const combo of out) for (const value of values) next.push(new Map([...combo, [key, value]]));
    out = next.slice(0, 64);
  }
  return out;
}

/** The builds the Bake files define (with their target, or the default one); files of the same folder are merged first. */
export function readBakeFiles(files: readonly BuildFileText[]): BuildTarget[] {
  const folders = new Map<string, Folder>();
  const ordered = [...files].sort(
    (a, b) => BAKE_FILES.indexOf(baseName(a.path)) - BAKE_FILES.indexOf(baseName(b.path)),
  );
  for (const file of ordered) {
    const dir = dirOf(file.path);
    let folder = folders.get(dir);
    if (!folder) {
      folder = { targets: new Map(), variables: new Map() };
      folders.set(dir, folder);
    }
    readInto(folder, file);
  }
  const out: BuildTarget[] = [];
  for (const [dir, folder] of folders) {
    const defaults = variableValues(folder);
    for (const [name, def] of folder.targets) {
      const attributes = withInherited(folder, name);
      if (attributes.has('dockerfile-inline')) continue;
      // The build arguments the target passes (`args = { VERSION = "1.2" }`), by name.
      const argsValue = attributes.get('args');
      const args = argsValue?.kind === 'object' ? [...argsValue.entries.keys()] : [];
      // The named contexts it sets (`contexts = { "lagoon/builder" = "target:builder" }`), by name.
      const contextsValue = attributes.get('contexts');
      const contexts = contextsValue?.kind === 'object' ? [...contextsValue.entries.keys()] : [];
      for (const combo of combinations(attributes.get('matrix'))) {
        const vars = new Map([...defaults, ...combo]);
        const stage = attributes.has('target') ? evaluate(attributes.get('target'), vars) : null;
        if (attributes.has('target') && (stage === null || stage === '')) continue;
        const context = attributes.has('context') ? evaluate(attributes.get('context'), vars) : '.';
        const dockerfile = attributes.has('dockerfile') ? evaluate(attributes.get('dockerfile'), vars) : 'Dockerfile';
        if (context !== null && isRemote(context) && dockerfile !== null && !dockerfile.startsWith('/')) continue;
        const shown = combo.size > 0 ? (evaluate(attributes.get('name'), vars) ?? name) : name;
        // `tags = ["example/app:${TAG}"]` names what the target produces.
        const tagsValue = attributes.get('tags');
        const tags =
          tagsValue?.kind === 'list' ? tagsValue.items.flatMap((t) => (t.kind === 'string' ? [t.value] : [])) : [];
        out.push({
          stage,
          args,
          contexts,
          images: taggedRepositories(tags, (text) => interpolate(text, vars)),
          dockerfiles: context === null || dockerfile === null ? null : [joinPath(joinPath(dir, context), dockerfile)],
          file: def.file,
          what: `bake target ${shown}`,
        });
      }
    }
  }
  return out;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
