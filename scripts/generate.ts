/**
 * Generates what follows from the rule registry: the `stagewright.rules` setting in package.json, the
 * rule list of `stagewright.hideRulesReportedByDockerExtension`, and docs/rules/*.md.
 *
 *   npm run generate            writes the files
 *   npm run generate -- --check exits 1 (and names the files) when a file is out of date
 *
 * test/core/generated.test.ts fails when the committed files differ from what this script writes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules';
import { ruleDocMarkdown, rulesIndexMarkdown } from '../server/src/core/rules/docs';
import type { Rule } from '../server/src/core/rules/types';

export const ROOT = path.join(__dirname, '..');
export const DOCS_DIR = path.join(ROOT, 'docs', 'rules');
export const PACKAGE_JSON = path.join(ROOT, 'package.json');

const SEVERITY_CHOICES = ['default', 'off', 'hint', 'information', 'warning', 'error'];
const SEVERITY_DESCRIPTIONS = [
  "The rule's default severity",
  'Do not report it',
  'Show it as a hint (dotted underline, not in the Problems panel)',
  'Show it as information',
  'Show it as a warning',
  'Show it as an error',
];

export const RULES_SETTING = 'stagewright.rules';
export const DOCKER_SETTING = 'stagewright.hideRulesReportedByDockerExtension';

function rulesSetting(rules: readonly Rule[]): Record<string, unknown> {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const properties: Record<string, unknown> = {};
  for (const { meta } of sorted) {
    properties[meta.id] = {
      type: 'string',
      enum: SEVERITY_CHOICES,
      enumDescriptions: SEVERITY_DESCRIPTIONS,
      default: 'default',
      markdownDescription: `${meta.title.replace(/\.$/, '')}. Default severity: \`${meta.severity}\`.`,
    };
  }
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    additionalProperties: false,
    markdownDescription:
      'Severity of each rule: `off`, `hint`, `information`, `warning`, `error`, or `default` for the rule\'s own. Comments in a Dockerfile (`# stagewright-ignore <rule>`, `# check=skip=...`, `# hadolint ignore=...`) silence single findings.',
    properties,
  };
}

function dockerSetting(rules: readonly Rule[]): Record<string, unknown> {
  const overlapping = rules.filter((r) => r.meta.reportedByDockerExtension).map((r) => `\`${r.meta.id}\``).sort();
  return {
    type: 'boolean',
    scope: 'resource',
    default: true,
    markdownDescription: `While the Docker extension (Docker DX, or the older Docker extension for VS Code) is installed, do not report the problems it reports already, so none shows twice: ${overlapping.join(', ')}.`,
  };
}

/** package.json with the generated settings; every other field is kept as it is. */
export function generatePackageJson(current: string, rules: readonly Rule[] = RULES): string {
  const pkg = JSON.parse(current) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  const properties = pkg.contributes.configuration.properties;
  properties[RULES_SETTING] = rulesSetting(rules);
  properties[DOCKER_SETTING] = dockerSetting(rules);
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** Every generated doc file, by name inside docs/rules. */
export function generateDocs(rules: readonly Rule[] = RULES): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) files.set(`${rule.meta.id}.md`, ruleDocMarkdown(rule));
  files.set('README.md', rulesIndexMarkdown(rules));
  return files;
}

/** The files that differ from what would be generated (relative paths). */
export function outOfDate(): string[] {
  const stale: string[] = [];
  const pkg = readFileSync(PACKAGE_JSON, 'utf8');
  if (generatePackageJson(pkg) !== pkg) stale.push('package.json');
  const docs = generateDocs();
  for (const [name, text] of docs) {
    const file = path.join(DOCS_DIR, name);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(`docs/rules/${name}`);
  }
  if (existsSync(DOCS_DIR)) {
    for (const name of readdirSync(DOCS_DIR)) if (!docs.has(name)) stale.push(`docs/rules/${name} (no such rule)`);
  }
  return stale;
}

function write(): void {
  const pkg = readFileSync(PACKAGE_JSON, 'utf8');
  const next = generatePackageJson(pkg);
  if (next !== pkg) writeFileSync(PACKAGE_JSON, next);
  mkdirSync(DOCS_DIR, { recursive: true });
  const docs = generateDocs();
  for (const name of readdirSync(DOCS_DIR)) if (!docs.has(name)) rmSync(path.join(DOCS_DIR, name));
  for (const [name, text] of docs) writeFileSync(path.join(DOCS_DIR, name), text);
  process.stdout.write(`generated package.json settings and ${docs.size} files in docs/rules\n`);
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = outOfDate();
    if (stale.length > 0) {
      process.stderr.write(`out of date (run npm run generate): ${stale.join(', ')}\n`);
      process.exitCode = 1;
    }
  } else {
    write();
  }
}
