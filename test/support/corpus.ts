import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface CorpusFile {
  name: string;
  text: string;
}

const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles');
const BUNDLED = path.join(__dirname, '..', 'fixtures', 'corpus');

/**
 * The shared corpus of real-world Dockerfiles when it sits beside the repository, else the small
 * permissively licensed subset kept in test/fixtures/corpus. Says which one it uses.
 */
export function loadCorpus(): { source: string; files: CorpusFile[] } {
  if (existsSync(SHARED)) {
    return { source: 'shared corpus', files: readDir(SHARED) };
  }
  process.stderr.write(
    'note: ../shared/corpus is missing (a user clone has none); using the bundled subset in test/fixtures/corpus\n',
  );
  return { source: 'bundled subset', files: existsSync(BUNDLED) ? readDir(BUNDLED) : [] };
}

function readDir(dir: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((name) => !name.endsWith('.md') && !name.endsWith('.tsv'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}
