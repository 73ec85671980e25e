import * as path from 'node:path';
import {
  analyze,
  EMPTY_CONFIG,
  RULES,
  RULES_BY_ID,
  withProjectConfig,
  type AnalysisSettings,
  type Finding,
  type Severity,
  type SeveritySetting,
} from '../core';
import { BuildTargetsIndex, buildRootOf } from '../host/build-targets';
import { configSkips, findConfigFileSync, loadConfigSync, type LoadedConfig } from '../host/config-file';
import { readDockerignoreSync } from '../host/dockerignore-file';
import { contextReader } from './split';
import { type CliIo, painter, type Style } from './color';
import { collectDockerfiles, readDockerfile, UsageError } from './files';
import { toCheckstyle, toGitlab } from './reports';
import { toSarif } from './sarif';

interface FileResult {
  path: string;
  findings: Finding[];
  skipped: string | null;
}

export const FORMATS = ['text', 'json', 'sarif', 'checkstyle', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  paths: string[];
  format: Format;
  /** Only these rules run (all when empty). */
  rules: string[];
  /** Rules that are off by default to run as well (at their severity when on). */
  enable: string[];
  /** These rules do not run. */
  ignore: string[];
  /** The config file named with --config; null: look for one beside each Dockerfile; false: none (--no-config). */
  config: string | null | false;
  /** Stages built with --target besides those the repository's build files build (--target, repeatable). */
  targets: string[];
}

/** Thrown when a config file has problems: each is printed on a line of its own, then exit 2. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

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
export function selectionSettings(
  options: Pick<CheckOptions, 'rules' | 'ignore'> & Partial<Pick<CheckOptions, 'enable'>>,
): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const rule of RULES) {
    const id = rule.meta.id;
    if ((options.rules.length > 0 && !options.rules.includes(id)) || options.ignore.includes(id)) rules[id] = 'off';
    // A rule that is off by default runs at its own severity when named with --rule or --enable.
    else if (
      rule.meta.enabledByDefault === false &&
      (options.rules.includes(id) || (options.enable ?? []).includes(id))
    )
      rules[id] = rule.meta.severity;
  }
  return rules;
}

export function parseCheckArgs(args: string[]): CheckOptions {
  const paths: string[] = [];
  let format: Format = 'text';
  const rules: string[] = [];
  const ignore: string[] = [];
  const enable: string[] = [];
  let config: CheckOptions['config'] = null;
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i]);
    if (option === '--format' || option === '-f') {
      const v = value();
      if (!(FORMATS as readonly (string | undefined)[]).includes(v))
        throw new UsageError(
          v === undefined ? '--format takes a format' : `--format takes ${FORMATS.join(', ')}, not '${v}'`,
        );
      format = v as Format;
    } else if (option === '--rule') {
      rules.push(...ruleIds('--rule', value()));
    } else if (option === '--enable') {
      enable.push(...ruleIds('--enable', value()));
    } else if (option === '--ignore') {
      ignore.push(...ruleIds('--ignore', value()));
    } else if (option === '--config' || option === '-c') {
      const v = value();
      if (!v) throw new UsageError('--config takes a file');
      config = v;
    } else if (option === '--no-config') {
      config = false;
    } else if (option === '--target') {
      const v = value();
      if (!v || v.startsWith('-')) throw new UsageError('--target takes a stage name');
      targets.push(v);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}' for check`);
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length > 0 ? paths : ['Dockerfile'], format, rules, enable, ignore, config, targets };
}

/** One-based `file:line:column: message` lines for a config's problems. */
function problemLines(loaded: LoadedConfig): string[] {
  return loaded.problems.map(
    (p) => `${loaded.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`,
  );
}

/**
 * The config of each Dockerfile: the one named with --config, or the nearest found from the
 * Dockerfile's folder up to the repository root; each file read once. A config with problems stops
 * the check before any output (exit 2): a typo in a rule id must not silently check with defaults.
 */
function configReader(option: CheckOptions['config']): (dockerfile: string) => LoadedConfig | null {
  const loaded = new Map<string, LoadedConfig>();
  const load = (file: string): LoadedConfig => {
    let config = loaded.get(file);
    if (!config) {
      try {
        config = loadConfigSync(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new UsageError(`${file}: no such config file`);
        throw error;
      }
      if (config.problems.length > 0) throw new ConfigError(problemLines(config));
      loaded.set(file, config);
    }
    return config;
  };
  if (option === false) return () => null;
  if (option !== null) {
    const named = load(option);
    return () => named;
  }
  return (dockerfile) => {
    const found = findConfigFileSync(dockerfile);
    return found ? load(found) : null;
  };
}

/** Checks the files and writes the findings; returns the exit code. */
export function runCheck(options: CheckOptions, io: CliIo): number {
  const files = collectDockerfiles(options.paths);
  const selection = selectionSettings(options);
  const configFor = configReader(options.config);
  // The stages each repository's build files (compose, bake, workflows, Makefiles, scripts) build.
  const buildTargets = new BuildTargetsIndex();
  const byHand = options.targets.map((stage) => ({ stage, by: `--target ${stage}` }));
  const results: FileResult[] = [];
  let skippedByConfig = 0;
  for (const file of files) {
    const loaded = configFor(file);
    if (loaded && configSkips(loaded, file)) {
      skippedByConfig++;
      continue;
    }
    const rules = withProjectConfig(loaded?.config ?? EMPTY_CONFIG, selection);
    // A rule named with --rule runs, even where the config turns it off.
    for (const id of options.rules) if (rules[id] === 'off' && !options.ignore.includes(id)) delete rules[id];
    const settings: AnalysisSettings = { rules };
    const dockerignore = readDockerignoreSync(file);
    if (dockerignore !== null) settings.dockerignore = dockerignore;
    // Files beside the Dockerfile (an entrypoint script that drops root) are read where rules need them.
    settings.readWorkspaceFile = contextReader(file);
    settings.documentPath = path.resolve(file);
    const builds = buildTargets.buildsFor(buildRootOf(file), path.resolve(file));
    const targets = [...builds.targets, ...byHand];
    if (targets.length > 0) settings.targets = targets;
    if (builds.passedArgs.length > 0) settings.passedArgs = builds.passedArgs;
    if (builds.namedContexts.length > 0) settings.namedContexts = builds.namedContexts;
    if (builds.images.length > 0) settings.workspaceImages = builds.images;
    if (builds.development) settings.developmentBuild = builds.development;
    if (builds.local) settings.localBuild = builds.local;
    if (builds.shippedBy) settings.shippedBy = builds.shippedBy;
    const { model, findings } = analyze(readDockerfile(file), settings);
    results.push({ path: file, findings, skipped: model.skipped });
  }
  const write = io.out;
  switch (options.format) {
    case 'sarif': {
      const version = process.env.STAGEWRIGHT_VERSION ?? '0.0.0';
      write(`${JSON.stringify(toSarif(results, RULES, version, process.cwd()), null, 2)}\n`);
      break;
    }
    case 'json':
      write(`${JSON.stringify({ version: 1, files: results.map(toJson) }, null, 2)}\n`);
      break;
    case 'checkstyle':
      write(toCheckstyle(results));
      break;
    case 'gitlab':
      write(`${JSON.stringify(toGitlab(results, process.cwd()), null, 2)}\n`);
      break;
    case 'text':
      writeText(results, skippedByConfig, io);
      break;
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };

function writeText(results: readonly FileResult[], skippedByConfig: number, io: CliIo): void {
  const paint = painter(io.color);
  for (const result of results) {
    if (result.skipped) io.out(`${paint('bold', result.path)}: skipped (${result.skipped})\n`);
    for (const f of result.findings) {
      const where = `${result.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      io.out(
        `${paint('bold', where)} ${paint(SEVERITY_STYLE[f.severity], f.severity)} ${paint('dim', f.ruleId)} ${f.message}\n`,
      );
    }
  }
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const ignored = skippedByConfig > 0 ? ` (${plural(skippedByConfig, 'file')} ignored by the config)` : '';
  io.out(`${plural(total, 'finding')} in ${plural(results.length, 'file')}${ignored}\n`);
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
