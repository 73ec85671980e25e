/**
 * Node flags the language server runs with (the extension and the benchmark start it with the same
 * ones, under the runtime that starts them: Electron's Node in VS Code, Node elsewhere).
 *
 * A small young generation (1 MiB semi-spaces): parsing makes short-lived garbage in bursts, and V8's
 * default lets the young generation grow to tens of MiB of resident memory that a language server
 * never needs. Measured over the 401-file corpus it costs no speed.
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
  return ['--max-semi-space-size=1'];
}

/** The flags for the runtime this code runs under, which is the one that starts the server. */
export const SERVER_NODE_FLAGS: readonly string[] = serverNodeFlags(process.versions.v8);
