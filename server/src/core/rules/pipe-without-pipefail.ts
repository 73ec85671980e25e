import * as path from 'node:path/posix';
import { runScript } from '../facts/run-script';
import { readRun } from '../facts/stage-facts';
import { isWindowsImage } from '../facts/platform';
import { imageDefaults } from '../facts/image-defaults';
import { distroOf } from '../knowledge/distros';
import { WINDOWS_SHELLS } from '../knowledge/windows-images';
import type { Instruction, Stage } from '../model';
import { shortImageName } from '../model/image';
import { copyArguments, jsonWords } from '../model/queries';
import { baseProgram, programIndex, type ScriptCommand } from '../syntax/shell-script';
import { startingWorkdir } from './helpers/image-ref';
import { stageRule, type Rule } from './types';

/** gpg's options that take the next word as their value (so it is not a file to read). */
const GPG_VALUE_OPTIONS = new Set([
  '-o',
  '--output',
  '--homedir',
  '--keyring',
  '--keyserver',
  '-r',
  '--recipient',
  '-u',
  '--local-user',
  '--default-key',
  '--passphrase',
  '--passphrase-file',
  '--trust-model',
  '--status-fd',
  '--logger-fd',
]);
/** Commands that cannot fail in a way a pipeline hides: what they write is all they do. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', 'yes', ':']);

/** Filters that only rewrite their input: with no file operand they read the pipe and cannot fail. */
const STDIN_FILTERS = new Set(['sed', 'tr', 'cut']);

/** The words of a command from its program on. */
function commandWords(command: ScriptCommand): string[] {
  return command.words.slice(Math.max(programIndex(command.words), 0)).map((w) => w.value);
}

/**
 * Files the image is known to hold when a RUN starts: what COPY and ADD put there by name (a file
 * source, not a folder or a pattern), by absolute path, and the working directory relative paths
 * are read in (null: unknown, or moved by a `cd` earlier in the same script).
 */
interface KnownFiles {
  files: ReadonlySet<string>;
  workdir: string | null;
  /** Every word's last path part in the RUN, COPY and ADD instructions before this one. */
  named: ReadonlySet<string>;
}

/** Whether a file operand names a file the image is known to hold. */
function knownFile(word: string, known: KnownFiles): boolean {
  if (/[$`*?[]/.test(word) || word.startsWith('-')) return false;
  const file = word.startsWith('/') ? word : known.workdir === null ? null : path.join(known.workdir, word);
  return file !== null && known.files.has(path.normalize(file));
}

/**
 * Whether a command before the last cannot fail in a way the pipeline hides: `echo`, `printf`,
 * `seq` of literal numbers, `date`, a checksum or base64 of the pipe (`date | md5sum | cut -c1-10`), `apt-mark showmanual`, and `sed -e s/a/b/`, `tr a b`, `cut -d: -f1` reading the pipe (a
 * literal script or set, no file operand), or `cat`, `sed` and `cut` of files this Dockerfile
 * copied into the image. A word with a substitution may name a file; that one can fail.
 */
function cannotFail(command: ScriptCommand, known: KnownFiles): boolean {
  const program = baseProgram(command.words[programIndex(command.words)]);
  if (CANNOT_FAIL.has(program)) return true;
  const args = commandWords(command).slice(1);
  if (program === 'cat') return args.length > 0 && args.every((w) => knownFile(w, known));
  // The docker-library idiom `apt-mark showmanual | xargs apt-mark auto`: a query of the package
  // state every Debian image has.
  if (program === 'apt-mark') return /^show(manual|auto|hold)$/.test(args[0] ?? '');
  if (program === 'seq') return args.length > 0 && args.every((w) => /^-?\d+(\.\d+)?$/.test(w));
  // `date`, `date -u +%s`: the clock, formatted (no file it reads, `-r`, `-f`).
  if (program === 'date') return args.every((w) => /^\+/.test(w) || /^(-u|--utc|--universal|-R|--rfc-email)$/.test(w));
  // A checksum or encoding of the pipe (`date | md5sum | cut -c1-10`): no file operand to miss.
  if (/^((md5|sha\d*|b2)sum|base64)$/.test(program)) return args.every((w) => w.startsWith('-') && w !== '-c');
  if (!STDIN_FILTERS.has(program) || args.some((w) => w.includes('$') || w.includes('`'))) return false;
  if (program === 'tr') return args.filter((w) => !w.startsWith('-')).length <= 2;
  if (program === 'cut')
    return args.every((w, k) => w.startsWith('-') || /^-[bcdf]$/.test(args[k - 1] ?? '') || knownFile(w, known));
  // sed: the script is the first operand unless given with -e or -f; any operand after it is a file.
  const operands: string[] = [];
  let scriptGiven = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w === '-e' || w === '--expression') {
      scriptGiven = true;
      i++;
    } else if (w.startsWith('--expression=') || /^-[nErsuz]*e./.test(w)) scriptGiven = true;
    else if (w === '-f' || w.startsWith('--file') || w === '-i' || w.startsWith('--in-place')) return false;
    else if (!w.startsWith('-')) operands.push(w);
  }
  return operands.slice(scriptGiven ? 0 : 1).every((w) => knownFile(w, known));
}

/**
 * Whether a command is `cat` of the variable of the `for` loop it sits in, a loop over a glob
 * (`for f in locales/*.json; do cat $f | …`): the shell has just listed the file, so cat finds it.
 */
function catOfListedFile(command: ScriptCommand, script: string): boolean {
  const words = commandWords(command);
  if (baseProgram(command.words[programIndex(command.words)]) !== 'cat' || words.length !== 2) return false;
  const variable = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(words[1]!)?.[1];
  const loop = /\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;\n]*)[;\n]\s*do\s*$/.exec(script.slice(0, command.start));
  return variable !== undefined && loop?.[1] === variable && /[*?[]/.test(loop[2]!) && !/[$`]/.test(loop[2]!);
}

/**
 * Which implementation of a tool the stage runs, where that decides how it takes empty input: GNU's
 * (Debian and Ubuntu ship it; any base gets it by installing the package) or BusyBox's (Alpine's own).
 * Each is read only when a pipeline ends in that tool.
 */
interface Userland {
  /** GNU cpio (BusyBox cpio accepts empty input). */
  gnuCpio(): boolean;
  /** GNU xz (BusyBox unxz and xzcat accept empty input). */
  gnuXz(): boolean;
  /** BusyBox gunzip, with no gzip package (it fails on empty input even with -f, where GNU gzip passes it through). */
  busyboxGzip(): boolean;
}

/** A decompressor reading the pipe: the program's name or its -d option says it decompresses, and no file is named. */
function decompressesPipe(program: string, args: readonly string[], names: RegExp, tool: string): boolean {
  const decompress =
    names.test(program) || (program === tool && args.some((w) => w === '--decompress' || /^-[A-Za-z]*d/.test(w)));
  return decompress && args.every((w) => w.startsWith('-'));
}

/**
 * Whether the pipeline's last command fails by itself when what comes down the pipe is empty or cut
 * short, as it is when a download before it fails: extracting with `tar` (GNU and BusyBox tar both
 * exit non-zero on an empty or truncated archive, compressed or not), `gpg --import` and
 * `gpg --dearmor` (no key data is an error), `apt-key add -` (it imports the pipe with gpg and exits 2
 * on "no valid OpenPGP data"), GNU `cpio -i` ("premature end of archive"; BusyBox
 * cpio, on Alpine, accepts empty input and stays reported), and a decompressor reading the pipe
 * (checked with GNU gzip 1.12, bzip2 1.0.8, xz 5.4, zstd 1.5 and BusyBox 1.35): `gunzip`, `zcat` and
 * `gzip -d` ("unexpected end of file"; with -f GNU gzip passes empty input through, BusyBox's does
 * not), `bunzip2`, `bzcat` and `bzip2 -d`, `unzstd`, `zstdcat` and `zstd -d`, and GNU `unxz`, `xzcat`
 * and `xz -d` (BusyBox's accept empty input).
 */
function failsOnShortInput(words: readonly string[], userland: Userland): boolean {
  const program = words[0]?.split('/').pop() ?? '';
  const args = words.slice(1);
  if (program === 'tar' || program === 'bsdtar') {
    // The archive must be the pipe: no -f, or -f - / --file=-.
    let extract = false;
    for (let i = 0; i < args.length; i++) {
      const w = args[i]!;
      if (w === '-x' || w === '--extract' || w === '--get') extract = true;
      else if (/^--file=/.test(w)) {
        if (w !== '--file=-') return false;
      } else if (w === '--file') {
        if (args[i + 1] !== '-') return false;
      } else if (/^-[A-Za-z]*f./.test(w) && !w.startsWith('--')) {
        // The archive written into the same word after a bundled f (`-xzvf-`, `-xfapp.tar`).
        const at = w.indexOf('f');
        if (w.slice(1, at).includes('x')) extract = true;
        if (w.slice(at + 1) !== '-') return false;
      } else if (/^-?[A-Za-z]+$/.test(w) && (i === 0 || w.startsWith('-')) && !w.startsWith('--')) {
        const letters = w.replace(/^-/, '');
        if (i === 0 && !w.startsWith('-') && /x/.test(letters)) extract = true;
        else if (w.startsWith('-') && letters.includes('x')) extract = true;
        // Bundled f takes the next word as the archive (`tar xzf -`, `tar -xzf -`).
        if (letters.includes('f') && args[i + 1] !== '-') return false;
      }
    }
    return extract;
  }
  if (program === 'gpg' || program === 'gpg2') {
    if (args.some((w) => w === '--import' || w === '--dearmor' || w === '--dearmour')) return true;
    // `gpg --decrypt` with no file reads the pipe, and fails on empty, cut or unsigned input (exit 2).
    if (!args.some((w) => w === '--decrypt' || w === '-d')) return false;
    const operands = args.filter(
      (w, i) =>
        !w.startsWith('-') &&
        !/^[<>]/.test(w) &&
        !/^[<>]/.test(args[i - 1] ?? '') &&
        !GPG_VALUE_OPTIONS.has(args[i - 1] ?? ''),
    );
    return operands.length === 0;
  }
  if (program === 'apt-key') {
    // `apt-key [--keyring FILE] add -`: the key file is the pipe.
    // With no file at all, `apt-key add` hands gpg --import no file either, and gpg reads the pipe.
    const add = args.indexOf('add');
    return add >= 0 && (args[add + 1] === '-' || args[add + 1] === undefined);
  }
  if (program === 'cpio' && userland.gnuCpio())
    return args.some((w) => w === '--extract' || /^-[A-Za-z]*i[A-Za-z]*$/.test(w));
  if (decompressesPipe(program, args, /^(gunzip|zcat)$/, 'gzip'))
    return !args.some((w) => w === '--force' || /^-[A-Za-z]*f/.test(w)) || userland.busyboxGzip();
  if (decompressesPipe(program, args, /^(bunzip2|bzcat)$/, 'bzip2')) return true;
  if (decompressesPipe(program, args, /^(unzstd|zstdcat)$/, 'zstd')) return true;
  if (decompressesPipe(program, args, /^(unxz|xzcat)$/, 'xz')) return userland.gnuXz();
  if (program === 'xargs') return xargsFailsOnEmptyInput(args);
  return false;
}

/** Options of xargs that take the next word as their value. */
const XARGS_VALUE = /^-[nLPsdEa]$|^--(max-args|max-lines|max-procs|max-chars|delimiter|eof|arg-file)$/;

/**
 * The options of an `xargs` call (its words after `xargs`) and where its command starts: whether it
 * skips empty input (`-r`, `--no-run-if-empty`, also first in a cluster after flags such as `-0r`, `-rn1`) and whether it
 * substitutes each item (`-I {}`, `--replace`), which runs the command once per item, so never on
 * empty input.
 */
function xargsCall(args: readonly string[]): { skipsEmpty: boolean; replaces: boolean; command: number } {
  let skipsEmpty = false;
  let replaces = false;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i]!;
    if (!w.startsWith('-')) break;
    if (w === '--no-run-if-empty' || /^-[0ptx]*r/.test(w)) skipsEmpty = true;
    else if (/^-[Ii]/.test(w) || w.startsWith('--replace')) replaces = true;
    if (XARGS_VALUE.test(w)) i++;
  }
  return { skipsEmpty, replaces, command: i };
}

/**
 * Whether `xargs <command>` fails on empty input: without `-r` (`--no-run-if-empty`) or `-I` it runs
 * the command once with no operands, and these commands fail without one: `sed -i` (no input
 * files), `rm` without `-f`, `chmod`, `chown`, `chgrp`, `cp`, `mv`, `ln` (missing operand),
 * `apt-mark manual` (no packages found) and `pip install` (no requirement given).
 */
function xargsFailsOnEmptyInput(args: readonly string[]): boolean {
  const call = xargsCall(args);
  if (call.skipsEmpty || call.replaces) return false;
  const program = args[call.command]?.split('/').pop() ?? '';
  const rest = args.slice(call.command + 1);
  if (program === 'sed') return rest.some((w) => /^-[A-Za-z]*i/.test(w) || w.startsWith('--in-place'));
  if (program === 'rm') return !rest.some((w) => /^-[A-Za-z]*f/.test(w) || w === '--force');
  // `apt-mark manual` with no package ("No packages found") and `pip install` with no requirement
  // ("You must give at least one requirement") fail too.
  if (program === 'apt-mark') return /^(manual|auto|hold|unhold)$/.test(rest[0] ?? '');
  if (/^pip[\d.]*$/.test(program)) return rest[0] === 'install';
  if (/^python[\d.]*$/.test(program)) return rest[0] === '-m' && rest[1] === 'pip' && rest[2] === 'install';
  return /^(chmod|chown|chgrp|cp|mv|ln)$/.test(program);
}

/**
 * Whether the pipeline's failure does not hinge on pipefail: a last `grep` (which selects no line
 * and fails when the commands before it fail and write nothing, with `-v` or `-c` too); a `find -exec ldd` or `ldd` scan fails on every
 * static file by design (the docker-library pattern that marks the shared libraries' packages), so
 * pipefail there would break the build rather than catch an error.
 */
function failureNotHidden(pipeline: readonly ScriptCommand[], userland: Userland): boolean {
  const last = pipeline[pipeline.length - 1]!;
  const lastWords = commandWords(last);
  const lastProgram = lastWords[0]?.split('/').pop() ?? '';
  if (failsOnShortInput(lastWords, userland)) return true;
  // grep exits 1 when it selects no line, with -v and -c too (`grep -c` prints 0 and fails): empty
  // input after a failed command fails the pipeline.
  if (/^[ef]?grep$/.test(lastProgram)) return true;
  // `grep ... SHASUMS | sha256sum -c -`: a check with no lines to check fails by itself.
  if (/^(sha\d*|md5|b2)sum$/.test(lastProgram) && lastWords.some((w) => /^-[A-Za-z]*c$|^--check$/.test(w))) return true;
  const first = pipeline[0]!;
  const firstWords = commandWords(first);
  const firstProgram = firstWords[0]?.split('/').pop() ?? '';
  const scanners = new Set(['ldd', 'scanelf']);
  // `find … -exec ldd {} +`, or through a shell: `find … -exec sh -c 'ldd "$@"' sh {} +`.
  const scans = (w: string) => scanners.has(w) || scanners.has(w.trim().split(/\s+/)[0] ?? '');
  return scanners.has(firstProgram) || (firstProgram === 'find' && firstWords.some(scans));
}

/**
 * How a `set` command changes errexit: true for `set -e` (also in a cluster, `set -eux`, or as
 * `set -o errexit`), false for `set +e`, null when it leaves it alone.
 */
function setsErrexit(words: readonly string[]): boolean | null {
  let result: boolean | null = null;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (/^-[A-Za-z]*$/.test(w) && !w.startsWith('--')) {
      if (w.includes('e')) result = true;
      if (w.endsWith('o') && words[i + 1] === 'errexit') result = true;
    } else if (/^\+[A-Za-z]*$/.test(w)) {
      if (w.includes('e')) result = false;
      if (w.endsWith('o') && words[i + 1] === 'errexit') result = false;
    }
  }
  return result;
}

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` among words. */
function setsPipefail(words: readonly string[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if (/^-[A-Za-z]*o$/.test(words[i]!) && words[i + 1] === 'pipefail') return true;
  }
  return false;
}

type ShellState = 'default' | 'pipefail' | 'other-posix' | 'not-posix';

/** What a SHELL instruction makes of the RUNs after it. */
function shellState(instruction: Instruction): ShellState {
  const words = jsonWords(instruction);
  return words ? shellStateOf(words) : 'other-posix';
}

/** What a SHELL's words (`["/bin/bash", "-o", "pipefail", "-c"]`) say of the RUNs under it. */
function shellStateOf(words: readonly string[]): ShellState {
  if (words.length === 0) return 'other-posix';
  const program = words[0]!.split(/[\\/]/).pop() ?? '';
  if (WINDOWS_SHELLS.test(program)) return 'not-posix';
  return setsPipefail(words) ? 'pipefail' : 'other-posix';
}

const piped = (operator: string | null) => operator === '|' || operator === '|&';

/**
 * The start of the pipeline that `at` continues after a compound command (`while … done`,
 * `if … fi`, `{ …; }`) in it. `head`: the commands before `at` at the pipeline's own depth, first
 * to last (`ldd $f | awk … | while read n; do …; done | sort` continues at `sort`, and its head is
 * `ldd` and `awk`; the compound's body is left out). `body`: when a compound begins the pipeline
 * (`{ echo a; echo b; } | tee file`), its commands, else null.
 */
function pipelineStart(
  commands: readonly ScriptCommand[],
  at: number,
): { head: ScriptCommand[]; body: ScriptCommand[] | null } {
  const head: ScriptCommand[] = [];
  const depth = commands[at]!.controlDepth;
  const groups = commands[at]!.groupDepth;
  let j = at;
  while (piped(commands[j]!.before)) {
    let k = j - 1;
    while (k >= 0 && (commands[k]!.controlDepth > depth || commands[k]!.groupDepth > groups)) k--;
    // A compound begins the pipeline: what stands before it is not part of it.
    if (k + 1 < j && (k < 0 || !piped(commands[k]!.after))) return { head, body: commands.slice(k + 1, j) };
    if (k < 0) break;
    head.unshift(commands[k]!);
    j = k;
  }
  return { head, body: null };
}

/** Tests decide which way an `if` goes; their status is not the compound's failure. */
const TESTS = new Set(['[', '[[', 'test']);

/**
 * Whether the pipeline ending at command `last` has its status thrown away on purpose (`… || true`,
 * `… || :`): with pipefail the failure would be thrown away the same way.
 */
function statusDiscarded(commands: readonly ScriptCommand[], last: number, script: string, errexit: boolean): boolean {
  const next = commands[last + 1];
  // Followed by `;` or a new line and another command of the same list, with errexit off: the shell
  // goes on whatever the pipeline returned, so pipefail would change nothing. (Not before `then` or
  // `do`, where the status decides the condition, nor at the end of a list, whose status it is.)
  if (
    !errexit &&
    next &&
    (commands[last]!.after === ';' || commands[last]!.after === '\n') &&
    /^[\s;]*$/.test(script.slice(commands[last]!.end, next.start))
  )
    return true;
  if (commands[last]!.after !== '||' || !next || piped(next.after)) return false;
  const words = next.words.slice(Math.max(programIndex(next.words), 0)).map((w) => w.value);
  return words.length === 1 && (words[0] === 'true' || words[0] === ':');
}

/** Programs that run an installer script given on their standard input. */
const SCRIPT_RUNNERS = /^(sh|bash|ash|dash|zsh|php|python[\d.]*|perl|ruby|node)$/;

/** Parts of a download address that name no program (`get`, `install.sh`, `raw`, `com`). */
const NOT_PROGRAM_NAMES =
  /^(www|get|install|installer|install\.sh|setup|setup\.sh|raw|download|downloads|releases|latest|master|main|scripts?|bin|com|org|io|net|dev|sh|rs|githubusercontent|github|https?)$/;

/** Installers whose address does not name what they install: cpanminus's `cpanmin.us` installs cpanm. */
const KNOWN_INSTALLERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['cpanmin.us', ['cpanm']],
  ['sh.rustup.rs', ['rustup', 'cargo', 'rustc']],
  ['install.python-poetry.org', ['poetry']],
  ['bun.sh', ['bun']],
  // Astral's installers: uv's puts uvx beside uv, ruff's is named by its path.
  ['astral.sh', ['uvx']],
]);

/** Stands for whatever package a repository script's repository provides (packagecloud's script.deb.sh). */
const FROM_ADDED_REPOSITORY = '\u0000package of the added repository';

/**
 * The programs an installer downloaded and piped into a shell or an interpreter installs, by the
 * names its address and options give (`getcomposer.org/installer | php -- --filename=composer`
 * installs composer, `astral.sh/uv/install.sh | sh` installs uv); empty when the pipeline is not a
 * download run as a script.
 */
function installedPrograms(first: ScriptCommand, last: ScriptCommand): string[] {
  if (!/^(curl|wget)$/.test(baseProgram(first.words[programIndex(first.words)]))) return [];
  const runner = commandWords(last);
  if (!SCRIPT_RUNNERS.test(path.basename(runner[0] ?? ''))) return [];
  const names = new Set<string>();
  for (const word of commandWords(first)) {
    const url = /^https?:\/\/([^/?#]+)([^?#]*)/.exec(word);
    if (!url) continue;
    // On a file host the path names an owner, a repository, a branch and folders: the script's own
    // name counts there (`…/scripts/get-helm-3` installs helm), and the repository's name when the
    // script is its generic installer (`golangci/golangci-lint/master/install.sh` installs golangci-lint).
    const fileHost = /(^|\.)(githubusercontent\.com|github\.com|gitlab\.com|bitbucket\.org)$/.test(url[1]!);
    const segments = url[2]!.split('/');
    const script = segments[segments.length - 1] ?? '';
    // An installer by its name (`install.sh`, `install-from-binstall-release.sh`) installs what
    // the repository is named for (cargo-bins/cargo-binstall installs cargo-binstall).
    const repository = /^(install|installer|setup)([-_.]|$)/.test(script) ? [segments[2] ?? ''] : [];
    const parts = [...url[1]!.split('.'), ...(fileHost ? [...repository, script] : segments)];
    for (const part of parts) {
      // `get-ghcup`, `getcomposer`, `get-helm-3`: the word after get, without a version.
      // A script's own extension is not part of the name (`get-pip.py` installs pip).
      const name = part
        .toLowerCase()
        .replace(/\.(sh|py|pl|rb|php|js)$/, '')
        .replace(/^get[-_]?(?=[a-z]{2})/, '')
        .replace(/[-_]v?\d+$/, '');
      if (name.length >= 2 && !NOT_PROGRAM_NAMES.test(name) && !SCRIPT_RUNNERS.test(name)) names.add(name);
    }
    for (const program of KNOWN_INSTALLERS.get(url[1]!.toLowerCase()) ?? []) names.add(program);
    // packagecloud's repository scripts (`/install/repositories/<owner>/<repo>/script.deb.sh`) only
    // add that repository: the package installed next comes from it.
    if (
      /(^|\.)packagecloud\.io$/.test(url[1]!) &&
      /^\/install\/repositories\/[^/]+\/[^/]+\/script\.(deb|rpm)\.sh$/.test(url[2]!)
    )
      names.add(FROM_ADDED_REPOSITORY);
  }
  // A download written to a file (`curl -o /usr/local/bin/drush …`, `wget -O …`) sends nothing down
  // the pipe: what it installs is that file, and a later command that changes or runs it checks it.
  const downloader = commandWords(first);
  const wget = baseProgram(first.words[programIndex(first.words)]) === 'wget';
  const [short, long] = wget ? ['O', '--output-document'] : ['o', '--output'];
  downloader.forEach((w, k) => {
    const out =
      (w.startsWith(`${long}=`) ? w.slice(long.length + 1) : undefined) ??
      (w === `-${short}` || w === long ? downloader[k + 1] : undefined) ??
      new RegExp(`^-[A-Za-z]*${short}(/.+)$`).exec(w)?.[1];
    if (out && out !== '-' && !/[$`]/.test(out)) names.add(path.basename(out).replace(/\.phar$/, ''));
  });
  runner.forEach((w, k) => {
    const file = /^--filename=(.+)$/.exec(w)?.[1] ?? (w === '--filename' ? runner[k + 1] : undefined);
    if (file) names.add(path.basename(file).replace(/\.phar$/, ''));
  });
  return [...names];
}

/**
 * Whether a command runs one of the programs or moves or copies it (`composer install`, `mv
 * composer.phar …`, `mv ~/.local/bin/uv /bin/uv`), which fails when it is missing. A symbolic link
 * to it (`ln -s`) is made all the same.
 */
function usesProgram(command: ScriptCommand, programs: readonly string[]): boolean {
  const words = commandWords(command);
  const named = (w: string) => {
    const name = path.basename(w).replace(/\.phar$/, '');
    // A versioned name runs the same program (`pip3`, `pip3.11` for the pip that get-pip.py installs).
    return programs.includes(name) || programs.includes(name.replace(/\d+(\.\d+)*$/, ''));
  };
  const program = path.basename(words[0] ?? '');
  if (named(program)) return true;
  // A script the installer wrote, sourced into the shell (`source ~/.sdkman/bin/sdkman-init.sh` after
  // get.sdkman.io): sourcing a missing file fails.
  if ((program === 'source' || program === '.') && words[1] !== undefined) {
    const file = words[1];
    const stem = path.basename(file).replace(/\.(sh|bash)$/, '');
    if (
      programs.some(
        (p) => stem === p || stem.startsWith(`${p}-`) || stem.startsWith(`${p}_`) || file.includes(`/.${p}/`),
      )
    )
      return true;
  }
  // A Python module run as a program (`python3 -m pip install …` runs the pip that get-pip.py installs).
  if (/^python[\d.]*$/.test(program)) {
    const module = words.indexOf('-m');
    if (module > 0 && programs.includes(words[module + 1] ?? '')) return true;
  }
  const operands = words.slice(1).filter((w) => !w.startsWith('-'));
  // The installed archive run by its interpreter (`php composer.phar install`).
  if (program === 'php' && /\.phar$/.test(operands[0] ?? '') && named(operands[0]!)) return true;
  // A package the installer's repository setup provides (`…/git-lfs/script.deb.sh | bash` and then
  // `apt-get install git-lfs`): the install fails when the repository was not added.
  if (/^(apt-get|apt|yum|dnf|microdnf|zypper|apk)$/.test(program) && /^(install|add)$/.test(operands[0] ?? ''))
    return operands
      .slice(1)
      .some((p) => programs.includes(FROM_ADDED_REPOSITORY) || programs.includes(p.replace(/[=:].*$/, '')));
  // A cargo or git subcommand is a program of its own (`cargo binstall` runs cargo-binstall).
  if ((program === 'cargo' || program === 'git') && operands[0] && programs.includes(`${program}-${operands[0]}`))
    return true;
  // A change of its mode or owner (`chmod +x /usr/local/bin/composer`, `chown app /usr/local/bin/composer`)
  // fails on a missing file too.
  const changes = /^(chmod|chown|chgrp)$/.test(program);
  if (!changes && !/^(mv|cp|install)$/.test(program)) return false;
  // The program itself, or its own home (`mv ~/.pulumi/bin/* /usr/bin`, `mv $HOME/.ghcup /opt/haskell`).
  const inHome = (w: string) => w.split('/').some((part) => programs.includes(part.replace(/^\./, '')) && part !== '');
  const files = changes ? operands.slice(1) : operands.slice(0, -1);
  return files.some((w) => (w.includes('/') || w.endsWith('.phar')) && (named(w) || inHome(w)));
}

/**
 * Programs a build finds without an installer: the shell's builtins, coreutils and the common
 * command-line tools of base images, package managers, and the language tools the official images
 * ship. A program outside them run right after an installer is, as a rule, the one it installed.
 */
const PROGRAMS_OF_THE_IMAGE = new Set(
  'echo printf cd pwd rm rmdir mkdir cp mv ln chmod chown chgrp touch cat ls find grep egrep fgrep sed awk gawk tr cut sort uniq head tail tee xargs test [ true false : export set unset source . exec env sleep which command type hash id whoami useradd adduser groupadd addgroup usermod install tar gzip gunzip unzip zip bzip2 xz curl wget git ssh gpg gpgconf apt-get apt apt-key apt-mark apt-cache dpkg dpkg-reconfigure apk yum dnf microdnf rpm zypper pacman pip pip3 python python3 node npm npx yarn pnpm corepack java javac mvn gradle go cargo rustc gem bundle ruby php composer dotnet make cmake gcc g++ cc ldconfig update-alternatives locale-gen sh bash ash dash zsh sudo su chroot service systemctl rc-update update-ca-certificates ldd file stat du df readlink realpath dirname basename date mktemp nproc uname whoami'.split(
    ' ',
  ),
);

/**
 * Whether a command runs a program a base image would not have by itself (`cpanm`, `helm`): not a
 * variable, nor a path, nor a name the Dockerfile used before (an earlier RUN or COPY may have put
 * it there).
 */
function runsProgramFromElsewhere(command: ScriptCommand, named: ReadonlySet<string>): boolean {
  const program = commandWords(command)[0] ?? '';
  if (named.has(program)) return false;
  return (
    program !== '' &&
    !/[$/`]/.test(program) &&
    !PROGRAMS_OF_THE_IMAGE.has(program) &&
    !/^[A-Za-z_][A-Za-z0-9_]*=/.test(program)
  );
}

/**
 * Whether a failed download of an installer piped into a shell or an interpreter shows in the same
 * RUN anyway: the runner is given an empty script, installs nothing and succeeds, and a later
 * command of the same `&&` chain that moves or runs the installed program then fails (`curl …
 * getcomposer.org/installer | php && mv composer.phar …`, `curl … astral.sh/uv/install.sh | sh &&
 * mv /root/.local/bin/uv /bin/uv`).
 */
function installerChecked(
  commands: readonly ScriptCommand[],
  first: number,
  last: number,
  errexit: boolean,
  named: ReadonlySet<string>,
): boolean {
  const programs = installedPrograms(commands[first]!, commands[last]!);
  if (programs.length === 0) return false;
  // Under `set -e` a failing command ends the script wherever it stands in the list (`;` or a new
  // line as much as `&&`), outside an `if` or loop condition and a `||` list.
  const depth = commands[last]!.controlDepth;
  const goesOn = (op: ScriptCommand['after']) =>
    op === '&&' || (errexit && (op === ';' || op === '\n' || op === '|' || op === '|&'));
  // Only the last command of a later pipeline decides its status (there is no pipefail).
  const decides = (command: ScriptCommand) => command.after !== '|' && command.after !== '|&';
  for (let k = last; k < commands.length - 1 && goesOn(commands[k]!.after); k++) {
    const next = commands[k + 1]!;
    if (commands[k]!.after !== '&&') {
      // Past the end of the list the pipeline stands in; a compound command inside it (an `if`)
      // is stepped over.
      if (next.controlDepth < depth) break;
      if (next.controlDepth > depth) continue;
    }
    // The command right after the installer, when it runs a program no base image has, runs what
    // it installed (`curl …/cpanmin.us | perl - && cpanm install …`).
    if (decides(next) && (usesProgram(next, programs) || (k === last && runsProgramFromElsewhere(next, named))))
      return true;
  }
  return false;
}

/**
 * Whether the pipeline expects a `grep` that may match nothing: `grep -l … | xargs -r rm`. grep
 * exits 1 when nothing matches, and `xargs -r` (`--no-run-if-empty`) says that case is expected:
 * under pipefail the step would fail whenever there is nothing to do, so the advice would break it.
 */
function emptyMatchExpected(pipeline: readonly ScriptCommand[]): boolean {
  const last = commandWords(pipeline[pipeline.length - 1]!);
  if (path.basename(last[0] ?? '') !== 'xargs') return false;
  if (!xargsCall(last.slice(1)).skipsEmpty) return false;
  return pipeline.slice(0, -1).some((c) => /^[ef]?grep$/.test(baseProgram(c.words[programIndex(c.words)])));
}

/** The pipelines of a script whose failure the shell would hide, each as command indexes [first, last]. */
function unguardedPipelines(
  commands: readonly ScriptCommand[],
  script: string,
  userland: Userland,
  files: KnownFiles,
): [number, number][] {
  const found: [number, number][] = [];
  let pipefail = false;
  let errexit = false;
  let known = files;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]!;
    const at = programIndex(command.words);
    const words = command.words.slice(Math.max(at, 0)).map((w) => w.value);
    // After a `cd`, relative paths are read in another directory.
    if (words[0] === 'cd' || words[0] === 'pushd') known = { ...known, workdir: null };
    if (words[0] === 'set') {
      errexit = setsErrexit(words) ?? errexit;
      if (setsPipefail(words)) pipefail = true;
      else if (words.some((w, k) => /^\+[A-Za-z]*o$/.test(w) && words[k + 1] === 'pipefail')) pipefail = false;
    }
    // A command reached here with a pipe before it resumes a pipeline after a compound command.
    if (pipefail || (!piped(command.after) && !piped(command.before))) continue;
    let last = i;
    while (last < commands.length - 1 && (commands[last]!.after === '|' || commands[last]!.after === '|&')) last++;
    // The pipeline runs into a compound command (`… | while read n; do …; done | sort`) and goes on
    // after it: it is judged whole where it resumes.
    if (commands[last]!.controlDepth > command.controlDepth) {
      let next = last + 1;
      while (next < commands.length && commands[next]!.controlDepth > command.controlDepth) next++;
      if (next < commands.length && piped(commands[next]!.before)) {
        i = next - 1;
        continue;
      }
    }
    // A pipeline that resumes after a compound command. A compound inside it (a `while read` loop,
    // which the walk back steps over before it reaches any head command) is taken to be able to
    // fail; one that begins it fails only by its body (`{ echo a; echo b; } | tee f`).
    const { head, body } = piped(command.before) ? pipelineStart(commands, i) : { head: [], body: null };
    const pipeline = [...head, ...commands.slice(i, last + 1)];
    const compoundMayFail =
      head.length > 0 ||
      (body?.some((c) => !cannotFail(c, known) && !TESTS.has(baseProgram(c.words[programIndex(c.words)]))) ?? false);
    const hides =
      (compoundMayFail || pipeline.slice(0, -1).some((c) => !cannotFail(c, known) && !catOfListedFile(c, script))) &&
      !failureNotHidden(pipeline, userland) &&
      !statusDiscarded(commands, last, script, errexit) &&
      !emptyMatchExpected(pipeline) &&
      !installerChecked(commands, i, last, errexit, files.named);
    if (hides) found.push([commands.indexOf(body?.[0] ?? head[0] ?? command), last]);
    i = last;
  }
  return found;
}

/** Programs that fetch over the network, whose failures (DNS, a 404, a rate limit) are everyday ones. */
const DOWNLOADERS = /^(curl|wget|fetch|aria2c|http|https)$/;

/** Whether a command before the pipeline's last one downloads (`curl -fsSL $URL | sh`). */
function downloads(commands: readonly ScriptCommand[], [first, last]: [number, number]): boolean {
  return commands.slice(first, last).some((c) => DOWNLOADERS.test(baseProgram(c.words[programIndex(c.words)])));
}

/**
 * Where the files a COPY or ADD names land, by absolute path: each source that names a file (no
 * folder slash, pattern, variable or URL) lands in the destination folder (`COPY a b dir/`,
 * `COPY a .`) or as the destination itself (`COPY a.yaml b.yaml`). A relative destination needs a
 * known working directory. A source that is really a folder adds a path no file has, which no
 * command then reads.
 */
function namedLandings(instruction: Instruction, workdir: string | null): string[] {
  const args = instruction.heredocs.length > 0 ? null : copyArguments(instruction);
  if (!args) return [];
  const { sources, destination: dest } = args;
  if (/[$`]/.test(dest)) return [];
  const base = dest.startsWith('/') ? '/' : workdir;
  if (base === null) return [];
  const target = path.join(base, dest);
  const intoFolder = dest.endsWith('/') || dest === '.' || dest === './' || sources.length > 1;
  // A file ADD downloads lands under the name given (the build fails when the download does); a
  // Git address (`….git`, `#ref`) is a clone, a folder.
  const download = (src: string) =>
    instruction.keyword === 'ADD' && /^https?:\/\/[^#]+[^/#]$/i.test(src) && !/\.git$/i.test(src);
  return sources
    .filter((src) => download(src) || (!/[$`*?[]|\/$|^[a-z]+:\/\//i.test(src) && src !== '.'))
    .map((src) => (intoFolder ? path.join(target, path.basename(src)) : target));
}

/**
 * The shell to set, when the stage's root image is known to have it: bash on Debian and Ubuntu
 * images, BusyBox ash (which knows `-o pipefail`) on Alpine. Null when unknown.
 */
function knownShell(root: Stage): string | null {
  if (root.base.kind !== 'image') return null;
  const image = root.base.image;
  const name = shortImageName(image);
  if (/distroless|busybox|scratch|chainguard|wolfi/.test(name) || /distroless/.test(image.tag ?? '')) return null;
  const family = distroOf(name, image.tag).family;
  if (family === 'debian' || family === 'ubuntu') return '/bin/bash';
  if (family === 'alpine') return '/bin/ash';
  return null;
}

export const pipeWithoutPipefail: Rule = stageRule({
  meta: {
    id: 'pipe-without-pipefail',
    severity: 'warning',
    title: 'A pipe in RUN hides the failure of its first commands (no pipefail)',
    fixTitle: 'Set SHELL with -o pipefail',
    peers: { hadolint: ['DL4006'] },
    docs: {
      what: "Flags a shell-form RUN with a pipeline (`a | b`) when neither a `SHELL` with `-o pipefail` (in the stage or a stage it is built on, or set by the base image and inherited: Jupyter's docker-stacks images) nor a `set -o pipefail` earlier in the same RUN makes the pipeline fail when one of its commands fails. Not flagged: pipelines whose commands before the last cannot fail, also as a brace group (`{ echo a; echo b; } | tee file`) (`echo`, `printf`, `seq` of literal numbers, `date`, a checksum or base64 of the pipe (`date | md5sum | cut -c1-10`), `apt-mark showmanual`, `sed`, `tr` or `cut` with a literal script rewriting the pipe, `cat` of the file a `for` loop over a glob has just listed, and `cat`, `sed` or `cut` of a file this Dockerfile copied into the image by name, or downloaded with ADD under a name, read where it was put); pipelines whose last command fails by itself when its input is empty or cut short, as it is after a failed download: a `grep` (it selects no line and fails on empty input, with `-v` and `-c` too), a checksum check (`sha256sum -c`), `tar` extracting from the pipe (GNU and BusyBox tar, and libarchive's `bsdtar`; also `-xzvf-`, the archive written into the option word), `gpg --import` or `--dearmor`, and `gpg --decrypt` with no file of its own (it reads the pipe, and fails on empty, cut or unsigned input), `apt-key add -` (or `apt-key add` with no file, which has gpg read the pipe too), and `cpio -i` on Debian and Ubuntu or where the stage installs the `cpio` package (GNU cpio; BusyBox cpio accepts empty input), a decompressor reading the pipe (`gunzip`, `zcat`, `gzip -d`: with `-f` only BusyBox's on Alpine without the gzip package, since GNU gzip -f passes empty input through; `bunzip2`, `bzcat`, `bzip2 -d`; `unzstd`, `zstdcat`, `zstd -d`; and `unxz`, `xzcat`, `xz -d` where they are GNU's, on Debian and Ubuntu or with the xz package: BusyBox's accept empty input), and `xargs` without `-r` or `-I` running a command that fails without operands (`sed -i`, `rm` without `-f`, `chmod`, `chown`, `cp`, `mv`, `ln`, `apt-mark manual`, `pip install` and `python -m pip install`), which it then runs once with none; pipelines whose status is thrown away on purpose (`… || true`, `… || :`) or by the list they stand in (followed by `;` or a new line and another command while `set -e` is off: the shell goes on whatever the pipeline returned, so pipefail would change nothing; a pipeline that decides an `if` or `while`, or ends the RUN, is still reported); a `grep` piped into `xargs -r` (`--no-run-if-empty`), where matching nothing is expected and pipefail would fail the step; an installer piped into a shell or `php` when a later command of the same `&&` chain (or of the same list under `set -e`, where `;` and new lines stop on a failure too) moves, runs or changes the mode or owner of the program it installs (`chmod +x`, `chown`), named by its address (its host after `get`: getcomposer.org, get-ghcup.haskell.org, get.pulumi.com; a part of its path: astral.sh/uv; on a file host such as raw.githubusercontent.com the script's own name, get-helm-3, and for an installer named as such (`install.sh`, `install-from-binstall-release.sh`) the repository's name, golangci/golangci-lint, cargo-bins/cargo-binstall; a few installers whose address does not name what they install are known: cpanminus's cpanmin.us installs cpanm, rustup's sh.rustup.rs cargo and rustc, astral.sh's uv installer uvx beside uv; a cargo or git subcommand runs a program of its own, `cargo binstall` cargo-binstall, and `python -m pip` the pip that `get-pip.py` installs, also by its versioned name, `pip3`; a script the installer writes and the chain sources, `source ~/.sdkman/bin/sdkman-init.sh` after get.sdkman.io, counts as running it) or by `--filename`, or the file the download itself was written to (`curl -o /usr/local/bin/drush … | bash && chmod +x /usr/local/bin/drush`), also moved from its own home folder (`mv ~/.pulumi/bin/* /usr/bin`) or, right after the installer, runs a program that no base image has by itself and that the Dockerfile has not named before (`curl …/cpanmin.us | perl - && cpanm install …`: not a shell builtin, a common tool, a package manager or a language's own tool, which may have been there already), or installed as a package from the repository the script set up (`…/git-lfs/script.deb.sh | bash && apt-get install git-lfs`; a packagecloud repository script only adds its repository, so whatever package is installed next comes from it), which fails when the download did (a later RUN that runs it is not enough: its failure is a misleading \"not found\"); scans of binaries with `ldd` or `scanelf` (which fail on static files by design), also with a loop inside the pipeline; and RUNs under a PowerShell or cmd SHELL or on a Windows image.",
      why: 'A pipeline succeeds when its last command does: in `curl -fsSL $URL | sh` a failed download gives sh an empty script, which exits 0, and the image is built without what the step was meant to put there. With `pipefail` the build stops at the failure. The quick fix sets `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` where the base image is known to have bash (Debian, Ubuntu), and BusyBox ash with the same option on Alpine. A pipeline that downloads (`curl`, `wget`, `aria2c` before the last command) is a warning: network failures are everyday ones. One of local commands only (`find . -name "*.pyc" | xargs rm`, `ls | xargs ln -s`) is shown as information: they rarely fail there, and earlier reviews judged about half of those findings false (docs/precision.md).',
      example:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n',
      better:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n',
    },
  },
  checkStage(stage, { chain, escapeChar, source, report }) {
    const root = chain[0]!;
    if (escapeChar === '`' || (root.base.kind === 'image' && isWindowsImage(root.base.image.raw))) return;
    // GNU tools on Debian and Ubuntu, and wherever the stage installs their package (GNU's on every
    // distribution, Alpine's too); Alpine's own are BusyBox's, and other bases are not known.
    const family =
      root.base.kind === 'image' ? distroOf(shortImageName(root.base.image), root.base.image.tag).family : 'other';
    // Asked only of a pipeline into such a tool: the installs are read then, with the stage's own reader.
    let installed: Set<string> | undefined;
    const installs = (name: string): boolean =>
      (installed ??= new Set(
        chain.flatMap((s) =>
          s.instructions.flatMap((i) => (i.keyword === 'RUN' ? readRun(i).installs.flatMap((x) => x.installed) : [])),
        ),
      )).has(name);
    const gnu = family === 'debian' || family === 'ubuntu';
    const userland: Userland = {
      gnuCpio: () => gnu || installs('cpio'),
      gnuXz: () => gnu || installs('xz') || installs('xz-utils'),
      busyboxGzip: () => family === 'alpine' && !installs('gzip'),
    };
    // A SHELL the base image sets is inherited (Jupyter's docker-stacks images set bash with pipefail).
    const inherited = root.base.kind === 'image' ? imageDefaults(shortImageName(root.base.image)).shell : undefined;
    let state: ShellState = inherited ? shellStateOf(inherited) : 'default';
    let shellSet = inherited !== undefined;
    // The files COPY and ADD put into the image by name, and the working directory (null: unknown).
    const files = new Set<string>();
    // Before any WORKDIR: where the base image starts, when that is known.
    let workdir: string | null = startingWorkdir(root.base);
    // The names the Dockerfile has used so far: a program it names before an installer may be there already.
    const named = new Set<string>();
    const remember = (instruction: Instruction) => {
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return;
      for (const word of instruction.argsText.split(/[\s;&|()'"=]+/)) if (word) named.add(path.basename(word));
    };
    let previous: Instruction | null = null;
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (previous) remember(previous);
        previous = instruction;
        if (instruction.keyword === 'WORKDIR') {
          const dir = instruction.args[0]?.value ?? '';
          workdir = /[$`]/.test(dir)
            ? null
            : dir.startsWith('/')
              ? path.normalize(dir)
              : workdir && path.join(workdir, dir);
          continue;
        }
        if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
          for (const file of namedLandings(instruction, workdir)) files.add(file);
          continue;
        }
        if (instruction.keyword === 'SHELL') {
          state = shellState(instruction);
          shellSet = true;
          continue;
        }
        if (s !== stage || instruction.keyword !== 'RUN' || state === 'pipefail' || state === 'not-posix') continue;
        const script = runScript(instruction, source, escapeChar);
        if (!script) continue;
        const pipelines = unguardedPipelines(script.commands, script.script, userland, { files, workdir, named });
        if (pipelines.length === 0) continue;
        // A download piped on is the failure pipefail is for: the first such pipeline is a warning.
        // One of local commands only (`find … | xargs rm`) rarely fails there: information.
        const download = pipelines.find((p) => downloads(script.commands, p));
        const pipeline = download ?? pipelines[0]!;
        const first = script.commands[pipeline[0]]!;
        const last = script.commands[pipeline[1]]!;
        const shell = shellSet ? null : knownShell(root);
        const line = instruction.range.start.line;
        const indent = source.text.slice(
          source.lineStarts[line],
          source.lineStarts[line]! + instruction.range.start.character,
        );
        const data = shell
          ? {
              edits: [
                {
                  range: { start: { line, character: 0 }, end: { line, character: 0 } },
                  newText: `${/^\s*$/.test(indent) ? indent : ''}SHELL ["${shell}", "-o", "pipefail", "-c"]\n`,
                },
              ],
              title: `Set SHELL ["${shell}", "-o", "pipefail", "-c"] before this RUN`,
            }
          : undefined;
        report({
          range: script.rangeOf(first.start, last.end),
          message: `This pipeline succeeds whenever '${baseProgram(last.words[programIndex(last.words)])}' does, even if a command before it failed: set 'SHELL [..., "-o", "pipefail", "-c"]' (or 'set -o pipefail') before it.`,
          ...(data ? { data } : {}),
          ...(download ? {} : { severity: 'information' as const }),
        });
      }
    }
  },
});
