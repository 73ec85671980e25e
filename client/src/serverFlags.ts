/**
 * Node flags the language server runs with (the benchmark starts it with the same ones).
 * A small young generation: parsing makes short-lived garbage in bursts, and V8's default lets the
 * young generation grow to tens of MiB of resident memory that a language server never needs.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
