import { parseKeyValues } from '../syntax/words';
import { instructionRule, type Rule } from './types';

/** The `k=v` text for a legacy `k v` pair, or null when no safe rewrite exists. */
export function keyValueReplacement(key: string, value: string): string | null {
  if (/["'\\`\n]/.test(value)) return null;
  return /\s/.test(value) || value === '' ? `${key}="${value}"` : `${key}=${value}`;
}

export const legacyKeyValueFormat: Rule = instructionRule({
  meta: {
    id: 'legacy-key-value-format',
    severity: 'warning',
    title: 'Legacy `key value` format in ENV or LABEL',
    fixTitle: 'Use key=value',
    peers: { buildkit: 'LegacyKeyValueFormat' },
    docs: {
      what: 'Flags `ENV key value` and `LABEL key value`, the whitespace-separated form, instead of `key=value`.',
      why: 'The legacy form sets one variable to the whole rest of the line, so `ENV A 1 B 2` sets A to `1 B 2`; it is deprecated and BuildKit warns about it.',
      example:
        'FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
      better:
        'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER nobody\nCMD ["python", "app.py"]\n',
    },
  },
  keywords: ['ENV', 'LABEL'],
  checkInstruction(instruction, { escapeChar, report }) {
    const { pairs, legacy } = parseKeyValues(instruction.argsText, escapeChar);
    if (!legacy || !instruction.argsRange) return;
    const pair = pairs[0]!;
    const sameLine = instruction.argsRange.start.line === instruction.argsRange.end.line;
    const replacement = sameLine ? keyValueReplacement(instruction.args[0]!.value, pair.value ?? '') : null;
    report({
      range: instruction.argsRange,
      message: `"${instruction.keyword} key=value" should be used instead of the legacy "${instruction.keyword} key value" format.`,
      ...(replacement ? { data: { replacement } } : {}),
    });
  },
});
