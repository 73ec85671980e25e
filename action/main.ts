/**
 * The GitHub Action's entry (action.yml runs dist/action.js with the runner's Node). It runs the
 * command line bundled beside it (dist/cli.js) on the workspace, the same program users run, and
 * turns its JSON report into what GitHub shows:
 * - workflow commands on stdout (`::error file=...,line=...::message`), which the checks UI shows as
 *   annotations on the changed lines;
 * - the report file in the chosen format (SARIF by default, for github/codeql-action/upload-sarif);
 * - the step outputs (GITHUB_OUTPUT) and a Markdown summary (GITHUB_STEP_SUMMARY).
 * It needs no toolkit package: the runner's protocol is environment variables and files.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
type Severity = (typeof SEVERITIES)[number];

interface JsonFinding {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface JsonReport {
  files: { path: string; skipped: string | null; findings: JsonFinding[] }[];
}

class ActionError extends Error {}

/** An input as the runner passes it: INPUT_<NAME>, upper-cased, spaces as underscores. */
export function input(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Words of a list input, separated by spaces or new lines (and commas too, for rule ids). */
function list(value: string, commas = false): string[] {
  return value.split(commas ? /[\s,]+/ : /\s+/).filter(Boolean);
}

/** Workflow command escaping: the message, and property values, which also escape ':' and ','. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string | null> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  // Hints (stages the default target never builds, ...) stay in the report and the summary.
  hint: null,
};

export function annotation(file: string, finding: JsonFinding): string | null {
  const command = COMMAND[finding.severity];
  if (!command) return null;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `endLine=${finding.endLine}`,
    // An end column is only meaningful on the start line.
    ...(finding.endLine === finding.line ? [`endColumn=${finding.endColumn}`] : []),
    `title=${escapeProperty(`stagewright ${finding.rule}`)}`,
  ];
  return `::${command} ${properties.join(',')}::${escapeData(finding.message)}`;
}

function runCli(cli: string, args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status === 2 || run.status === null) {
    const reason = (run.stderr || run.stdout).trim().split('\n')[0] || `exit ${run.status ?? run.signal}`;
    throw new ActionError(reason.replace(/^stagewright: /, ''));
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function summary(report: JsonReport, counts: Record<Severity, number>, failOn: string, failed: boolean): string {
  const rows: string[] = [];
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  for (const file of report.files) {
    for (const f of file.findings) {
      if (rows.length === 200) break;
      rows.push(`| \`${cell(file.path)}:${f.line}\` | ${f.severity} | \`${f.rule}\` | ${cell(f.message)} |`);
    }
  }
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const tally = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const lines = [
    '## Stagewright',
    '',
    `${total} finding${total === 1 ? '' : 's'} in ${report.files.length} Dockerfile${report.files.length === 1 ? '' : 's'}${
      tally.length > 0 ? ` (${tally.join(', ')})` : ''
    }. ${failed ? `Failed: a finding at \`${failOn}\` or above.` : `Passed (fails on \`${failOn}\`).`}`,
    '',
  ];
  if (rows.length > 0) {
    lines.push('| where | severity | rule | message |', '| --- | --- | --- | --- |', ...rows);
    if (rows.length < total) lines.push('', `The first ${rows.length} findings are listed; the report has them all.`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the action; returns the exit code. */
export function main(env: NodeJS.ProcessEnv = process.env, write = (text: string) => process.stdout.write(text)): number {
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const cli = path.join(__dirname, 'cli.js');
    const paths = list(input('paths', env));
    const format = input('format', env) || 'sarif';
    const output = input('output', env) || (format === 'sarif' ? 'stagewright.sarif' : `stagewright.${format}`);
    const failOn = input('fail-on', env) || 'error';
    if (failOn !== 'none' && !(SEVERITIES as readonly string[]).includes(failOn)) {
      throw new ActionError(`fail-on takes error, warning, information, hint or none, not '${failOn}'`);
    }
    const rules = list(input('rules', env), true);
    const ignore = list(input('ignore', env), true);
    const selection = [
      ...(rules.length > 0 ? ['--rule', rules.join(',')] : []),
      ...(ignore.length > 0 ? ['--ignore', ignore.join(',')] : []),
    ];
    const targets = paths.length > 0 ? paths : ['.'];

    const json = runCli(cli, ['check', '--format', 'json', ...selection, ...targets], workspace);
    const report = JSON.parse(json.stdout) as JsonReport;
    const reportText =
      format === 'json' ? json.stdout : runCli(cli, ['check', '--format', format, ...selection, ...targets], workspace).stdout;
    const outputPath = path.resolve(workspace, output);
    mkdirSync(path.dirname(outputPath), { recursive: true });
    writeFileSync(outputPath, reportText);

    const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const file of report.files) {
      const where = path.relative(workspace, path.resolve(workspace, file.path)).split(path.sep).join('/');
      for (const finding of file.findings) {
        counts[finding.severity]++;
        const line = annotation(where, finding);
        if (line) write(`${line}\n`);
      }
    }
    const threshold = failOn === 'none' ? -1 : SEVERITIES.indexOf(failOn as Severity);
    const failed = SEVERITIES.some((severity, rank) => rank <= threshold && counts[severity] > 0);
    const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);

    if (env.GITHUB_OUTPUT) {
      appendFileSync(
        env.GITHUB_OUTPUT,
        [
          `report=${path.relative(workspace, outputPath).split(path.sep).join('/')}`,
          `findings=${total}`,
          `errors=${counts.error}`,
          `warnings=${counts.warning}`,
          '',
        ].join('\n'),
      );
    }
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary(report, counts, failOn, failed));
    write(`stagewright: ${total} finding${total === 1 ? '' : 's'}; report written to ${output}\n`);
    if (failed) write(`::error::stagewright: a finding at '${failOn}' or above\n`);
    return failed ? 1 : 0;
  } catch (error) {
    const message = error instanceof ActionError ? error.message : String((error as Error).stack ?? error);
    write(`::error::${escapeData(`stagewright: ${message}`)}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main();
