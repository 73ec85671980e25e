import * as path from 'node:path/posix';
import { distroOf } from '../../knowledge/distros';
import { libraryDistroOf, runtimeLibraries } from '../../knowledge/runtime-libraries';
import { resolveIn } from '../../syntax/paths';
import { expand } from '../../syntax/variables';
import { DATA_FILE, SOURCE_FILE, SOURCE_NAMES } from '../../knowledge/context-files';
import { isBuildPackage, programCall, programWords, type StageFacts } from '../stage-facts';
import { compilesAtRunTime, toolchainProduct } from '../toolchain-product';

/**
 * The runtime contract of a final stage: everything the image's process can observe that a split
 * must carry into the runtime stage, read from the Dockerfile and the files beside it. Where static
 * reading cannot tell, `unknown` says so and the split falls back to copying the app directory.
 */
export interface RuntimeContract {
  /** How the entry command resolves. */
  entry: EntryCommand;
  /** Files and directories of the build context the process may read at run time (image paths). */
  files: string[];
  /** What the contract could not establish; non-empty means "artifact only" is not safe. */
  unknown: string[];
  /** Runtime library packages implied by the -dev packages the stage installed, per manager. */
  libraries: { apt: string[]; apk: string[] };
  /** Why no split can keep the contract, or null. */
  decline: string | null;
}

export interface EntryCommand {
  /** The program word as written (after `sh -c`, `exec`, tini), or null without CMD/ENTRYPOINT. */
  program: string | null;
  /** `absolute`, `relative` (to WORKDIR), `path` (looked up on PATH), or `none`. */
  kind: 'absolute' | 'relative' | 'path' | 'none';
  /** The absolute path for absolute and relative programs. */
  resolved: string | null;
  /** Arguments after the program. */
  args: string[];
  /** Programs the entry command starts through, as written (`/usr/local/bin/dumb-init`, `tini`): the runtime needs them too. */
  wrappers: string[];
}

/** Whether a context entry (a name, `/` suffix for folders) is a source or repository file. */
export function isSourceEntry(name: string): boolean {
  const bare = name.replace(/\/$/, '');
  if (SOURCE_NAMES.has(bare) || SOURCE_NAMES.has(bare.replace(/\.(md|txt|rst)$/i, ''))) return true;
  return !name.endsWith('/') && SOURCE_FILE.test(bare);
}

/** How the entry command resolves. */
function entryOf(facts: StageFacts): EntryCommand {
  const { words, wrappers } = programCall(facts.command);
  const program = words[0] ?? null;
  if (!program) return { program: null, kind: 'none', resolved: null, args: [], wrappers };
  const args = words.slice(1);
  if (program.startsWith('/')) return { program, kind: 'absolute', resolved: resolveIn('/', program), args, wrappers };
  if (program.includes('/'))
    return {
      program,
      kind: 'relative',
      resolved: facts.workdir === null ? null : resolveIn(facts.workdir, program),
      args,
      wrappers,
    };
  return { program, kind: 'path', resolved: null, args, wrappers };
}

/** Where a context entry copied by COPY lands; folders' contents land in the destination. */
function landing(dest: string, intoDirectory: boolean, source: string, isDir: boolean): string {
  if (isDir) return dest;
  return intoDirectory ? path.join(dest, path.basename(source)) : dest;
}

/**
 * Image paths the stage's package installs read from (a copied package, a requirements file): build
 * inputs, whatever their names say, that the runtime gets as installed packages instead.
 */
function installSources(facts: StageFacts): string[] {
  const out: string[] = [];
  for (const step of facts.builds) {
    if (step.row.id !== 'pip install' && step.row.id !== 'npm install') continue;
    const words = step.command.words;
    const at = words.findIndex((w) => /^(install|ci|i|add)$/.test(w));
    for (const w of words.slice(at + 1)) {
      const value = w.startsWith('-') ? (w.includes('=') ? w.slice(w.indexOf('=') + 1) : '') : w;
      if (!value || !(value.startsWith('/') || value.startsWith('.'))) continue;
      out.push(resolveIn(step.cwd, value.replace(/\[[^\]]*\]$/, '')));
    }
  }
  return out;
}

/** Runtime files of the build context: explicit non-source copies, and what CMD and ENV name. */
function runtimeFiles(facts: StageFacts): { files: string[]; unknown: string[] } {
  const files: string[] = [];
  const unknown: string[] = [];
  const consumed = installSources(facts);
  const add = (p: string) => {
    if (consumed.some((c) => p === c || p.startsWith(c.replace(/\/$/, '') + '/'))) return;
    if (!files.includes(p)) files.push(p);
  };
  for (const copy of facts.copies) {
    if (/[*?[]/.test(copy.source)) {
      // `*.csproj`, `package*.json`, `src/*.go`: patterns of build inputs.
      const sample = copy.source.replace(/\[[^\]]*\]|[*?]/g, 'x');
      if (isSourceEntry(path.basename(sample)) || isSourceEntry(`${sample.split('/')[0]!}/`)) continue;
      unknown.push(`${copy.instruction.keyword} ${copy.source} copies files by pattern`);
      continue;
    }
    if (copy.source === '.') {
      const entries = facts.listImageDir(copy.dest);
      if (!entries) {
        unknown.push(
          `the whole build context is copied to ${copy.dest}, and it could not be listed to tell data from sources`,
        );
        continue;
      }
      for (const entry of entries) if (!isSourceEntry(entry)) add(path.join(copy.dest, entry.replace(/\/$/, '')));
      continue;
    }
    const name = path.basename(copy.source);
    const written =
      copy.instruction.args
        .map((x) => x.value)
        .find((x) => x.replace(/^(\.\/)+/, '').replace(/\/+$/, '') === copy.source) ?? '';
    const isDir = written.endsWith('/') || facts.listContext(copy.source) !== undefined;
    // A source folder (`internal/`) or file (`main.go`) of the build is not read at run time.
    if (isSourceEntry(isDir ? `${name}/` : name) || isSourceEntry(`${copy.source.split('/')[0]!}/`)) continue;
    add(landing(copy.dest, copy.intoDirectory, copy.source, isDir));
  }
  // Paths the command and the environment name, where they are files of the context.
  const words = [...programWords(facts.command).slice(1)];
  for (const name of facts.envNames) {
    const v = facts.env.get(name);
    if (v) words.push(v);
  }
  for (const raw of words) {
    const value = raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : raw;
    if (!value || value.startsWith('-') || facts.workdir === null) continue;
    for (const part of value.split(':')) {
      if (!(part.includes('/') || DATA_FILE.test(part)) || /^[a-z]+:\/\//.test(part)) continue;
      const p = resolveIn(facts.workdir, expand(part, facts.env) ?? part);
      if (files.some((f) => p === f || p.startsWith(f + '/'))) continue;
      if (facts.readImageFile(p) !== undefined || facts.listImageDir(p) !== undefined) add(p);
    }
  }
  return { files, unknown };
}

/** Runtime packages for the -dev packages the stage kept, from the distribution's own data. */
function libraries(facts: StageFacts): { apt: string[]; apk: string[] } {
  const distro = distroOf(facts.shortName ?? '', facts.image?.tag ?? null);
  const apt = new Set<string>();
  const apk = new Set<string>();
  for (const install of facts.installs) {
    if (install.manager === 'yum') continue;
    const family =
      install.manager === 'apk'
        ? { family: 'alpine' as const, release: distro.version }
        : (libraryDistroOf(distro) ?? { family: 'debian' as const, release: null });
    for (const pkg of install.packages) {
      if (!isBuildPackage(pkg)) continue;
      const libs = runtimeLibraries(pkg, family);
      for (const lib of libs ?? []) {
        if (/^(libc6|libstdc\+\+6|libgcc-s1|musl|libgcc|libstdc\+\+)$/.test(lib)) continue;
        (install.manager === 'apk' ? apk : apt).add(lib);
      }
    }
  }
  return { apt: [...apt], apk: [...apk] };
}

/** The contract of a final stage. */
export function runtimeContract(facts: StageFacts, documentPath?: string): RuntimeContract {
  let decline: string | null = null;
  if (facts.windows)
    decline =
      'Windows images are not split: the runtime stages it would offer are Linux images, and Windows paths and PowerShell do not carry over';
  const runtimeCompile = decline ? null : compilesAtRunTime(facts);
  if (runtimeCompile)
    decline = `the container compiles at run time (${runtimeCompile}), so its runtime needs the whole toolchain`;
  decline ??= toolchainProduct(facts, documentPath);
  const { files, unknown } = decline ? { files: [], unknown: [] } : runtimeFiles(facts);
  return { entry: entryOf(facts), files, unknown, libraries: libraries(facts), decline };
}
