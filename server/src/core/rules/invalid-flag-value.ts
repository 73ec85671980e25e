import type { Flag, Instruction } from '../model';
import { instructionRule, type Report, type Rule } from './types';

type FlagKind = 'string' | 'bool' | 'strings';

/** How BuildKit declares each flag: a string needs `=value`, a bool takes none or true/false. */
const FLAG_KINDS: Readonly<Record<string, Readonly<Record<string, FlagKind>>>> = {
  FROM: { platform: 'string' },
  COPY: { from: 'string', chown: 'string', chmod: 'string', link: 'bool', parents: 'bool', exclude: 'strings' },
  ADD: {
    chown: 'string',
    chmod: 'string',
    link: 'bool',
    'keep-git-dir': 'bool',
    checksum: 'string',
    unpack: 'bool',
    exclude: 'strings',
  },
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  HEALTHCHECK: {
    interval: 'string',
    timeout: 'string',
    'start-period': 'string',
    'start-interval': 'string',
    retries: 'string',
  },
};

const DURATION_FLAGS = new Set(['interval', 'timeout', 'start-period', 'start-interval']);
const NETWORKS = new Set(['default', 'none', 'host']);
const SECURITY = new Set(['sandbox', 'insecure']);
const MOUNT_TYPES = new Set(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const SHARING = new Set(['shared', 'private', 'locked']);
const MOUNT_KEYS = new Set([
  'type',
  'from',
  'source',
  'src',
  'target',
  'dst',
  'destination',
  'readonly',
  'ro',
  'readwrite',
  'rw',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'env',
]);
const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * A duration as Go's time.ParseDuration reads it, in nanoseconds, or the error it gives.
 * (`0` alone needs no unit; every other number does.)
 */
export function parseGoDuration(text: string): number | string {
  const invalid = `time: invalid duration "${text}"`;
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return invalid;
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (number[0] === '' || number[0] === '.') return invalid;
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]+/.exec(rest)?.[0];
    if (!unit) return `time: missing unit in duration "${text}"`;
    const scale = UNIT_NS[unit];
    if (scale === undefined) return `time: unknown unit "${unit}" in duration "${text}"`;
    total += Number(number[0]) * scale;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

function checkMount(flag: Flag, say: (message: string, range: Flag['range']) => void): void {
  let type = 'bind';
  for (const option of flag.options) {
    const key = option.name.toLowerCase();
    const value = option.value;
    if (value?.includes('$')) continue;
    if (value === null) {
      if (['readonly', 'ro', 'readwrite', 'rw'].includes(key)) continue;
      if (key === 'required') {
        if (type !== 'secret' && type !== 'ssh') say(`unexpected key '${key}' for mount type '${type}'`, option.range);
        continue;
      }
      say(`invalid field '${option.name}' must be a key=value pair`, option.range);
      continue;
    }
    if (!MOUNT_KEYS.has(key)) {
      say(`unexpected key '${key}' in '${option.name}=${value}'`, option.nameRange);
    } else if (key === 'type') {
      if (MOUNT_TYPES.has(value.toLowerCase())) type = value.toLowerCase();
      else say(`unsupported mount type "${value}"`, option.valueRange ?? option.range);
    } else if (key === 'sharing' && !SHARING.has(value.toLowerCase())) {
      say(`unsupported sharing value "${value}"`, option.valueRange ?? option.range);
    } else if ((key === 'uid' || key === 'gid') && !/^\d+$/.test(value)) {
      say(`invalid value ${value} for ${key}`, option.valueRange ?? option.range);
    } else if (key === 'mode' && !/^[0-7]+$/.test(value)) {
      say(`invalid value ${value} for mode`, option.valueRange ?? option.range);
    }
  }
}

function check(instruction: Instruction, report: (r: Report) => void): void {
  const kinds = FLAG_KINDS[instruction.keyword];
  if (!kinds) return;
  const say = (message: string, range: Flag['range']) => report({ range, message: `${message}.` });
  // BuildKit reads HEALTHCHECK NONE's flags not at all.
  if (instruction.keyword === 'HEALTHCHECK' && instruction.args[0]?.value.toUpperCase() === 'NONE') return;
  for (const flag of instruction.flags) {
    // Flag names are case-sensitive in BuildKit; an unknown one is unknown-flag's finding.
    const kind = kinds[flag.name];
    if (!kind) continue;
    const value = flag.value;
    const valueRange = flag.valueRange ?? flag.range;
    if (kind === 'bool') {
      if (value === '') say(`missing a value on flag: --${flag.name}`, flag.range);
      else if (value !== null && !/^(true|false)$/i.test(value) && !value.includes('$'))
        say(`expecting boolean value for flag --${flag.name}, not: ${value}`, valueRange);
      continue;
    }
    if (value === null) {
      say(`missing a value on flag: --${flag.name}`, flag.range);
      continue;
    }
    if (value.includes('$')) continue;
    if (instruction.keyword === 'HEALTHCHECK') {
      if (DURATION_FLAGS.has(flag.name)) {
        if (value === '') continue;
        const duration = parseGoDuration(value);
        if (typeof duration === 'string') say(duration, valueRange);
        else if (duration !== 0 && duration < 1e6) say(`Interval "${flag.name}" cannot be less than 1ms`, valueRange);
      } else if (flag.name === 'retries' && value !== '') {
        if (!/^[-+]?\d+$/.test(value)) say(`strconv.ParseInt: parsing "${value}": invalid syntax`, valueRange);
        else if (Number(value) < 0) say(`--retries cannot be negative (${Number(value)})`, valueRange);
      }
    } else if (instruction.keyword === 'RUN') {
      if (flag.name === 'network' && !NETWORKS.has(value)) say(`invalid network mode "${value}"`, valueRange);
      else if (flag.name === 'security' && !SECURITY.has(value)) say(`security "${value}" is not valid`, valueRange);
      else if (flag.name === 'mount') checkMount(flag, say);
    }
  }
}

export const invalidFlagValue: Rule = instructionRule({
  meta: {
    id: 'invalid-flag-value',
    severity: 'error',
    title: 'BuildKit rejects the value of this flag',
    docs: {
      what: "Flags the flag values BuildKit stops on: a flag that takes a value written without `=` (`COPY --from builder`), a yes/no flag with an empty or non-boolean value (`--link=yes`), a HEALTHCHECK duration Go cannot read (`--interval=30`) or under a millisecond, a negative or non-numeric `--retries`, an unknown `RUN --network` or `--security` mode, and `RUN --mount` options BuildKit does not know (an unknown key or type, a key without its value, an invalid sharing mode, uid, gid or mode). The message is BuildKit's own. Values with a variable are left alone: they are only known at build time.",
      why: 'BuildKit fails with "dockerfile parse error" before it builds anything. `COPY --from builder /out /out` is the usual slip: the space makes `builder` a source path and the flag empty.',
      example:
        'FROM nginx:1.27\nHEALTHCHECK --interval=30 CMD ["curl", "-fs", "http://localhost/"]\nUSER nginx\nCMD ["nginx", "-g", "daemon off;"]\n',
      better:
        'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD ["curl", "-fs", "http://localhost/"]\nUSER nginx\nCMD ["nginx", "-g", "daemon off;"]\n',
    },
  },
  keywords: Object.keys(FLAG_KINDS),
  checkInstruction(instruction, { report }) {
    check(instruction, report);
  },
});
