import { parseCheckArgs, runCheck } from './cli/check';
import { UsageError } from './cli/files';
import { parseSplitArgs, runSplit } from './cli/split';

const USAGE = `Usage: stagewright <command> [options]

Commands:
  check [paths...]     Check Dockerfiles (default ./Dockerfile; a directory means every Dockerfile under it)
      --format text|json|sarif  Output format (default text); sarif is SARIF 2.1.0 for code scanning
      --rule <id>[,<id>]   Run only these rules (repeatable)
      --ignore <id>[,<id>] Do not run these rules (repeatable)
    Suppression comments in the files apply (# stagewright-ignore, # check=skip=, # hadolint ignore=),
    and the .dockerignore beside each Dockerfile is read.
  split [Dockerfile]   Split a single-stage Dockerfile into builder and runtime stages (default ./Dockerfile)
      --write              Replace the file in place
      --diff               Print a unified diff instead of the result
      --runtime <family>   Pick a runtime: distroless, scratch, alpine, slim, or an image name

Options:
  -h, --help           Show this help
  -v, --version        Show the version

Exit codes: 0 no error-severity finding, 1 an error-severity finding, 2 usage or I/O error.
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const out = (text: string) => process.stdout.write(text);
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        out(`${process.env.STAGEWRIGHT_VERSION ?? '0.0.0'}\n`);
        return 0;
      case 'check':
        return runCheck(parseCheckArgs(rest), out);
      case 'split':
        return runSplit(parseSplitArgs(rest), out, (text) => process.stderr.write(text));
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`stagewright: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) {
      process.stderr.write(`stagewright: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
