/**
 * Which platform a stage's image runs on, as the Dockerfile shows it. Linux is the default; a stage
 * is a Windows one when its base image is a Windows image (knowledge/windows-images.ts), when the
 * file escapes with a backtick (`# escape=`` `: Windows paths are full of backslashes), when its
 * SHELL is PowerShell or cmd, or when its WORKDIR, VOLUME, COPY destinations, a PATH set by ENV or RUNs
 * use Windows paths or PowerShell, or its ENTRYPOINT or CMD (exec form) starts an `.exe`. A stage built FROM a Windows stage is one too (stage-facts.ts follows the parent).
 */
import type { DockerfileModel, Instruction, Stage } from '../model';
import { jsonWords } from '../model/queries';
import { WINDOWS_IMAGE_NAMES, WINDOWS_PATH, WINDOWS_SHELLS, WINDOWS_TAGS } from '../knowledge/windows-images';
import { SINGLE_PLATFORM_IMAGES } from '../knowledge/single-platform-images';
import { resolveIn } from '../syntax/paths';
import { unquote } from '../syntax/words';

/** The root a Windows image's paths start from. */
export const WINDOWS_ROOT = 'C:\\';

/** Whether an image reference (as written, registry included) names a Windows image. */
export function isWindowsImage(raw: string): boolean {
  const lower = raw.toLowerCase();
  const withoutDigest = lower.split('@')[0]!;
  const colon = withoutDigest.lastIndexOf(':');
  const slash = withoutDigest.lastIndexOf('/');
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : '';
  const repository = name.replace(/^[^/]*[.:][^/]*\//, '');
  return WINDOWS_IMAGE_NAMES.some((p) => p.test(repository)) || (tag !== '' && WINDOWS_TAGS.test(tag));
}

/**
 * The one platform an image is published for (`arm64v8/alpine`: linux/arm64), or null for an image
 * built for several or not known. The reference may hold variables in its tag.
 */
export function onlyPlatformOf(raw: string): string | null {
  const lower = raw.toLowerCase().split('@')[0]!;
  const colon = lower.lastIndexOf(':');
  const name = colon > lower.lastIndexOf('/') ? lower.slice(0, colon) : lower;
  const repository = name.replace(/^[^/]*[.:][^/]*\//, '');
  return SINGLE_PLATFORM_IMAGES.find((i) => i.repository.test(repository))?.platform ?? null;
}

/** A platform written as `os/arch[/variant]`, with arm64's default variant left out. */
export function normalizePlatform(platform: string): string {
  return platform.toLowerCase().replace(/^linux\/arm64\/v8$/, 'linux/arm64');
}

/** What shows an instruction to be written for Windows, or null. */
function windowsInstruction(instruction: Instruction): string | null {
  switch (instruction.keyword) {
    case 'SHELL': {
      const program = (jsonWords(instruction)?.[0] ?? '').split(/[\\/]/).pop() ?? '';
      return WINDOWS_SHELLS.test(program) ? `SHELL runs ${program}` : null;
    }
    case 'WORKDIR':
      return WINDOWS_PATH.test(unquote(instruction.argsText.trim())) ? 'WORKDIR is a Windows path' : null;
    case 'VOLUME': {
      const words = jsonWords(instruction) ?? instruction.args.map((a) => a.value);
      return words.some((w) => WINDOWS_PATH.test(unquote(w))) ? 'VOLUME is a Windows path' : null;
    }
    case 'COPY':
    case 'ADD': {
      const words = jsonWords(instruction) ?? instruction.args.map((a) => a.value);
      const dest = unquote(words[words.length - 1] ?? '');
      return words.length >= 2 && WINDOWS_PATH.test(dest) ? `${instruction.keyword} copies to a Windows path` : null;
    }
    case 'ENV': {
      // `ENV PATH="C:\Windows\system32;C:\Windows"`: a search path of Windows folders. (Other
      // settings are left alone: Wine images on Linux hold Windows paths in WINEPATH and the like.)
      // Read from the text as written: the parsed words have their backslashes taken as escapes.
      const text = instruction.argsText.trim();
      const legacy = /^PATH\s/i.test(text);
      const setting = /(?:^|\s)PATH=(?:"([^"]*)"|'([^']*)'|(\S*))/i.exec(text);
      const value = legacy
        ? unquote(text.slice(4).trim())
        : setting
          ? (setting[1] ?? setting[2] ?? setting[3] ?? '')
          : '';
      return value.split(';').some((part) => WINDOWS_PATH.test(part.trim()))
        ? 'ENV sets a PATH of Windows folders'
        : null;
    }
    case 'ENTRYPOINT':
    case 'CMD': {
      const program = (jsonWords(instruction)?.[0] ?? '').split(/[\\/]/).pop() ?? '';
      return /\.exe$/i.test(program) ? `${instruction.keyword} starts ${program}` : null;
    }
    case 'RUN': {
      const first = (jsonWords(instruction)?.[0] ?? instruction.argsText.trim().split(/\s+/)[0] ?? '')
        .split(/[\\/]/)
        .pop();
      return first && /^(powershell|pwsh)(\.exe)?$/i.test(first) ? 'RUN starts PowerShell' : null;
    }
    default:
      return null;
  }
}

/**
 * Why a stage is a Windows one (its own evidence: the base image, the escape character, its
 * instructions), or null for a Linux stage or one pinned to another system than Windows. The parent
 * stage's platform is the caller's to follow.
 */
export function windowsPlatform(model: DockerfileModel, stage: Stage): string | null {
  // A stage pinned to another system is built for it, whatever its image is called
  // (`FROM --platform=linux/amd64 …/windows-servercore-cache:1.0-linux-amd64` holds Windows' files
  // for a Linux stage to copy).
  const pinned = stage.platform?.value?.toLowerCase();
  if (pinned && !pinned.includes('$') && /^[a-z]+\//.test(pinned) && !pinned.startsWith('windows/')) return null;
  if (stage.base.kind === 'image' && isWindowsImage(stage.base.image.raw))
    return `${stage.base.image.raw} is a Windows image`;
  if (model.escapeChar === '`') return 'the file escapes with a backtick, as Windows Dockerfiles do';
  for (const instruction of stage.instructions) {
    const why = windowsInstruction(instruction);
    if (why) return why;
  }
  return null;
}

/** Windows' rules for a path inside the image: drive letters, either slash, case kept as written. */
export function resolveWindowsPath(dir: string, p: string): string {
  const drive = /^([A-Za-z]:)/.exec(dir)?.[1] ?? 'C:';
  let full: string;
  if (/^[A-Za-z]:[\\/]/.test(p)) full = p;
  else if (/^[A-Za-z]:$/.test(p)) full = `${p}\\`;
  else if (p.startsWith('\\') || p.startsWith('/')) full = `${drive}${p}`;
  else full = `${dir}\\${p}`;
  const [head, ...rest] = full.split(/[\\/]+/);
  const parts: string[] = [];
  for (const part of rest) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${head!.toUpperCase()}\\${parts.join('\\')}`;
}

/** Resolves a path written in a stage against an absolute image directory, by the platform's rules. */
export function imagePathResolver(windows: boolean): (dir: string, p: string) => string {
  return windows ? resolveWindowsPath : resolveIn;
}
