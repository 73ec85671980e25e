/**
 * Node flags the language server runs with (the extension and the benchmark start it with the same
 * ones, under the runtime that starts them: Electron's Node in VS Code, Node elsewhere).
 *
 * - A small young generation: parsing makes short-lived garbage in bursts, and V8's default lets the
 *   young generation grow to tens of MiB of resident memory that a language server never needs.
 * - `--optimize-for-size`: V8 grows the old generation in smaller steps and collects it sooner.
 * - No optimising compiler (`--max-opt=1`: the interpreter and the baseline compiler only). The
 *   optimising compiler's working memory, code and its share of the binary cost about 15 MiB of
 *   resident memory over a workspace of Dockerfiles, and its compile pauses were the slowest
 *   keystrokes; without it the whole corpus is checked with less CPU time and a lower p99, for a
 *   slightly higher median on first open (numbers in ARCHITECTURE.md).
 *
 * Node exits with "bad option" on a V8 flag it does not know, so every flag here must exist in every
 * V8 the extension can run under: `--max-opt` does from V8 11 (Node 20, and every Electron VS Code
 * ^1.91 ships); on an older V8 the long-standing `--no-opt` turns the optimising compiler off instead.
 */
export function serverNodeFlags(v8Version: string): string[] {
  const major = Number.parseInt(v8Version, 10);
  const noOptimizer = Number.isFinite(major) && major >= 11 ? '--max-opt=1' : '--no-opt';
  return ['--max-semi-space-size=2', '--optimize-for-size', noOptimizer];
}

/** The flags for the runtime this code runs under, which is the one that starts the server. */
export const SERVER_NODE_FLAGS: readonly string[] = serverNodeFlags(process.versions.v8);
