// The engine proof from the command line:
//
//   node --import tsx test/engine/run.ts [--bench] [APP-FILTER...]
//
// builds each app's original Dockerfile, the CLI's split of it and the hand-written Dockerfile.hand
// on the real engine (scripts/setup-engine.sh, scripts/engine-images.sh), runs them, compares them
// and prints a Markdown table of sizes. With --bench the table also goes to bench/REFACTOR.md.
// Exit status 1 when a split does not build or behave like its original (or the CLI is missing).
//
// Environment: STAGEWRIGHT_SPLIT_FROM=hand (use Dockerfile.hand as the split, to check the harness),
// STAGEWRIGHT_ENGINE_KEEP=1 (keep images and temp folders), DOCKER_HOST / STAGEWRIGHT_ENGINE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverApps } from './lib/apps.js';
import { dockerOk, engineProblem, inspectImage } from './lib/docker.js';
import { missingBaseImages, optionsFromEnv, runApp, type AppReport } from './lib/harness.js';
import { problemsText, sizeTable, timeTable } from './lib/report.js';

async function baseImageTable(): Promise<string> {
  const names = [
    'golang:1.22',
    'rust:1.77',
    'gcc:12',
    'node:20',
    'node:20-slim',
    'python:3.11',
    'python:3.11-slim',
    'eclipse-temurin:17-jdk',
    'maven:3.9-eclipse-temurin-17',
    'eclipse-temurin:17-jre',
    'debian:bookworm',
    'debian:bookworm-slim',
    'nginx:1.25',
    'busybox:latest',
    'gcr.io/distroless/static-debian12',
    'gcr.io/distroless/base-debian12',
    'gcr.io/distroless/cc-debian12',
  ];
  const rows = ['| image | size |', '| --- | ---: |'];
  for (const n of names) {
    try {
      rows.push(`| ${n} | ${((await inspectImage(n)).Size / 1e6).toFixed(1)} MB |`);
    } catch {
      rows.push(`| ${n} | missing |`);
    }
  }
  return rows.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const bench = argv.includes('--bench');
  const filters = argv.filter((a) => !a.startsWith('--'));
  const options = optionsFromEnv((line) => process.stderr.write(`${line}\n`));
  const problem = await engineProblem();
  if (problem) {
    process.stderr.write(`engine: ${problem}\n`);
    return 1;
  }
  const apps = discoverApps(filters, options.root);
  const reports: AppReport[] = [];
  const started = Date.now();
  for (const app of apps) {
    const missing = await missingBaseImages(app);
    if (missing.length > 0) {
      process.stderr.write(
        `engine: base images missing (run \`bash scripts/engine-images.sh\`): ${missing.join(', ')}\n`,
      );
      return 1;
    }
    reports.push(await runApp(app, options));
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const splitSource =
    options.splitFrom === 'hand'
      ? 'Dockerfile.hand (STAGEWRIGHT_SPLIT_FROM=hand)'
      : '`node dist/cli.js split Dockerfile`';
  const server = (await dockerOk(['version', '--format', '{{.Server.Version}}'])).trim();
  const problems = problemsText(reports);
  const unavailable = reports.find((r) => r.splitUnavailable)?.splitUnavailable;
  if (unavailable) process.stderr.write(`split not run: ${unavailable}\n`);
  const doc = [
    '# Multi-stage split on a real engine',
    '',
    `Each app under \`test/engine/apps/\` built three ways with \`DOCKER_BUILDKIT=1 docker build --network=none\` ` +
      '(the host network for the apps whose Dockerfiles install Debian packages) ' +
      `(Docker ${server}, local base images from \`scripts/engine-images.sh\`): its single-stage \`Dockerfile\`, ` +
      `the split from ${splitSource}, and the hand-written \`Dockerfile.hand\`. ` +
      '"output matched" means the split built, ran with the same output and exit code (servers: same HTTP ' +
      'answers, health and exit on stop), kept the runtime config and the files app.json lists; for the apps the split ' +
      'must decline, that the CLI declined with the expected reason. Sizes are `docker image inspect` sizes, MB = 10^6 bytes. ' +
      `Run took ${minutes} min for ${reports.length} apps.`,
    '',
    ...(unavailable ? [`**The split was not run**: ${unavailable}.`, ''] : []),
    sizeTable(reports),
    '',
    '## Build times',
    '',
    timeTable(reports),
    '',
    '## Base images',
    '',
    await baseImageTable(),
    '',
    ...(problems === '' ? [] : ['## Problems', '', problems, '']),
  ].join('\n');
  process.stdout.write(`${doc}\n`);
  if (bench) {
    const dir = join(options.root, 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'REFACTOR.md'), `${doc}\n`);
    process.stderr.write(`wrote ${join(dir, 'REFACTOR.md')}\n`);
  }
  const failed = reports.filter((r) => r.splitProblems.length > 0 || r.handProblems.length > 0);
  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
