import { MOUNT_OPTIONS, flagDoc, instructionDoc, referenceLink } from '../knowledge/instructions';
import { code } from './markdown';

/** Hover for an instruction keyword: usage, what it does, link to Docker's reference. */
export function keywordHover(keyword: string): string | null {
  const doc = instructionDoc(keyword);
  if (!doc) return null;
  return [
    `**${doc.keyword}**`,
    '```dockerfile\n' + doc.syntax + '\n```',
    doc.summary,
    `[Dockerfile reference: ${doc.keyword}](${referenceLink(doc.anchor)})`,
  ].join('\n\n');
}

/** Hover for a flag of an instruction, e.g. `--from` of COPY. */
export function flagHover(keyword: string, flag: string): string | null {
  const doc = flagDoc(keyword, flag);
  if (!doc) return null;
  const usage = doc.value ? `--${doc.name}=${doc.value}` : `--${doc.name}`;
  return [
    `**${code(usage)}** (${keyword.toUpperCase()})`,
    doc.summary,
    `[Dockerfile reference](${referenceLink(doc.anchor)})`,
  ].join('\n\n');
}

/** Hover for an option inside `RUN --mount=...`. */
export function mountOptionHover(option: string): string | null {
  const doc = MOUNT_OPTIONS.find((o) => o.name === option.toLowerCase());
  if (!doc) return null;
  const types = doc.types.length > 0 ? ` (for ${doc.types.map(code).join(', ')})` : '';
  return [
    `**${code(doc.name)}** option of ${code('RUN --mount')}${types}`,
    doc.summary,
    `[Dockerfile reference](${referenceLink('run---mount')})`,
  ].join('\n\n');
}
