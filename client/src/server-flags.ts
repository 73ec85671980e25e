/**
 * Node flags the language server runs with (the extension and the benchmark start it with the same
 * ones, under the runtime that starts them: Electron's Node in VS Code, Node elsewhere).
 *
 * A small young generation (1 MiB semi-spaces): parsing makes short-lived garbage in bursts, and V8's
 * default lets the young generation grow to tens of MiB of resident memory that a language server
 * never needs. Measured over the 401-file corpus it costs no speed.
 *
 * The old generation grows to at most twice what survived the last full collection
 * (`--heap-growing-percent=100`). V8 otherwise picks a factor of up to 4 when the program allocates
 * fast, so a heap with about 12 MiB live grew to over 40 MiB between collections. Measured over LSP
 * (all 401 corpus files opened, typed into, hovered; four runs each), peak RSS went from 101-107 MiB to
 * 89-95 MiB with the same medians and CPU time (open -> diagnostics p99 13-17 ms before, 16-19 ms
 * after, within the spread between runs); on the generated 50k-line file from 377-409 MiB to
 * 238-243 MiB, with keystroke -> diagnostics at 32-37 ms p50 (37-40 ms before) and a lower maximum.
 *
 * Two flags that lower memory further were measured and left out, because users wait on latency:
 * - `--optimize-for-size` collects the old generation early and often. Peak RSS over the corpus
 *   drops by about a quarter, but every keystroke in a large file then pays for a full collection of
 *   its model: on a 50k-line file a keystroke went from about 45 ms to over 200 ms.
 * - No optimising compiler (`--max-opt=1`) saves about 20 MiB, and doubles the time from opening or
 *   typing in a corpus file to its diagnostics.
 *
 * Node exits with "bad option" on a V8 flag it does not know, so a flag here must exist in every V8
 * the extension can run under (a test starts the runtime with them).
 */
export function serverNodeFlags(_v8Version: string): string[] {
  return ['--max-semi-space-size=1', '--heap-growing-percent=100'];
}

/** The flags for the runtime this code runs under, which is the one that starts the server. */
export const SERVER_NODE_FLAGS: readonly string[] = serverNodeFlags(process.versions.v8);
