/**
 * Report formats other tools read: checkstyle XML (Jenkins Warnings NG, SonarQube's and reviewdog's
 * checkstyle readers) and GitLab's Code Quality JSON (a subset of the Code Climate issue spec).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Finding, Severity } from '../core';

export interface ReportFile {
  path: string;
  findings: Finding[];
  skipped: string | null;
}

/** checkstyle's severity levels are ignore, info, warning and error. */
const CHECKSTYLE_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'info',
};

/** Text for an XML attribute: the five escapes, and no character XML 1.0 forbids. */
function attribute(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * checkstyle XML: one `<file>` per file checked (empty when it is clean), one `<error>` per finding with
 * its one-based line and column, severity, message and the rule id as `source`.
 */
export function toCheckstyle(files: readonly ReportFile[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const file of files) {
    if (file.skipped) continue;
    if (file.findings.length === 0) {
      lines.push(`  <file name="${attribute(file.path)}"/>`);
      continue;
    }
    lines.push(`  <file name="${attribute(file.path)}">`);
    for (const f of file.findings) {
      lines.push(
        `    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${
          CHECKSTYLE_SEVERITY[f.severity]
        }" message="${attribute(f.message)}" source="${attribute(`stagewright.${f.ruleId}`)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return `${lines.join('\n')}\n`;
}

/**
 * GitLab's severities are info, minor, major, critical and blocker. An error is something BuildKit
 * refuses or a build that cannot work as meant: critical; blocker is left to the user's own policy.
 */
const GITLAB_SEVERITY: Record<Severity, string> = {
  error: 'critical',
  warning: 'major',
  information: 'minor',
  hint: 'info',
};

/**
 * GitLab Code Quality JSON: an array of issues, each with description, check_name, a fingerprint,
 * severity and location (path relative to the project root, GitLab's working directory in CI, and the
 * first line). The fingerprint must be unique per issue and should survive unrelated edits: it hashes
 * the path, the rule, the message and the issue's rank among equal ones in the file, not its line.
 */
export function toGitlab(files: readonly ReportFile[], cwd: string): object[] {
  const issues: object[] = [];
  for (const file of files) {
    const relative = path.relative(cwd, path.resolve(cwd, file.path));
    const location = (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file.path) : relative)
      .split(path.sep)
      .join('/');
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      const key = `${location}\u0000${f.ruleId}\u0000${f.message}`;
      const rank = seen.get(key) ?? 0;
      seen.set(key, rank + 1);
      issues.push({
        type: 'issue',
        description: f.message,
        check_name: f.ruleId,
        fingerprint: createHash('sha256').update(`${key}\u0000${rank}`).digest('hex'),
        severity: GITLAB_SEVERITY[f.severity],
        location: {
          path: location,
          lines: { begin: f.range.start.line + 1, end: lastLine(f) + 1 },
        },
      });
    }
  }
  return issues;
}

/** The last line a finding covers (zero-based): a range ending at a line's start ends on the line before. */
function lastLine(f: Finding): number {
  const { start, end } = f.range;
  return end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
}
