/**
 * SARIF 2.1.0 output for code-scanning uploads: one run, the rule registry as `tool.driver.rules`
 * (with the generated rule page as help), one result per finding.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocMarkdown, type Finding, type Rule, type Severity } from '../core';
import { ruleDocHref } from '../host/rule-pages';

export interface SarifFile {
  path: string;
  findings: Finding[];
  skipped: string | null;
}

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const SRCROOT = 'SRCROOT';

/** `copy-from-undefined-stage` -> `CopyFromUndefinedStage`, the rule's readable SARIF name. */
function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function ruleDescriptor(rule: Rule) {
  const { meta } = rule;
  const href = ruleDocHref(meta.id);
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.what },
    help: { text: `${meta.docs.what} ${meta.docs.why}`, markdown: ruleDocMarkdown(rule) },
    ...(href ? { helpUri: href } : {}),
    defaultConfiguration: {
      level: LEVEL[meta.severity],
      ...(meta.enabledByDefault === false ? { enabled: false } : {}),
    },
    properties: {
      tags: [
        'dockerfile',
        ...(meta.peers?.buildkit ? [`buildkit:${meta.peers.buildkit}`] : []),
        ...(meta.peers?.hadolint ?? []).map((c) => `hadolint:${c}`),
      ],
    },
  };
}

/**
 * Where a file is, for SARIF: relative to the working directory (the repository root in CI) with
 * forward slashes and `%SRCROOT%` as base, or an absolute file URI for files outside it.
 */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

export function toSarif(files: readonly SarifFile[], rules: readonly Rule[], version: string, cwd: string): object {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const results = [];
  const notifications = [];
  for (const file of files) {
    const artifact = artifactLocation(file.path, cwd);
    if (file.skipped) {
      notifications.push({
        level: 'note',
        message: { text: `Skipped ${file.path}: ${file.skipped}.` },
        locations: [{ physicalLocation: { artifactLocation: artifact } }],
      });
    }
    for (const f of file.findings) {
      const index = ruleIndex.get(f.ruleId);
      const { start, end } = f.range;
      results.push({
        ruleId: f.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifact,
              // SARIF lines and columns count from 1; endColumn is the column after the last character.
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Stagewright', version, semanticVersion: version, rules: rules.map(ruleDescriptor) } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
