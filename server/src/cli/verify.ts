import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { formatBytes, ownBytes, sizeText } from '../core';
import { CHECKING_ENGINE, EngineUnavailable, verifyDockerfiles, type VerifyOptions } from '../host/docker/verify';
import { VERIFY_EXIT_CODES, type VerifyReport } from '../../../shared/verify-data';
import { UsageError } from './files';

export const VERIFY_HELP = `Usage: stagewright verify [options] <original> <candidate>

Builds both Dockerfiles with your Docker engine (the docker command; DOCKER_HOST and the current
context apply), compares the images' configuration, sizes and layers, checks that the candidate's
entry command and its libraries resolve, then RUNS BOTH IMAGES with their default command (no
network, a read-only root where the original works with one, no mounts, a time limit) and compares
exit code and stdout, or for servers that both stay up and answer GET / alike. Everything it
creates on the engine is removed at the end, also when interrupted.

Options:
  --context <dir>        Build context of both (default: the original's folder)
  --target <stage>       Build this stage of both
  --build-network <mode> Network of RUN steps while building (docker build --network)
  --timeout <seconds>    How long a program may run before it counts as still running (default 30)
  --docker <command>     The docker command (default: docker on PATH)
  --json                 Print the report as JSON
  --events               Print progress as JSON lines on stderr

Exit codes: 0 same, 1 different, 2 could not verify (no engine, the original does not build, a
usage error, interrupted).
`;

export interface VerifyCliOptions extends VerifyOptions {
  json: boolean;
  events: boolean;
}

/** Reads the options of verify, and the ones split --verify shares (all but the two files). */
export function parseVerifyArgs(args: string[], files = 2): VerifyCliOptions & { rest: string[] } {
  const positional: string[] = [];
  const rest: string[] = [];
  const options: Partial<VerifyCliOptions> = { json: false, events: false };
  const value = (i: number, arg: string): [string, number] => {
    if (arg.includes('=')) return [arg.slice(arg.indexOf('=') + 1), i];
    const v = args[i + 1];
    if (v === undefined || v === '') throw new UsageError(`${arg} takes a value`);
    return [v, i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.split('=')[0]!;
    let v: string;
    switch (name) {
      case '--json':
        options.json = true;
        break;
      case '--events':
        options.events = true;
        break;
      case '--context':
        [v, i] = value(i, arg);
        options.context = v;
        break;
      case '--target':
        [v, i] = value(i, arg);
        options.target = v;
        break;
      case '--build-network':
        [v, i] = value(i, arg);
        options.buildNetwork = v;
        break;
      case '--docker':
        [v, i] = value(i, arg);
        options.docker = v;
        break;
      case '--timeout': {
        [v, i] = value(i, arg);
        const seconds = Number(v);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--timeout takes a number of seconds');
        options.timeoutSeconds = seconds;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') rest.push(arg);
        else positional.push(arg);
    }
  }
  if (files === 2) {
    if (rest.length > 0) throw new UsageError(`unknown option '${rest[0]}' for verify`);
    if (positional.length !== 2) throw new UsageError('verify takes two Dockerfiles: <original> <candidate>');
    options.original = positional[0]!;
    options.candidate = positional[1]!;
  } else {
    rest.push(...positional);
  }
  return { ...(options as VerifyCliOptions), rest };
}

/** Checks the files, fills in the context and runs the verification; returns the exit code. */
export async function runVerify(
  options: VerifyCliOptions,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  for (const file of [options.original, options.candidate]) {
    if (!existsSync(file)) throw new UsageError(`${file}: no such file or directory`);
    if (!statSync(file).isFile()) throw new UsageError(`${file}: is a directory, not a Dockerfile`);
  }
  const context = options.context ?? path.dirname(options.original);
  if (!existsSync(context)) throw new UsageError(`${context}: no such file or directory`);
  if (!statSync(context).isDirectory()) throw new UsageError(`${context}: the build context must be a directory`);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let report: VerifyReport;
  try {
    report = await verifyDockerfiles(
      { ...options, context },
      {
        signal: controller.signal,
        progress: (p) => {
          if (options.events) err(`${JSON.stringify({ progress: p })}\n`);
          // The engine check says nothing when it works, and one line when it does not.
          else if (!options.json && p.step !== CHECKING_ENGINE) err(`stagewright: [${p.elapsed}s] ${p.step}\n`);
        },
      },
    );
  } catch (error) {
    if (error instanceof EngineUnavailable) {
      if (options.json) out(`${JSON.stringify({ verdict: 'could-not-verify', summary: error.message }, null, 2)}\n`);
      err(`stagewright: could not verify: ${error.message}\n`);
      return VERIFY_EXIT_CODES['could-not-verify'];
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
  if (controller.signal.aborted) {
    err('stagewright: verify interrupted; what it created on the engine was removed\n');
    return VERIFY_EXIT_CODES['could-not-verify'];
  }
  if (options.json) out(`${JSON.stringify(report, null, 2)}\n`);
  else out(reportText(report));
  return VERIFY_EXIT_CODES[report.verdict];
}

/** The report as text: the verdict line first, then the evidence. */
export function reportText(report: VerifyReport): string {
  const lines = [
    `${report.verdict === 'could-not-verify' ? 'could not verify' : report.verdict}: ${report.summary.replace(/^(same|different): /, '')}`,
  ];
  const indent = (text: string) => text.split('\n').map((l) => `    ${l}`);
  for (const side of [report.original, report.candidate]) {
    const which = side === report.original ? 'original ' : 'candidate';
    if (!side.built) {
      lines.push(
        `  ${which} ${side.dockerfile}: the build failed (${side.buildSeconds} s); its last lines:`,
        ...indent(lastLinesOf(side.buildLog, 12)),
      );
      continue;
    }
    const parts = [`${side.size === undefined ? 'size unknown' : formatBytes(side.size)}`];
    if (side.base)
      parts.push(
        `base ${side.base}${side.baseSize !== undefined ? ` ${formatBytes(side.baseSize)}` : ' (not in the engine)'}`,
      );
    if (side.layers) parts.push(`${side.layers.length} steps over the base add ${formatBytes(ownBytes(side.layers))}`);
    lines.push(`  ${which} ${side.dockerfile}: ${parts.join(', ')}; built in ${side.buildSeconds} s`);
  }
  const size = sizeText(report.original.size, report.candidate.size);
  if (size) lines.push(`  size      ${size}`);
  for (const d of report.config) {
    const show = (v: string | null) => (v === null ? '(none)' : JSON.stringify(v));
    lines.push(
      `  ${d.matters ? 'config   ' : 'note     '} ${d.field}${d.key ? ` ${d.key}` : ''}: ${show(d.original)} -> ${show(d.candidate)} (${d.reason})`,
    );
  }
  if (report.entry) {
    const e = report.entry;
    const head = e.resolved
      ? `${e.resolved}${e.interpreter ? ` (interpreter ${e.interpreter})` : ''}`
      : (e.command ?? 'no command');
    const libs =
      e.method === 'none'
        ? ''
        : `; libraries by ${e.method}: ${e.libraries.length} found, ${e.missingLibraries.length} missing`;
    lines.push(`  entry     ${head}${libs}`);
    for (const p of e.problems) lines.push(`    problem: ${p}`);
    for (const n of e.notes) lines.push(`    ${n}`);
  }
  if (report.run) {
    const r = report.run;
    lines.push(`  run       ${r.readOnly ? 'read-only root' : `writable root (${r.readOnlyNote})`}, no network`);
    lines.push(`    original:  ${runText(r.original)}`, `    candidate: ${runText(r.candidate)}`);
    for (const d of r.differences) lines.push(`    differs: ${d}`);
  }
  lines.push(
    `  ${report.builder ? `${report.builder} builder, ` : ''}${Math.round(report.seconds)} s; containers and images verify created were removed`,
  );
  return `${lines.join('\n')}\n`;
}

function runText(
  r: VerifyReport['run'] extends infer R ? (R extends { original: infer O } ? O : never) : never,
): string {
  if (r.state === 'not-started') return `did not start: ${r.stderr}`;
  if (r.state === 'exited') return `exited ${r.exitCode} after ${r.seconds} s, ${r.stdout.length} bytes of stdout`;
  const http = r.http
    ? r.http.status !== undefined
      ? `; GET / on ${r.http.port}: ${r.http.status}, ${(r.http.body ?? '').length} bytes (${r.http.client})`
      : `; GET / on ${r.http.port}: ${r.http.error}`
    : '';
  return `still up after ${r.seconds} s${http}`;
}

function lastLinesOf(text: string, count: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}
