import { analyze, RULES, RULES_BY_ID, type AnalysisSettings, type Finding, type SeveritySetting } from '../core';
import { readDockerignoreSync } from '../host/dockerignore-file';
import { collectDockerfiles, readDockerfile, UsageError } from './files';
import { toSarif } from './sarif';

interface FileResult {
  path: string;
  findings: Finding[];
  skipped: string | null;
}

export interface CheckOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  /** Only these rules run (all when empty). */
  rules: string[];
  /** These rules do not run. */
  ignore: string[];
}

const FORMATS = ['text', 'json', 'sarif'] as const;

/** Rule ids from a repeatable, comma-separated option; unknown ids are a usage error. */
function ruleIds(option: string, value: string | undefined): string[] {
  const ids = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new UsageError(`${option} takes a rule id (or several, comma-separated)`);
  for (const id of ids) {
    if (!RULES_BY_ID.has(id)) throw new UsageError(`${option}: no rule '${id}' (the rules are listed in docs/rules)`);
  }
  return ids;
}

/** The severity settings that run exactly the selected rules. */
export function selectionSettings(options: Pick<CheckOptions, 'rules' | 'ignore'>): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const rule of RULES) {
    const id = rule.meta.id;
    if ((options.rules.length > 0 && !options.rules.includes(id)) || options.ignore.includes(id)) rules[id] = 'off';
  }
  return rules;
}

export function parseCheckArgs(args: string[]): CheckOptions {
  const paths: string[] = [];
  let format: CheckOptions['format'] = 'text';
  const rules: string[] = [];
  const ignore: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i]);
    if (option === '--format') {
      const v = value();
      if (!(FORMATS as readonly (string | undefined)[]).includes(v))
        throw new UsageError(`--format takes text, json or sarif, not '${v ?? ''}'`);
      format = v as CheckOptions['format'];
    } else if (option === '--rule') {
      rules.push(...ruleIds('--rule', value()));
    } else if (option === '--ignore') {
      ignore.push(...ruleIds('--ignore', value()));
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}' for check`);
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length > 0 ? paths : ['Dockerfile'], format, rules, ignore };
}

/** Checks the files and writes the findings; returns the exit code. */
export function runCheck(options: CheckOptions, write: (text: string) => void): number {
  const files = collectDockerfiles(options.paths);
  const rules = selectionSettings(options);
  const results: FileResult[] = files.map((file) => {
    const settings: AnalysisSettings = { rules };
    const dockerignore = readDockerignoreSync(file);
    if (dockerignore !== null) settings.dockerignore = dockerignore;
    const { model, findings } = analyze(readDockerfile(file), settings);
    return { path: file, findings, skipped: model.skipped };
  });
  if (options.format === 'sarif') {
    const version = process.env.STAGEWRIGHT_VERSION ?? '0.0.0';
    write(JSON.stringify(toSarif(results, RULES, version, process.cwd()), null, 2) + '\n');
  } else if (options.format === 'json') {
    write(JSON.stringify({ version: 1, files: results.map(toJson) }, null, 2) + '\n');
  } else {
    for (const result of results) {
      if (result.skipped) write(`${result.path}: skipped (${result.skipped})\n`);
      for (const f of result.findings) {
        write(
          `${result.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}\n`,
        );
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
