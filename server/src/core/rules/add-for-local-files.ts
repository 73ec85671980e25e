import { copyArguments } from '../model/queries';
import { instructionRule, type Rule } from './types';

/** Names ADD would read as an archive it may unpack (BuildKit tells by content; the name shows the intent). */
const ARCHIVE = /\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tlz|tzst|gz|bz2|xz|lz|lzma|zst|z)$/i;
/** A URL (http, https, git) or a git remote in scp form: ADD downloads it. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:)/i;
/** Flags COPY takes as well; any other (`--checksum`, `--keep-git-dir`, `--unpack`) only ADD knows. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

/**
 * Whether ADD does with this source exactly what COPY does: a local file or folder that is not an
 * archive, nor a name that may turn out to be one (a variable, a glob without a telling extension).
 */
function plainLocal(source: string): boolean {
  if (source.startsWith('<<')) return true; // a heredoc
  if (source.includes('$') || REMOTE.test(source) || ARCHIVE.test(source)) return false;
  const last = source.replace(/\/+$/, '').split('/').pop() ?? '';
  if (/[*?[]/.test(last)) {
    const extension = /\.([A-Za-z0-9]+)$/.exec(last)?.[1];
    return extension !== undefined && !/[*?[]/.test(extension);
  }
  return true;
}

export const addForLocalFiles: Rule = instructionRule({
  meta: {
    id: 'add-for-local-files',
    severity: 'warning',
    title: 'ADD copies local files that COPY would copy the same way',
    fixTitle: 'Replace ADD with COPY',
    peers: { hadolint: ['DL3020'] },
    docs: {
      what: 'Flags `ADD` whose sources are all local files or folders of the build context (or a heredoc): no URL, no git repository, no archive that ADD would unpack.',
      why: 'ADD also downloads URLs and unpacks local tar archives. Used for plain files it does exactly what COPY does, but a reader has to check each source to know whether something is fetched or unpacked, and renaming a file to `.tar.gz` later silently changes what lands in the image. COPY says it only copies. Keep ADD for what only it does; this rule stays silent on a source that may be an archive or remote (a variable included).',
      example:
        'FROM python:3.12-slim\nWORKDIR /app\nADD requirements.txt ./\nUSER nobody\nCMD ["python", "-m", "http.server"]\n',
      better:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nUSER nobody\nCMD ["python", "-m", "http.server"]\n',
    },
  },
  keywords: ['ADD'],
  checkInstruction(instruction, { report }) {
    const args = copyArguments(instruction);
    if (!args?.sources.every(plainLocal)) return;
    const safe = instruction.flags.every((f) => COPY_FLAGS.has(f.name.toLowerCase()));
    const replacement = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'copy' : 'COPY';
    report({
      range: instruction.keywordRange,
      message: `ADD of ${args.sources.length === 1 ? `'${args.sources[0]}'` : 'local files'} copies it as COPY would: use COPY, and keep ADD for URLs and archives to unpack.`,
      ...(safe ? { data: { replacement } } : {}),
    });
  },
});
