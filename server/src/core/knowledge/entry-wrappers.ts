/**
 * Programs that an entry command starts first and that then start the real program: init
 * processes for containers (tini, dumb-init, catatonit) and tools that step down to another user
 * (gosu, su-exec). Each says how its own options are written, so that the program after them is
 * found: `dumb-init --rewrite 15:2 -- node server.js` runs node, and `dumb-init --rewrite 1:0` alone
 * runs whatever command the container is given. The wrapper itself must exist in the image too.
 */
export interface EntryWrapper {
  /** The program's base name. */
  name: RegExp;
  /** Options followed by a value in the next word (`-p SIGTERM`); `--opt=value` is read either way. */
  valueOptions: ReadonlySet<string>;
  /** Words before the program that are not options: gosu's and su-exec's user. */
  operands: number;
  /** The package that ships it, where distributions ship one by that name. */
  package: string | null;
}

export const ENTRY_WRAPPERS: readonly EntryWrapper[] = [
  // tini [-h] [-s] [-p SIGNAL] [-v] [-w] [-g] [-l] [-e EXIT_CODE] [--] PROGRAM [ARGS]
  { name: /^tini(-static)?(-[a-z0-9]+)?$/, valueOptions: new Set(['-p', '-e']), operands: 0, package: 'tini' },
  // dumb-init [-c|--single-child] [-r|--rewrite s:r] [-v] [--] PROGRAM [ARGS]
  {
    name: /^dumb-init(_[\d.]+_[a-z0-9_]+)?$/,
    valueOptions: new Set(['-r', '--rewrite']),
    operands: 0,
    package: 'dumb-init',
  },
  // catatonit [-g] [-p] [-L] [--] PROGRAM [ARGS]
  { name: /^catatonit$/, valueOptions: new Set(), operands: 0, package: 'catatonit' },
  // gosu USER[:GROUP] PROGRAM [ARGS], su-exec USER[:GROUP] PROGRAM [ARGS]
  { name: /^gosu(-[a-z0-9]+)?$/, valueOptions: new Set(), operands: 1, package: 'gosu' },
  { name: /^su-exec$/, valueOptions: new Set(), operands: 1, package: 'su-exec' },
];

/** The wrapper a word names (a path or a bare name), or null. */
export function entryWrapperOf(word: string): EntryWrapper | null {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return ENTRY_WRAPPERS.find((w) => w.name.test(base)) ?? null;
}

/**
 * How many words the wrapper at words[0] takes before its program: itself, its options with their
 * values, `--`, and its operands. The program is words[skip] (none when the words run out).
 */
export function wrapperWords(wrapper: EntryWrapper, words: readonly string[]): number {
  let i = 1;
  while (i < words.length) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    i += wrapper.valueOptions.has(w) ? 2 : 1;
  }
  return Math.min(words.length, i + wrapper.operands);
}
