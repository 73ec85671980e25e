/** The files the benchmark runs over: the shared corpus, or the project's fixtures when it is missing. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface BenchFile {
  name: string;
  text: string;
}

export interface Corpus {
  /** Where the files came from, for the report. */
  source: string;
  /** Set when the shared corpus was not found. */
  missing: string | null;
  files: BenchFile[];
}

const ROOT = path.resolve(__dirname, '..', '..');

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function loadCorpus(): Corpus {
  const dir = process.env.STAGEWRIGHT_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus', 'dockerfiles');
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
    if (files.length > 0) return { source: 'shared corpus (../shared/corpus/dockerfiles)', missing: null, files };
  }
  // The permissively licensed subset the tests bundle, else every fixture Dockerfile.
  const bundled = path.join(ROOT, 'test', 'fixtures', 'corpus');
  const fixtures = existsSync(bundled) ? bundled : path.join(ROOT, 'test', 'fixtures');
  const paths: string[] = [];
  if (existsSync(fixtures)) walk(fixtures, paths);
  const files = paths
    .filter((p) => (fixtures === bundled ? !/\.(md|tsv)$/.test(p) : /Dockerfile/i.test(path.basename(p))))
    .sort()
    .map((p) => ({ name: path.relative(fixtures, p), text: readFileSync(p, 'utf8') }));
  return {
    source: `${path.relative(ROOT, fixtures)} (fallback)`,
    missing: `the shared corpus was not found at ../shared/corpus/dockerfiles; the corpus rows below use the ${files.length} files in ${path.relative(ROOT, fixtures)} instead and are not comparable with runs over the corpus`,
    files,
  };
}
