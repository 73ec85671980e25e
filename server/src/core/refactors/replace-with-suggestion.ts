import type { ActionProvider } from './types';

/**
 * Rules whose finding carries the corrected text of its own range (`data.replacement`): a keyword or
 * flag typo, the casing of `AS`, of an instruction or of a protocol, `ENV k v` -> `ENV k=v`, a
 * misspelled variable. The fix replaces the range with it.
 */
const RULES_WITH_REPLACEMENT = new Set([
  'from-as-casing',
  'consistent-instruction-casing',
  'expose-proto-casing',
  'unknown-instruction',
  'unknown-flag',
  'legacy-key-value-format',
  'undefined-var',
  'undefined-arg-in-from',
  'add-for-local-files',
  'apt-instead-of-apt-get',
  'install-without-yes',
  'useradd-without-no-log-init',
]);

export const replaceWithSuggestion: ActionProvider = {
  id: 'replace-with-suggestion',
  provide({ findings }) {
    return findings
      .filter((f) => RULES_WITH_REPLACEMENT.has(f.ruleId) && typeof f.data?.replacement === 'string')
      .map((f) => {
        const replacement = f.data!.replacement as string;
        return {
          id: `replace-with-suggestion:${f.ruleId}:${f.range.start.line}:${f.range.start.character}`,
          title: `Change to '${replacement}'`,
          kind: 'quickfix' as const,
          isPreferred: true,
          fixes: [f],
          edits: () => [{ range: f.range, newText: replacement }],
        };
      });
  },
};
