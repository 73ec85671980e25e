/**
 * Variable expansion as BuildKit does it in instruction arguments (and close enough to the shell for
 * RUN words): `$X`, `${X}`, `${X:-default}`, `${X-default}`, `${X:+alt}`, `${X+alt}`, `${X:?msg}`.
 * The one expander of the core: the model (FROM with global ARG defaults), rules and facts use it.
 */
export const VARIABLE_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands variables from `env`, where a `null` value is declared but unset. A plain reference to an
 * unset variable makes the result null (`missing: 'fail'`, the default) or expands to the empty
 * string (`missing: 'empty'`, as a build with no --build-arg does).
 */
export function expand(
  value: string,
  env: ReadonlyMap<string, string | null>,
  missing: 'fail' | 'empty' = 'fail',
): string | null {
  if (!value.includes('$')) return value;
  let unknown = false;
  const out = value.replace(
    VARIABLE_REFERENCE,
    (
      _m,
      braced: string | undefined,
      modifier: string | undefined,
      word: string | undefined,
      plain: string | undefined,
    ) => {
      const v = env.get((braced ?? plain)!) ?? null;
      switch (modifier) {
        case ':-':
          return v === null || v === '' ? (word ?? '') : v;
        case '-':
          return v === null ? (word ?? '') : v;
        case ':+':
          return v === null || v === '' ? '' : (word ?? '');
        case '+':
          return v === null ? '' : (word ?? '');
        default:
          if (v !== null) return v;
          if (missing === 'fail') unknown = true;
          return '';
      }
    },
  );
  return unknown ? null : out;
}
