// Markdown tables of the engine run: sizes and ratios per app, and build times.
import type { AppSpec } from './apps.js';
import type { AppReport } from './harness.js';

const mb = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(1)} MB`);

export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

const fmtRatio = (r: number | undefined): string =>
  r === undefined ? 'n/a' : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}x`;

export function targetText(target: AppSpec['target']): string {
  if (target.min !== undefined) return `>= ${target.min}x`;
  if (target.about !== undefined) return `~ ${target.about}x`;
  return '';
}

/** Whether the hand split reaches its target: at least `min`, or within 35% of `about`. */
export function meetsTarget(target: AppSpec['target'], r: number | undefined): boolean | undefined {
  if (r === undefined) return undefined;
  if (target.min !== undefined) return r >= target.min;
  if (target.about !== undefined) return Math.abs(r - target.about) / target.about <= 0.35;
  return undefined;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function matchedText(r: AppReport): string {
  if (r.splitUnavailable) return 'not run (CLI missing)';
  if (r.app.expect === 'decline') {
    if (r.splitProblems.length === 0) return r.decline ? 'declined, as expected' : 'decline expected (CLI not run)';
    const first = r.splitProblems[0]!.split('\n')[0]!;
    return `**no**: ${first.length > 90 ? `${first.slice(0, 87)}...` : first}`;
  }
  if (r.splitProblems.length === 0) return 'yes';
  const first = r.splitProblems[0]!.split('\n')[0]!;
  return `**no**: ${first.length > 90 ? `${first.slice(0, 87)}...` : first}`;
}

export function sizeTable(reports: readonly AppReport[]): string {
  const rows = [
    '| app | original | split | hand split | original/split | original/hand | hand target | output matched |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of reports) {
    if (r.app.expect === 'decline') {
      const original = r.original.skipped ? 'not built' : mb(r.original.size);
      const handNote = r.handProblems.length > 0 ? ' (original **fails**)' : '';
      rows.push(`| ${r.app.name} | ${original}${handNote} | - | - | - | - | decline | ${cell(matchedText(r))} |`);
      continue;
    }
    const hr = ratio(r.original.size, r.hand.size);
    const meets = meetsTarget(r.app.target, hr);
    const target = targetText(r.app.target);
    const targetCell =
      target === '' ? '' : `${target} ${meets === undefined ? '' : meets ? '(met)' : '(**missed**)'}`.trim();
    const handNote = r.handProblems.length > 0 ? ' (hand split **differs**)' : '';
    rows.push(
      `| ${r.app.name} | ${mb(r.original.size)} | ${mb(r.split.size)} | ${mb(r.hand.size)}${handNote} | ` +
        `${fmtRatio(ratio(r.original.size, r.split.size))} | ${fmtRatio(hr)} | ${targetCell} | ${cell(matchedText(r))} |`,
    );
  }
  return rows.join('\n');
}

const secs = (s: number | undefined): string => (s === undefined ? 'n/a' : `${s.toFixed(1)} s`);

export function timeTable(reports: readonly AppReport[]): string {
  const rows = ['| app | original build | split build | hand build |', '| --- | ---: | ---: | ---: |'];
  for (const r of reports) {
    rows.push(
      `| ${r.app.name} | ${secs(r.original.buildSeconds)} | ${secs(r.split.buildSeconds)} | ${secs(r.hand.buildSeconds)} |`,
    );
  }
  return rows.join('\n');
}

export function problemsText(reports: readonly AppReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const fixture = r.app.expect === 'decline' ? 'app' : 'hand split';
    for (const p of r.handProblems) out.push(`- ${r.app.name} (${fixture}): ${p.replace(/\n/g, '\n  ')}`);
    if (!r.splitUnavailable) for (const p of r.splitProblems) out.push(`- ${r.app.name}: ${p.replace(/\n/g, '\n  ')}`);
  }
  return out.join('\n');
}
