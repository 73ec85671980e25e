/**
 * The project's config file (`.stagewright.yaml`), read the same way by the CLI and the language server:
 * text in, settings and problems out. The shells find and read the file (server/src/host/config-file.ts);
 * this module only reads its text.
 *
 * ```yaml
 * rules:
 *   unreachable-stage: off          # off, hint, information (or info), warning, error, default
 *   copy-from-undefined-stage: error
 * ignore:
 *   paths: [legacy/**, "*.test.Dockerfile"]   # files to skip, relative to the config file's folder
 *   rules: [stage-name-casing]                # rules to turn off, like `off` above
 * ```
 */
import { parseDocument, isMap, isSeq, isScalar, LineCounter, type Node } from 'yaml';
import { SEVERITIES, type SeveritySetting } from './analysis-types';
import type { Range } from './model';
import { RULES_BY_ID } from './rules';
import { closestMatch } from './syntax/closest-match';

/** The names the shells look for, in this order, in each folder. */
export const CONFIG_FILE_NAMES = ['.stagewright.yaml', '.stagewright.yml'] as const;

export interface ProjectConfig {
  /** Severity per rule id, as the file sets it (`ignore.rules` included, as `off`). */
  rules: Record<string, SeveritySetting>;
  /** Globs of files to skip, relative to the config file's folder (`/` separated). */
  ignorePaths: string[];
}

export interface ConfigProblem {
  message: string;
  /** Where in the config text (zero-based, as the model's ranges). */
  range: Range;
}

export interface ConfigReading {
  config: ProjectConfig;
  /** Empty when the file is valid. What is valid in a file with problems is still read. */
  problems: ConfigProblem[];
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, ignorePaths: [] };

/** Severity words the file accepts: the settings' own, `default` (the rule's), and `info`. */
const SEVERITY_WORDS: readonly string[] = [...SEVERITIES, 'default', 'info'];

/** Reads a config file's text. Never throws: bad input gives problems. */
export function readProjectConfig(text: string): ConfigReading {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  const rangeOf = (offsets: readonly number[] | undefined): Range => {
    const [start = 0, end = start] = offsets ?? [];
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const problem = (message: string, node: { range?: readonly number[] | null } | null | undefined) =>
    problems.push({ message, range: rangeOf(node?.range ?? undefined) });

  for (const error of doc.errors)
    problems.push({ message: `YAML: ${firstLine(error.message)}`, range: rangeOf(error.pos) });
  const config: ProjectConfig = { rules: {}, ignorePaths: [] };
  if (doc.errors.length > 0) return { config, problems };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
  if (!isMap(root)) {
    problem('the config is a mapping with the keys rules and ignore', root);
    return { config, problems };
  }
  for (const pair of root.items) {
    const key = keyText(pair.key);
    const value = pair.value as Node | null;
    if (key === 'rules') readRules(value, config, problem);
    else if (key === 'ignore') readIgnore(value, config, problem);
    else {
      const hint = key === null ? null : closestMatch(key, ['rules', 'ignore']);
      problem(
        `unknown key '${key ?? ''}'${hint ? ` (did you mean '${hint}'?)` : ''}; the keys are rules and ignore`,
        pair.key as Node,
      );
    }
  }
  return { config, problems };
}

type Report = (message: string, node: { range?: readonly number[] | null } | null | undefined) => void;

function readRules(value: Node | null, config: ProjectConfig, problem: Report): void {
  if (isEmpty(value)) return;
  if (!isMap(value)) {
    problem('rules maps rule ids to severities, e.g. "unreachable-stage: off"', value);
    return;
  }
  for (const pair of value.items) {
    const id = knownRule(pair.key as Node, problem);
    const v = pair.value as Node | null;
    const word = isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'boolean') ? v.value : null;
    // YAML 1.2 reads a bare `off` as a string; `false` turns a rule off too.
    const severity = word === false ? 'off' : typeof word === 'string' ? word.trim().toLowerCase() : null;
    if (severity === null || !SEVERITY_WORDS.includes(severity)) {
      problem(
        `${id ?? 'a rule'}: '${scalarText(v)}' is not a severity; use off, hint, information, warning, error or default`,
        v ?? (pair.key as Node),
      );
      continue;
    }
    if (id === null || severity === 'default') continue;
    config.rules[id] = (severity === 'info' ? 'information' : severity) as SeveritySetting;
  }
}

function readIgnore(value: Node | null, config: ProjectConfig, problem: Report): void {
  if (isEmpty(value)) return;
  if (!isMap(value)) {
    problem('ignore has the keys paths (globs of files to skip) and rules (rule ids to turn off)', value);
    return;
  }
  for (const pair of value.items) {
    const key = keyText(pair.key);
    const list = pair.value as Node | null;
    if (key !== 'paths' && key !== 'rules') {
      problem(`unknown key 'ignore.${key ?? ''}'; ignore has the keys paths and rules`, pair.key as Node);
      continue;
    }
    if (isEmpty(list)) continue;
    const items = isSeq(list) ? (list.items as Node[]) : [list];
    for (const item of items) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        problem(`ignore.${key} lists ${key === 'paths' ? 'globs' : 'rule ids'} as strings`, item);
        continue;
      }
      if (key === 'paths') {
        const glob = item.value.trim();
        const bad = globProblem(glob);
        if (bad) problem(`ignore.paths: '${glob}' ${bad}`, item);
        else config.ignorePaths.push(glob);
      } else {
        const id = knownRule(item, problem);
        if (id !== null) config.rules[id] = 'off';
      }
    }
  }
}

/** The rule id a node names, or null (reported) when it names none. */
function knownRule(node: Node, problem: Report): string | null {
  const id = keyText(node);
  if (id !== null && RULES_BY_ID.has(id)) return id;
  const hint = id === null ? null : closestMatch(id, [...RULES_BY_ID.keys()]);
  problem(`no rule '${id ?? scalarText(node)}'${hint ? ` (did you mean '${hint}'?)` : ''}`, node);
  return null;
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function keyText(node: unknown): string | null {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : null;
}

function scalarText(node: Node | null): string {
  if (node === null) return '';
  if (isScalar(node)) return String(node.value ?? '');
  return isMap(node) ? '{...}' : isSeq(node) ? '[...]' : '';
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function globProblem(glob: string): string | null {
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) return 'is absolute; write it relative to the config file';
  if (glob.split('/').includes('..')) return "leaves the config file's folder (..)";
  return null;
}

/**
 * A glob as a regular expression over `/`-separated paths: `*` and `?` stay within one name, `**`
 * spans folders, `[...]` is a character class. A glob without `/` (or only a trailing one) matches a
 * name at any depth, as in .gitignore; one with `/` is anchored at the config file's folder.
 */
function globRegExp(glob: string): RegExp {
  let g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = g.includes('/');
  if (!anchored) g = `**/${g}`;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` everything below.
        if (g[i + 2] === '/') {
          re += '(?:[^/]+/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = g
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}

/**
 * Whether the config skips a file, given its path relative to the config file's folder (`/`
 * separated). A glob that matches a folder skips everything under it.
 */
export function configIgnoresPath(config: ProjectConfig, relativePath: string): boolean {
  if (config.ignorePaths.length === 0) return false;
  const parts = relativePath.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return false;
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return config.ignorePaths.some((glob) => {
    const re = globRegExp(glob);
    return prefixes.some((p) => re.test(p));
  });
}

/**
 * The severities to analyse with: the config file's under the shell's own (`over`), which win where
 * they name a rule. A skipped file gets every rule off.
 */
export function withProjectConfig(
  config: ProjectConfig,
  over: Record<string, SeveritySetting> | undefined,
  skipped = false,
): Record<string, SeveritySetting> {
  if (skipped) return Object.fromEntries([...RULES_BY_ID.keys()].map((id) => [id, 'off' as const]));
  return { ...config.rules, ...(over ?? {}) };
}
