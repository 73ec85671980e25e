/** Where a command writes, and whether it may colour what it writes to stdout. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

const COLOR_FLAGS = new Set(['--no-color', '--no-colour']);

/**
 * Colour only on a terminal, never with `--no-color` or a non-empty NO_COLOR (https://no-color.org);
 * FORCE_COLOR (a non-empty value other than 0) turns it on where a terminal cannot be seen (CI logs).
 */
export function colorWanted(args: readonly string[], env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (args.some((a) => COLOR_FLAGS.has(a))) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return isTTY && env.TERM !== 'dumb';
}

/** The arguments less the colour flags, which every command accepts anywhere. */
export function withoutColorFlags(args: readonly string[]): string[] {
  return args.filter((a) => !COLOR_FLAGS.has(a));
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof CODES;

/** A painter: wraps text in an SGR sequence when colour is on, returns it unchanged otherwise. */
export function painter(color: boolean): (style: Style, text: string) => string {
  return (style, text) => (color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
}
