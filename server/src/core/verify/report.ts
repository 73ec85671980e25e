/**
 * The run comparison and the verdict: what two runs of the images did, compared the way a user would
 * judge them (exit code and stdout of a program that exits; still up, and the same answer to `GET /`,
 * for one that keeps running), and the verdict drawn from the configuration, the entry check and the runs.
 */
import type {
  ConfigDifference,
  EntryCheck,
  ImageSide,
  RunComparison,
  RunObservation,
  VerifyReport,
  VerifyVerdict,
} from '../../../../shared/verify-data';

/** How the candidate's run differs from the original's, in words; empty when they agree. */
export function compareRuns(original: RunObservation, candidate: RunObservation): string[] {
  const out: string[] = [];
  if (candidate.state === 'not-started') return [`the candidate did not start${tailOf(candidate.stderr)}`];
  if (original.state === 'exited') {
    if (candidate.state === 'running') {
      return [
        `the original exited with ${original.exitCode} after ${secs(original.seconds)}; the candidate was still running after ${secs(candidate.seconds)}`,
      ];
    }
    if (original.exitCode !== candidate.exitCode) {
      out.push(`exit code ${candidate.exitCode}, the original's ${original.exitCode}${tailOf(candidate.stderr)}`);
    }
    if (original.stdout !== candidate.stdout)
      out.push(`stdout differs: ${firstDifference(original.stdout, candidate.stdout)}`);
    return out;
  }
  if (original.state === 'running') {
    if (candidate.state === 'exited') {
      return [
        `the candidate exited with ${candidate.exitCode} after ${secs(candidate.seconds)}; the original was still up after ${secs(original.seconds)}${tailOf(candidate.stderr)}`,
      ];
    }
    const a = original.http;
    const b = candidate.http;
    if (a && a.status !== undefined) {
      if (!b || b.status === undefined)
        out.push(
          `GET / on port ${a.port}: the original answered ${a.status}, the candidate did not answer${b?.error ? ` (${b.error})` : ''}`,
        );
      else if (a.status !== b.status)
        out.push(`GET / on port ${a.port}: status ${b.status}, the original's ${a.status}`);
      else if ((a.body ?? '') !== (b.body ?? ''))
        out.push(`GET / on port ${a.port}: the body differs: ${firstDifference(a.body ?? '', b.body ?? '')}`);
    }
  }
  return out;
}

function secs(seconds: number): string {
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

function tailOf(stderr: string): string {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.length > 0 ? ` (stderr: ${lines.slice(-2).join(' / ')})` : '';
}

/** The first line where two texts differ, both versions quoted. */
export function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      const show = (s: string | undefined) =>
        s === undefined ? 'nothing' : JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s);
      return `line ${i + 1} is ${show(bl[i])}, the original's ${show(al[i])}`;
    }
  }
  return 'only in whitespace';
}

export interface ReportParts {
  original: ImageSide;
  candidate: ImageSide;
  config: ConfigDifference[];
  entry?: EntryCheck;
  run?: RunComparison;
  builder?: string;
  seconds: number;
  /** Why the verification stopped before an answer (the engine went away, the run could not be made). */
  failure?: string;
}

/** Puts the parts together and draws the verdict with a one-line summary. */
export function buildReport(parts: ReportParts): VerifyReport {
  const { verdict, summary } = verdictOf(parts);
  const report: VerifyReport = {
    verdict,
    summary,
    original: parts.original,
    candidate: parts.candidate,
    config: parts.config,
    seconds: parts.seconds,
  };
  if (parts.builder !== undefined) report.builder = parts.builder;
  if (parts.entry) report.entry = parts.entry;
  if (parts.run) report.run = parts.run;
  return report;
}

function verdictOf(parts: ReportParts): { verdict: VerifyVerdict; summary: string } {
  if (!parts.original.built)
    return { verdict: 'could-not-verify', summary: `the original (${parts.original.dockerfile}) does not build` };
  if (!parts.candidate.built)
    return { verdict: 'different', summary: `the candidate (${parts.candidate.dockerfile}) does not build` };
  if (parts.failure) return { verdict: 'could-not-verify', summary: parts.failure };
  if (parts.run?.original.state === 'not-started') {
    return { verdict: 'could-not-verify', summary: `the original does not start${tailOf(parts.run.original.stderr)}` };
  }
  const reasons: string[] = [];
  const config = parts.config.filter((d) => d.matters);
  if (config.length > 0) {
    reasons.push(
      `${config.length} configuration difference${config.length === 1 ? '' : 's'} (${[...new Set(config.map((d) => (d.key ? `${d.field} ${d.key}` : d.field)))].slice(0, 4).join(', ')})`,
    );
  }
  if (parts.entry && parts.entry.problems.length > 0) reasons.push(`the entry command: ${parts.entry.problems[0]}`);
  if (parts.run && parts.run.differences.length > 0) reasons.push(`the run: ${parts.run.differences[0]}`);
  const sizes = sizeText(parts.original.size, parts.candidate.size);
  if (reasons.length > 0) return { verdict: 'different', summary: `different: ${reasons.join('; ')}` };
  const checked = ['configuration', parts.entry ? 'entry command' : null, parts.run ? 'run' : null].filter(
    (x) => x !== null,
  );
  return { verdict: 'same', summary: `same: ${joinWords(checked as string[])} agree${sizes ? `; ${sizes}` : ''}` };
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** `880.3 MB -> 2.1 MB (419x smaller)` */
export function sizeText(original: number | undefined, candidate: number | undefined): string {
  if (original === undefined || candidate === undefined) return '';
  const ratio = candidate > 0 ? original / candidate : 0;
  const change =
    ratio >= 1.05
      ? ` (${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}x smaller)`
      : ratio > 0 && ratio < 0.95
        ? ' (larger)'
        : '';
  return `${formatBytes(original)} -> ${formatBytes(candidate)}${change}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}
