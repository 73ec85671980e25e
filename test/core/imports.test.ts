/**
 * Imports run only downhill. The files of server/src (and shared/, which both bundles import) stand on
 * floors, drawn in ARCHITECTURE.md; a file may import files on its own floor or below, never above,
 * and no imports may close a circle. Besides:
 * - outside the core (the shells and the LSP floor), the core is reached through its public entry,
 *   server/src/core/index.ts, only;
 * - the features (rules, refactors, hovers, navigation, ...) stand side by side and import one another
 *   only where FEATURE_IMPORTS allows it: a rule never imports a refactor, a refactor never a rule,
 *   navigation never a rule. What two features share goes down a floor.
 * The imports are read with TypeScript's own pre-processor (import, export ... from, require and
 * import() with a literal), type-only ones included: a type import ties two files as much as any.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/** The floors from the top down. A file's floor is the first whose test it passes. */
const FLOORS: { name: string; holds(file: string): boolean }[] = [
  {
    name: 'shells',
    holds: (f) => f === 'server/src/server.ts' || f === 'server/src/cli.ts' || f.startsWith('server/src/cli/'),
  },
  {
    name: 'LSP conversion and host files',
    holds: (f) => f.startsWith('server/src/lsp/') || f.startsWith('server/src/host/'),
  },
  { name: "the core's public entry", holds: (f) => f === 'server/src/core/index.ts' },
  { name: 'features', holds: (f) => featureOf(f) !== null },
  {
    name: 'facts and the model',
    holds: (f) =>
      f === 'server/src/core/analysis-types.ts' ||
      ['model', 'knowledge', 'facts'].some((dir) => f.startsWith(`server/src/core/${dir}/`)),
  },
  { name: 'syntax', holds: (f) => f.startsWith('server/src/core/syntax/') },
  { name: 'shared with the client', holds: (f) => f.startsWith('shared/') },
];

/** The features, each a folder or a file of server/src/core. */
const FEATURES = [
  'analyze',
  'rules',
  'refactors',
  'hover',
  'navigation',
  'stage-graph',
  'semantic-tokens',
  'suppressions',
  'verify',
  'config',
] as const;
type Feature = (typeof FEATURES)[number];

function featureOf(file: string): Feature | null {
  for (const feature of FEATURES) {
    if (file === `server/src/core/${feature}.ts` || file.startsWith(`server/src/core/${feature}/`)) return feature;
  }
  return null;
}

/**
 * Which features a feature may import. Everything else they share lives on a lower floor: the types
 * of an analysis in analysis-types.ts, model queries in model/queries.ts, Dockerfile facts in
 * knowledge/, what instructions do in facts/.
 */
const FEATURE_IMPORTS: Record<Feature, readonly Feature[]> = {
  // The analysis: parse, run the rules, apply the suppressions.
  analyze: ['rules', 'suppressions'],
  rules: [],
  // The quick fix that writes a suppression comment knows the comment's syntax.
  refactors: ['suppressions'],
  // Hovers start from the stage site under the cursor, as navigation does.
  hover: ['navigation'],
  navigation: [],
  'stage-graph': [],
  'semantic-tokens': [],
  // Suppressions match a finding's rule by the ids of its peers (`# check=skip=`, `# hadolint ignore=`).
  suppressions: ['rules'],
  // Verify compares two built images; it shares nothing with the other features.
  verify: [],
  // The config file names rules: it checks the ids against the registry.
  config: ['rules'],
};

/**
 * Imports that break the rules above and wait for the other engineer, who owns these files (the
 * multi-stage split and its CLI command). Each is named "from -> to"; remove an entry when its
 * import is gone (the test fails on an entry that no longer occurs, so the list only shrinks).
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

function listFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${entry}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) listFiles(rel, out);
    else if (/\.(ts|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The file a relative specifier names, as esbuild and TypeScript resolve it, or null outside the tree. */
function resolve(from: string, specifier: string): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    const full = path.join(ROOT, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return null;
}

interface Edge {
  from: string;
  to: string;
}

function readImports(files: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (const from of files) {
    const info = ts.preProcessFile(readFileSync(path.join(ROOT, from), 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const to = resolve(from, imported.fileName);
      assert.ok(to, `${from}: cannot resolve '${imported.fileName}'`);
      edges.push({ from, to });
    }
  }
  return edges;
}

function floorOf(file: string): number {
  return FLOORS.findIndex((floor) => floor.holds(file));
}

/** Why an import breaks the rules, or null when it keeps them. */
function violation({ from, to }: Edge): string | null {
  const a = floorOf(from);
  const b = floorOf(to);
  if (a < 0 || b < 0) return `${a < 0 ? from : to} stands on no floor`;
  if (b < a) return `runs up from ${FLOORS[a]!.name} to ${FLOORS[b]!.name}`;
  const inCore = (f: string) => f.startsWith('server/src/core/');
  if (!inCore(from) && inCore(to) && to !== 'server/src/core/index.ts')
    return 'reaches into the core past its entry (server/src/core/index.ts)';
  const fa = featureOf(from);
  const fb = featureOf(to);
  if (fa && fb && fa !== fb && !FEATURE_IMPORTS[fa].includes(fb)) return `feature ${fa} imports feature ${fb}`;
  return null;
}

/** The circles of the graph: its strongly connected components with more than one file, or a file importing itself. */
function circles(files: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return out;
}

const files = [...listFiles('server/src'), ...listFiles('shared')].sort();
const edges = readImports(files);
const label = (e: Edge) => `${e.from} -> ${e.to}`;

describe('imports run only downhill', () => {
  test('every file stands on a floor', () => {
    assert.deepEqual(
      files.filter((f) => floorOf(f) < 0),
      [],
    );
  });

  test('no import runs up a floor, past the core entry, or between features that must not meet', () => {
    const found = edges.flatMap((e) => {
      const why = violation(e);
      return why && !KNOWN_VIOLATIONS.includes(label(e)) ? [`${label(e)}: ${why}`] : [];
    });
    assert.deepEqual(found, []);
  });

  test('every known violation still occurs (remove the entries that are fixed)', () => {
    const occurring = new Set(edges.filter((e) => violation(e) !== null).map(label));
    assert.deepEqual(
      KNOWN_VIOLATIONS.filter((v) => !occurring.has(v)),
      [],
    );
  });

  test('no imports close a circle', () => {
    assert.deepEqual(circles(files, edges), []);
  });

  test('the client imports nothing of the server', () => {
    const client = listFiles('client/src');
    assert.ok(client.length > 0);
    const found = readImports(client).filter((e) => !e.to.startsWith('client/') && !e.to.startsWith('shared/'));
    assert.deepEqual(found.map(label), []);
  });
});

describe('the import check itself', () => {
  test('it finds an upward import, a deep import from a shell, a banned feature import and a circle', () => {
    assert.match(
      violation({ from: 'server/src/core/model/parse.ts', to: 'server/src/core/rules/index.ts' }) ?? '',
      /runs up/,
    );
    assert.match(
      violation({ from: 'server/src/lsp/settings.ts', to: 'server/src/core/rules/types.ts' }) ?? '',
      /past its entry/,
    );
    assert.match(
      violation({ from: 'server/src/core/rules/a.ts', to: 'server/src/core/refactors/b.ts' }) ?? '',
      /feature rules imports feature refactors/,
    );
    assert.match(
      violation({ from: 'server/src/core/refactors/a.ts', to: 'server/src/core/rules/b.ts' }) ?? '',
      /feature refactors imports feature rules/,
    );
    assert.match(
      violation({ from: 'server/src/core/navigation/a.ts', to: 'server/src/core/rules/b.ts' }) ?? '',
      /feature navigation imports feature rules/,
    );
    assert.match(violation({ from: 'server/src/core/rules/a.ts', to: 'server/src/core/index.ts' }) ?? '', /runs up/);
    assert.equal(violation({ from: 'server/src/cli/check.ts', to: 'server/src/core/index.ts' }), null);
    assert.equal(violation({ from: 'server/src/core/rules/a.ts', to: 'server/src/core/model/queries.ts' }), null);
    const ring = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];
    const ringEdges = [
      { from: 'a.ts', to: 'b.ts' },
      { from: 'b.ts', to: 'c.ts' },
      { from: 'c.ts', to: 'a.ts' },
      { from: 'c.ts', to: 'd.ts' },
    ];
    assert.deepEqual(circles(ring, ringEdges), [['a.ts', 'b.ts', 'c.ts']]);
    assert.deepEqual(circles(ring, ringEdges.slice(0, 2)), []);
  });

  test('it reads the imports of the tree (a sample it must see)', () => {
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    assert.ok(has('server/src/core/analyze.ts', 'server/src/core/rules/index.ts'));
    assert.ok(has('server/src/core/rules/types.ts', 'server/src/core/analysis-types.ts'), 'a type-only import');
    assert.ok(has('server/src/core/index.ts', 'server/src/core/navigation/index.ts'), 'export * from a folder');
  });
});
