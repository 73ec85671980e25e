import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile, planSplit, renderSplit, RUNTIME_FAMILIES } from '../core';
import { unifiedDiff } from './diff';
import { readDockerfile, UsageError } from './files';

export interface SplitOptions {
  file: string;
  write: boolean;
  diff: boolean;
  runtime: string | null;
}

export function parseSplitArgs(args: string[]): SplitOptions {
  let file: string | null = null;
  let write = false;
  let diff = false;
  let runtime: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--write' || arg === '-w') write = true;
    else if (arg === '--diff') diff = true;
    else if (arg === '--runtime' || arg.startsWith('--runtime=')) {
      runtime = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++i] ?? '');
      if (!runtime) throw new UsageError('--runtime takes a runtime family or image');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' for split`);
    else if (file === null) file = arg;
    else throw new UsageError('split takes one Dockerfile');
  }
  if (write && diff) throw new UsageError('--write and --diff exclude each other');
  return { file: file ?? 'Dockerfile', write, diff, runtime };
}

/** A reader of the files beside the Dockerfile (its build context), refusing paths outside it. */
export function contextReader(dockerfile: string): (relativePath: string) => string | undefined {
  const root = path.resolve(path.dirname(dockerfile));
  return (relativePath) => {
    const full = path.resolve(root, relativePath);
    if (full !== root && !full.startsWith(root + path.sep)) return undefined;
    try {
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** A lister of the folders beside the Dockerfile (names, folders with a trailing `/`), refusing paths outside it. */
export function contextLister(dockerfile: string): (relativePath: string) => string[] | undefined {
  const root = path.resolve(path.dirname(dockerfile));
  return (relativePath) => {
    const full = path.resolve(root, relativePath);
    if (full !== root && !full.startsWith(root + path.sep)) return undefined;
    try {
      return readdirSync(full, { withFileTypes: true })
        .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
        .sort();
    } catch {
      return undefined;
    }
  };
}

/** Splits the Dockerfile; returns the exit code. Prints why on stderr when no split applies. */
export function runSplit(options: SplitOptions, out: (text: string) => void, err: (text: string) => void): number {
  const text = readDockerfile(options.file);
  const model = parseDockerfile(text);
  const result = planSplit(model, {
    readWorkspaceFile: contextReader(options.file),
    listWorkspaceDir: contextLister(options.file),
  });
  if (!result.ok) {
    err(`stagewright: no split for ${options.file}: ${result.reason}\n`);
    return 0;
  }
  const plan = result.plan;
  let choice = plan.choices[0]!;
  if (options.runtime) {
    const wanted = options.runtime;
    const found = plan.choices.find((c) => c.family === wanted || c.image === wanted || c.label === wanted);
    if (!found) {
      const known = plan.choices.map((c) => `${c.family} (${c.image})`).join(', ');
      const hint = (RUNTIME_FAMILIES as readonly string[]).includes(wanted)
        ? ''
        : ` (families: ${RUNTIME_FAMILIES.join(', ')})`;
      throw new UsageError(`no '${wanted}' runtime fits this Dockerfile${hint}; choices: ${known}`);
    }
    choice = found;
  }
  const { text: split } = renderSplit(model, plan, choice);
  if (options.write) {
    writeFileSync(options.file, split);
    err(`stagewright: split ${options.file} into '${plan.builderName}' and a ${choice.image} runtime\n`);
  } else if (options.diff) {
    out(unifiedDiff(text, split, options.file));
  } else {
    out(split);
  }
  return 0;
}
