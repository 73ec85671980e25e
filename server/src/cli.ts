import { ConfigError, FORMATS, parseCheckArgs, runCheck } from './cli/check';
import { type CliIo, colorWanted, withoutColorFlags } from './cli/color';
import { UsageError } from './cli/files';
import { parseSplitArgs, runSplit, runSplitVerify } from './cli/split';
import { parseVerifyArgs, runVerify, VERIFY_HELP } from './cli/verify';
import { CONFIG_FILE_NAMES, RUNTIME_FAMILIES } from './core';

const CHECK_HELP = `Usage: stagewright check [options] [paths...]

Checks Dockerfiles. A path is a file, or a directory meaning every Dockerfile under it (Dockerfile,
Dockerfile.*, *.Dockerfile, Containerfile; node_modules and .git skipped). Default: ./Dockerfile.

Options:
  --format <f>          ${FORMATS.join(', ')} (default text)
                          json        the findings per file
                          sarif       SARIF 2.1.0, for code-scanning uploads
                          checkstyle  checkstyle XML, for Jenkins (Warnings NG) and other checkstyle readers
                          gitlab      GitLab Code Quality JSON (artifacts:reports:codequality)
  --rule <id>[,<id>]    Run only these rules (repeatable)
  --ignore <id>[,<id>]  Do not run these rules (repeatable)
  --enable <id>[,<id>]  Also run these rules, which are off by default (repeatable)
  --config <file>       Read this config file instead of looking for one
  --no-config           Read no config file
  --target <stage>      A stage built with --target (repeatable), besides those the repository's compose,
                        bake, workflow, Makefile and script files build
  --no-color            Print no colour (also when NO_COLOR is set; colour is used only on a terminal)
  -h, --help            Show this help

Config: ${CONFIG_FILE_NAMES.join(' or ')}, looked for from each Dockerfile's folder up to the repository
root, sets rule severities and paths or rules to ignore (see the README). --rule and --ignore apply on top.
Suppression comments in the files apply (# stagewright-ignore, # check=skip=, # hadolint ignore=), and
the .dockerignore beside each Dockerfile is read.

Exit codes: 0 no error-severity finding, 1 an error-severity finding, 2 usage, config or I/O error
(a path that holds no Dockerfile is one).
`;

const SPLIT_HELP = `Usage: stagewright split [options] [Dockerfile]

Splits a Dockerfile whose final stage builds and runs in one image into a builder stage, which builds
exactly as before, and a small runtime stage that copies what the program needs. Default: ./Dockerfile.
Prints the result unless --write or --diff is given. When no split applies, says why and exits 0.

Options:
  --write, -w           Replace the file in place
  --diff                Print a unified diff instead of the result
  --runtime <runtime>   The runtime stage's base: a family, or any image you name
                          families: ${RUNTIME_FAMILIES.join(', ')}
                          images, e.g.: gcr.io/distroless/cc-debian12:nonroot, ubuntu:24.04
  --verify              Write the split beside the original (<Dockerfile>.split) and verify it with your
                        Docker engine, which builds and runs both (see 'stagewright verify --help');
                        verify's options apply
  --out <file>          With --verify: write the split here
  -h, --help            Show this help

Exit codes: 0 split printed or written, or none applies; 2 usage or I/O error. With --verify, verify's:
0 same, 1 different, 2 could not verify (no split applies is one).
`;

/**
 * The commands: one row each. `summary` is the command's line in `stagewright --help`; `help` is
 * what `stagewright <command> --help` prints. A new command is one more row.
 */
interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: CliIo): number | Promise<number>;
}

const COMMANDS: Command[] = [
  {
    name: 'check',
    summary: 'Check Dockerfiles for mistakes in stages, references and final images',
    help: CHECK_HELP,
    run: (args, io) => runCheck(parseCheckArgs(args), io),
  },
  {
    name: 'split',
    summary: 'Split a single-stage Dockerfile into builder and runtime stages',
    help: SPLIT_HELP,
    run: (args, io) => {
      const options = parseSplitArgs(args);
      return options.verify ? runSplitVerify(options, io.out, io.err) : runSplit(options, io.out, io.err);
    },
  },
  {
    name: 'verify',
    summary: 'Build two Dockerfiles with your Docker engine, run both and compare the images',
    help: VERIFY_HELP,
    run: (args, io) => runVerify(parseVerifyArgs(args), io.out, io.err),
  },
];

const VERSION = process.env.STAGEWRIGHT_VERSION ?? '0.0.0';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `Usage: stagewright <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help     Show this help, or a command's help after the command
  -v, --version  Show the version
      --no-color Print no colour (also when NO_COLOR is set; colour is used only on a terminal)

Run 'stagewright <command> --help' for a command's options.
`;
}

/** Runs the CLI; returns the exit code. 2 is a usage or I/O error, with one line and a hint on stderr. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(usage());
    return 2;
  }
  if (command === '-h' || command === '--help') {
    io.out(usage());
    return 0;
  }
  if (command === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !topic) return usageError(io, `no command '${rest[0]}'`, null);
    io.out(topic ? topic.help : usage());
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const found = COMMANDS.find((c) => c.name === command);
  if (!found) {
    return usageError(
      io,
      command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`,
      null,
    );
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(found.help);
    return 0;
  }
  try {
    return await found.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, found.name);
    if (error instanceof ConfigError) {
      for (const line of error.lines) io.err(`stagewright: ${line}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) {
      io.err(`stagewright: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

function usageError(io: CliIo, message: string, command: string | null): number {
  io.err(`stagewright: ${message}\nRun 'stagewright ${command ? `${command} ` : ''}--help' for usage.\n`);
  return 2;
}

// A reader that stops early (`stagewright check | head`) closes the pipe: stop quietly, as other
// command-line tools do, rather than print a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const args = process.argv.slice(2);
const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: colorWanted(args, process.env, process.stdout.isTTY === true),
};
main(withoutColorFlags(args), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`stagewright: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
