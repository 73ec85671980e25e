import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile, planSplit, renderSplit } from '../core';
import { unifiedDiff } from './diff';
import { readDockerfile, UsageError } from './files';
import { pickRuntime } from './runtime-choice';
import { parseVerifyArgs, runVerify, type VerifyCliOptions } from './verify';

export interface SplitOptions {
  file: string;
  write: boolean;
  diff: boolean;
  runtime: string | null;
  /** Write the split (beside the original, or to `out`) and verify it on the Docker engine. */
  verify: VerifyCliOptions | null;
  out: string | null;
}

export function parseSplitArgs(all: string[]): SplitOptions {
  let verify: VerifyCliOptions | null = null;
  let args = all;
  if (all.includes('--verify')) {
    const { rest, ...options } = parseVerifyArgs(
      all.filter((a) => a !== '--verify'),
      0,
    );
    verify = options;
    args = rest;
  }
  let out: string | null = null;
  let file: string | null = null;
  let write = false;
  let diff = false;
  let runtime: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--write' || arg === '-w') write = true;
    else if (arg === '--diff') diff = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      out = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++i] ?? '');
      if (!out) throw new UsageError('--out takes a file');
    } else if (arg === '--runtime' || arg.startsWith('--runtime=')) {
      runtime = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++i] ?? '');
      if (!runtime) throw new UsageError('--runtime takes a runtime family or image');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' for split`);
    else if (file === null) file = arg;
    else throw new UsageError('split takes one Dockerfile');
  }
  if (write && diff) throw new UsageError('--write and --diff exclude each other');
  if (verify && (write || diff))
    throw new UsageError('--verify writes the split beside the original; it excludes --write and --diff');
  if (out && !verify) throw new UsageError('--out goes with --verify');
  return { file: file ?? 'Dockerfile', write, diff, runtime, verify, out };
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
  const split = splitText(options, err);
  if (split === null) return 0;
  if (options.write) {
    writeFileSync(options.file, split.text);
    err(`stagewright: split ${options.file} into '${split.builderName}' and a ${split.image} runtime\n`);
  } else if (options.diff) {
    out(unifiedDiff(split.original, split.text, options.file));
  } else {
    out(split.text);
  }
  return 0;
}

/** Where `split --verify` writes the split: `--out`, or `<Dockerfile>.split` beside the original. */
export function splitOutPath(options: SplitOptions): string {
  return options.out ?? `${options.file}.split`;
}

/**
 * `split --verify`: plans the split, writes it beside the original (or to --out) and verifies it
 * against the original on the Docker engine. Exit codes are verify's; no split applies: 2.
 */
export async function runSplitVerify(
  options: SplitOptions,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const split = splitText(options, err);
  if (split === null) return 2;
  const target = splitOutPath(options);
  writeFileSync(target, split.text);
  err(
    `stagewright: wrote the split to ${target} ('${split.builderName}' and a ${split.image} runtime); verifying it\n`,
  );
  return runVerify({ ...options.verify!, original: options.file, candidate: target }, out, err);
}

function splitText(
  options: SplitOptions,
  err: (text: string) => void,
): { original: string; text: string; builderName: string; image: string } | null {
  const text = readDockerfile(options.file);
  const model = parseDockerfile(text);
  const result = planSplit(model, {
    readWorkspaceFile: contextReader(options.file),
    listWorkspaceDir: contextLister(options.file),
    documentPath: path.resolve(options.file),
  });
  if (!result.ok) {
    err(`stagewright: no split for ${options.file}: ${result.reason}\n`);
    return null;
  }
  const plan = result.plan;
  let choice = plan.choices[0]!;
  if (options.runtime) {
    const picked = pickRuntime(plan.choices, options.runtime);
    if (picked.note) err(picked.note);
    choice = picked.choice;
  }
  const { text: split } = renderSplit(model, plan, choice);
  return { original: text, text: split, builderName: plan.builderName, image: choice.image };
}
