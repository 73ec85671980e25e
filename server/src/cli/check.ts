import { analyze, type Finding } from '../core';
import { collectDockerfiles, readDockerfile, UsageError } from './files';

interface FileResult {
  path: string;
  findings: Finding[];
  skipped: string | null;
}

export interface CheckOptions {
  paths: string[];
  format: 'text' | 'json';
}

export function parseCheckArgs(args: string[]): CheckOptions {
  const paths: string[] = [];
  let format: CheckOptions['format'] = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format takes text or json, not '${value ?? ''}'`);
      format = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}' for check`);
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length > 0 ? paths : ['Dockerfile'], format };
}

/** Checks the files and writes the findings; returns the exit code. */
export function runCheck(options: CheckOptions, write: (text: string) => void): number {
  const files = collectDockerfiles(options.paths);
  const results: FileResult[] = files.map((file) => {
    const { model, findings } = analyze(readDockerfile(file));
    return { path: file, findings, skipped: model.skipped };
  });
  if (options.format === 'json') {
    write(JSON.stringify({ version: 1, files: results.map(toJson) }, null, 2) + '\n');
  } else {
    for (const result of results) {
      if (result.skipped) write(`${result.path}: skipped (${result.skipped})\n`);
      for (const f of result.findings) {
        write(`${result.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}\n`);
      }
    }
    const total = results.reduce((n, r) => n + r.findings.length, 0);
    write(`${total} finding${total === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}\n`);
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function toJson(result: FileResult) {
  return {
    path: result.path,
    skipped: result.skipped,
    findings: result.findings.map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  };
}
