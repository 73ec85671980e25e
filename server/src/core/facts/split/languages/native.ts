import * as path from 'node:path/posix';
import { libraryDistroOf, runtimeLibraries } from '../../../knowledge/runtime-libraries';
import { COMPILED_LANGUAGES } from '../../../knowledge/toolchains';
import type { StageFacts } from '../../stage-facts';
import { programPath, TOOLCHAIN_PROGRAMS } from './common';
import { decline, planned, type Artifact, type PlanContext, type PlanOutcome } from './types';

/** Artifacts of the compiling builds, followed through later `mv` and `cp`. */
export function nativeArtifacts(facts: StageFacts): {
  artifacts: string[];
  directories: string[];
  reasons: string[];
  linkage: 'static' | 'dynamic' | undefined;
} {
  let artifacts: string[] = [];
  const directories: string[] = [];
  const reasons: string[] = [];
  let linkage: 'static' | 'dynamic' | undefined;
  const applyMoves = (upTo: number) => {
    for (const m of facts.moves.filter((x) => x.afterBuilds === upTo)) {
      for (const src of m.sources) {
        if (!artifacts.includes(src)) continue;
        const dest = m.destIsDir ? path.join(m.dest, path.basename(src)) : m.dest;
        if (m.op === 'mv') artifacts = artifacts.map((a) => (a === src ? dest : a));
        else artifacts.push(dest);
      }
    }
  };
  facts.builds.forEach((step, i) => {
    applyMoves(i);
    if (!COMPILED_LANGUAGES.includes(step.row.language)) return;
    artifacts.push(...step.output.artifacts);
    if (step.output.artifacts.length === 0 && step.output.directory && step.row.id === 'go install')
      directories.push(step.output.directory);
    if (step.output.unknown) reasons.push(step.output.unknown);
    if (step.output.linkage === 'static') linkage = linkage ?? 'static';
    if (step.output.linkage === 'dynamic') linkage = 'dynamic';
  });
  applyMoves(facts.builds.length);
  return { artifacts: [...new Set(artifacts)], directories, reasons, linkage };
}

/** Prefixes that `make install` and `cmake --install` put programs under, in build order. */
function installPrefixes(facts: StageFacts): string[] {
  const out: string[] = [];
  for (const step of facts.builds) {
    if (step.row.id === 'make install') {
      const destdir = step.command.words.find((w) => w.startsWith('DESTDIR='))?.slice('DESTDIR='.length) ?? '';
      const makefile =
        facts.readImageFile(path.join(step.cwd, 'Makefile')) ?? facts.readImageFile(path.join(step.cwd, 'makefile'));
      const declared = makefile ? /^\s*PREFIX\s*[?:]?=\s*(\S+)/m.exec(makefile)?.[1] : undefined;
      const prefix = step.output.installPrefix ?? (declared?.startsWith('/') ? declared : '/usr/local');
      out.push(path.join(destdir || '/', prefix));
    }
    if (step.row.id === 'cmake --build' && step.command.words.includes('--install')) {
      const i = step.command.words.findIndex((w) => w === '--prefix' || w.startsWith('--prefix='));
      const value =
        i < 0
          ? (facts.env.get('CMAKE_INSTALL_PREFIX') ?? '/usr/local')
          : step.command.words[i]!.includes('=')
            ? step.command.words[i]!.split('=')[1]!
            : (step.command.words[i + 1] ?? '/usr/local');
      out.push(path.isAbsolute(value) ? value : path.join(step.cwd, value));
    }
  }
  return out;
}

/** Shared libraries of the project that `make install` puts under <prefix>/lib (read from the Makefile's install recipe). */
function installedLibraries(facts: StageFacts): string[] {
  const out: string[] = [];
  for (const step of facts.builds) {
    if (step.row.id !== 'make install') continue;
    const makefile =
      facts.readImageFile(path.join(step.cwd, 'Makefile')) ?? facts.readImageFile(path.join(step.cwd, 'makefile'));
    const recipe = makefile ? (/^install\s*:[^\n]*\n((?:\t[^\n]*\n?)*)/m.exec(makefile)?.[1] ?? '') : '';
    const prefix = installPrefixes(facts)[0] ?? '/usr/local';
    const copies = recipe
      .split('\n')
      .filter((l) => /^\t\s*[@-]?\s*(install|cp)\s/.test(l))
      .join('\n');
    for (const m of copies.matchAll(/(?:^|[\s/])(lib[\w+-]+\.so(?:\.\d+)*)(?=\s|$)/gm)) {
      const file = path.join(prefix, 'lib', m[1]!);
      if (!out.includes(file)) out.push(file);
    }
  }
  return out;
}

/** A program the container runs by name, found on PATH where an install step put it. */
function installedOnPath(facts: StageFacts, name: string): string[] {
  if (TOOLCHAIN_PROGRAMS.has(name)) return [];
  const pathDirs = (facts.env.get('PATH') ?? '').split(':').filter(Boolean);
  for (const prefix of installPrefixes(facts).reverse()) {
    const bin = path.join(prefix, 'bin');
    if (!pathDirs.includes(bin) && prefix !== '/usr/local' && prefix !== '/usr') continue;
    // A prefix of its own (/opt/tool) is the program's whole install: data, libraries and all.
    if (!SHARED_PREFIXES.has(prefix)) return [prefix];
    const out = [path.join(bin, name)];
    // Other programs the install recipe puts in bin (a multi-call binary behind its links), and the
    // project's data folders under share/.
    for (const text of installTexts(facts)) {
      for (const line of text.split('\n')) {
        const m = /^\t\s*[@-]?\s*install\s.*\/bin(\/[\w.+-]*)?\s*$/.exec(line);
        if (m) {
          const all = line.trim().split(/\s+/);
          const named =
            m[1] && m[1] !== '/'
              ? [m[1].slice(1)]
              : all.slice(1, -1).filter((w) => !w.startsWith('-') && !w.includes('$') && !/^0?[0-7]{3}$/.test(w));
          for (const w of named)
            if (!out.includes(path.join(bin, path.basename(w)))) out.push(path.join(bin, path.basename(w)));
        }
      }
      for (const m of text.matchAll(/(?:\$\{CMAKE_INSTALL_DATADIR\}|\bshare)\/([A-Za-z][\w.-]*)/g)) {
        const dir = path.join(prefix, 'share', m[1]!);
        if (!out.includes(dir)) out.push(dir);
      }
    }
    return out;
  }
  return [];
}

/** Whether a COPY from the build context put this file in the image. */
function copiedFromContext(facts: StageFacts, file: string): boolean {
  return facts.copies.some((c) => {
    if (c.source === '.')
      return c.dest === path.dirname(file) && (facts.listContext('.') ?? []).includes(path.basename(file));
    return c.intoDirectory ? path.join(c.dest, path.basename(c.source)) === file : c.dest === file;
  });
}

/** Install prefixes shared with the rest of the system: a program's files there are picked one by one. */
const SHARED_PREFIXES = new Set(['/', '/usr', '/usr/local']);

/** The Makefiles and CMakeLists.txt of the folders install steps ran in. */
function installTexts(facts: StageFacts): string[] {
  const out: string[] = [];
  for (const step of facts.builds) {
    if (
      step.row.id !== 'make install' &&
      !(step.row.id === 'cmake --build' && step.command.words.includes('--install'))
    )
      continue;
    const dirs = [step.cwd, path.dirname(step.cwd)];
    for (const dir of dirs) {
      for (const name of ['Makefile', 'makefile', 'CMakeLists.txt']) {
        const text = facts.readImageFile(path.join(dir, name));
        if (text && !out.includes(text)) out.push(text);
      }
    }
  }
  return out;
}

/** Libraries a native build links beyond glibc (`-lsqlite3`, Rust's `#[link(name = "z")]`), as Debian runtime packages. */
function linkedLibraryPackages(facts: StageFacts, distro: import('../../../knowledge/distros').Distro): string[] {
  const names = new Set<string>();
  for (const step of facts.builds) {
    for (const w of step.command.words) {
      const m = /^-l([\w+.-]+)$/.exec(w);
      if (m) names.add(m[1]!);
    }
    if (step.row.language === 'rust') {
      for (const file of ['build.rs', 'src/main.rs', 'src/lib.rs']) {
        const text = facts.readImageFile(path.join(step.cwd, file)) ?? '';
        for (const m of text.matchAll(/#\[link\(name\s*=\s*"([\w+.-]+)"|rustc-link-lib=(?:dylib=)?([\w+.-]+)/g))
          names.add(m[1] ?? m[2]!);
      }
    }
  }
  for (const k of ['LDFLAGS', 'LDLIBS', 'LIBS'])
    for (const m of (facts.env.get(k) ?? '').matchAll(/-l([\w+.-]+)/g)) names.add(m[1]!);
  const target = libraryDistroOf(distro) ?? { family: 'debian' as const, release: null };
  const out: string[] = [];
  for (const name of names) {
    if (BASE_LIBS.has(name)) continue;
    const dev = name === 'crypto' ? 'libssl-dev' : `lib${name.replace(/_/g, '-')}-dev`;
    for (const p of runtimeLibraries(dev, target) ?? [])
      if (!out.includes(p) && !/^(libc6|libstdc\+\+6|libgcc-s1)$/.test(p)) out.push(p);
  }
  return out;
}

/** Libraries glibc-based runtimes (distroless base/cc) have. */
const BASE_LIBS = new Set(['c', 'm', 'pthread', 'dl', 'rt', 'util', 'resolv', 'stdc++', 'gcc_s', 'gcc', 'atomic']);

/** What a dynamically linked C/C++ program needs beyond glibc: libstdc++, other libraries. */
function nativeNeeds(facts: StageFacts): { cxx: boolean; extraLibs: boolean } {
  const texts: string[] = [];
  for (const step of facts.builds) {
    texts.push(step.command.words.join(' '));
    for (const name of ['Makefile', 'makefile', 'CMakeLists.txt']) {
      const content = facts.readImageFile(path.join(step.cwd, name));
      if (content) texts.push(content);
    }
  }
  for (const k of ['LDFLAGS', 'LDLIBS', 'LIBS']) {
    const v = facts.env.get(k);
    if (v) texts.push(v);
  }
  const all = texts.join('\n');
  const libs = [...all.matchAll(/(?:^|[\s"'])-l([\w+.-]+)/g)].map((m) => m[1]!);
  const cmakeLibs =
    /find_package\s*\(|pkg_check_modules|target_link_libraries\s*\([^)]*\b(?!PRIVATE|PUBLIC|INTERFACE)[A-Za-z]+::/.test(
      all,
    );
  const devPackages = facts.installs.some((i) =>
    i.packages.some((p) => /-dev(el)?$/.test(p) && !/^(libc6|libc|musl|linux-libc|libstdc\+\+.*)-dev$/.test(p)),
  );
  const extraLibs = libs.some((l) => !BASE_LIBS.has(l)) || cmakeLibs || devPackages;
  const cxx =
    facts.builds.some(
      (b) => /^(g\+\+|c\+\+|clang\+\+)/.test(path.basename(b.command.words[0] ?? '')) || b.row.id === 'cmake --build',
    ) || /\bCXX\b|g\+\+|\.cpp\b|\.cc\b|\.cxx\b/.test(all);
  return { cxx, extraLibs };
}

/** Native TLS in a Rust program: Cargo.lock names openssl-sys (reqwest's default, native-tls). */
function rustNativeTls(facts: StageFacts): boolean {
  for (const step of facts.builds) {
    if (step.row.language !== 'rust') continue;
    const lock = facts.readImageFile(path.join(step.cwd, 'Cargo.lock')) ?? '';
    const toml = facts.readImageFile(path.join(step.cwd, 'Cargo.toml')) ?? '';
    if (/name = "openssl-sys"/.test(lock) || /^\s*(openssl|native-tls)\s*=/m.test(toml)) return true;
  }
  return false;
}

/** Go, Rust and C/C++: the program files the build leaves, on a runtime matched to their linkage. */
export function planNative(context: PlanContext, language: 'go' | 'rust' | 'c'): PlanOutcome {
  const { facts, contract } = context;
  const native = nativeArtifacts(facts);
  const files = [...native.artifacts];
  const programFile = programPath(facts);
  const entry = contract.entry;
  const covered = (p: string) =>
    files.some((f) => f === p || p.startsWith(f + '/') || path.basename(f) === path.basename(p));
  if (programFile && !covered(programFile)) files.push(programFile);
  const artifacts: Artifact[] = [];
  // `go install ./cmd/...`: one binary per main package in GOBIN; the whole folder goes on PATH.
  const usedByPath = (dir: string) => [entry.program ?? '', ...facts.command.words].some((w) => w.startsWith(dir));
  for (const dir of native.directories) {
    const d = dir.replace(/\/$/, '');
    artifacts.push({ source: d, dest: usedByPath(d) ? d : '/usr/local/bin' });
  }
  if (
    entry.kind === 'path' &&
    entry.program &&
    !files.some((f) => path.basename(f) === entry.program) &&
    native.directories.length === 0
  ) {
    // A link RUN made onto PATH into an install tree (`ln -s /opt/tool/usr/bin/tool /usr/local/bin/`):
    // the tree it points into goes whole; the link travels with the prepared state.
    const pathDirs = (facts.env.get('PATH') ?? '').split(':').filter(Boolean);
    const onPath = facts.prepared.links.find(
      (l) =>
        path.basename(l.link) === entry.program && pathDirs.includes(path.dirname(l.link)) && l.target.startsWith('/'),
    );
    if (onPath) {
      const prefix = installPrefixes(facts).find((p) => onPath.target.startsWith(p + '/'));
      const tree = prefix ?? onPath.target;
      if (!files.includes(tree)) files.push(tree);
    }
    // A link RUN made (onto a multi-call binary) is carried as a link with the prepared state.
    const links = new Set(facts.prepared.links.map((l) => l.link));
    for (const installed of installedOnPath(facts, entry.program))
      if (!files.includes(installed) && !links.has(installed)) files.push(installed);
  }
  // The project's own shared libraries: copied beside the program, found again through ldconfig.
  const libraries = entry.kind === 'path' ? installedLibraries(facts) : [];
  files.push(...libraries);
  if (files.length === 0 && artifacts.length === 0) {
    const why = native.reasons[0] ?? 'the build commands name no output file';
    return decline(
      `no artifact found: ${why}${entry.kind === 'none' ? ', and there is no CMD or ENTRYPOINT naming the program' : ''}`,
    );
  }
  // A program copied in from the build context (a start script) while a build installed things
  // nobody can list (`make install` of an interpreter, a server module): the script runs what was
  // installed, and a runtime with the script alone would lack it.
  if (
    native.reasons.length > 0 &&
    native.artifacts.length === 0 &&
    native.directories.length === 0 &&
    files.every((f) => copiedFromContext(facts, f))
  )
    return decline(
      `${native.reasons[0]}, and the program the container starts (${entry.program ?? files[0]}) is a file of the build context, not what the build made: what it uses of the build cannot be told`,
    );
  // A binary the container finds through PATH lands where every runtime's PATH looks.
  for (const f of files) {
    const onToolchainPath = /^\/(go|usr\/local\/cargo|root\/\.cargo)\/bin\//.test(f) && !usedByPath(path.dirname(f));
    artifacts.push({ source: f, dest: onToolchainPath ? `/usr/local/bin/${path.basename(f)}` : f });
  }
  const musl = context.builder.distro.family === 'alpine' && language === 'rust';
  const linkage = musl ? 'static' : native.linkage;
  const packages: string[] = [];
  let profile: import('../../../knowledge/runtimes').RuntimeProfile;
  if (linkage === 'static') profile = language === 'c' ? 'static-c' : 'static-binary';
  else if (language === 'go') profile = 'go-dynamic';
  else {
    const needs = nativeNeeds(facts);
    const tls = language === 'rust' && rustNativeTls(facts);
    if (context.builder.distro.family !== 'alpine')
      packages.push(...linkedLibraryPackages(facts, context.builder.distro));
    if (tls)
      packages.push(
        ...(runtimeLibraries(
          'libssl-dev',
          libraryDistroOf(context.builder.distro) ?? { family: 'debian', release: null },
        ) ?? ['libssl3']),
        'ca-certificates',
      );
    profile =
      needs.extraLibs || tls || packages.length > 0
        ? 'glibc-libs'
        : language === 'rust' || needs.cxx
          ? 'glibc-cxx'
          : 'glibc-c';
  }
  if (libraries.length > 0 && profile !== 'static-c' && profile !== 'static-binary') profile = 'glibc-libs';
  return planned({ profile, artifacts, packages, ldconfig: libraries.length > 0 });
}
