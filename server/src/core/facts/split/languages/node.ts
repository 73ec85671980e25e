import * as path from 'node:path/posix';
import { NODE_BUILD_OUTPUTS, STATIC_SERVERS } from '../../../knowledge/build-commands';
import { resolveIn } from '../../../syntax/paths';
import { programWords, type StageFacts } from '../../stage-facts';
import { installsDevDependencies } from '../../leftover';
import { appDir, noAppDirReason } from './common';
import { decline, planned, type LanguagePlanner } from './types';

function staticSiteDir(facts: StageFacts, app: string): string | null {
  const words = programWords(facts.command);
  const line = words.join(' ');
  const cmdLine = line.replace(/^npx\s+/, '');
  if (/^(serve|http-server)\b/.test(cmdLine)) {
    const args = words.slice(words[0] === 'npx' ? 2 : 1);
    const positional = args.filter((w, i) => !w.startsWith('-') && !/^-(p|l|a|-port|-listen)$/.test(args[i - 1] ?? ''));
    if (positional[0]) return resolveIn(app, positional[0]);
  }
  const directory = /--directory[= ](\S+)/.exec(line)?.[1] ?? /--outDir[= ](\S+)/.exec(line)?.[1];
  if (directory) return resolveIn(app, directory);
  const pkg = facts.readImageFile(path.join(app, 'package.json'));
  if (pkg) {
    try {
      const scripts = (JSON.parse(pkg) as { scripts?: Record<string, string> }).scripts ?? {};
      const build = scripts.build ?? '';
      const explicit = /(?:--outDir|--out-dir|--output-path|--dist-dir|-o)[= ](\S+)/.exec(build)?.[1];
      if (explicit) return resolveIn(app, explicit);
      const row = NODE_BUILD_OUTPUTS.find((r) => r.tool.test(build));
      if (row) return resolveIn(app, row.dir);
    } catch {
      // Not JSON: fall through to the conventions below.
    }
  }
  if (/^vite\s+preview/.test(cmdLine) || /^npm\s+run\s+preview/.test(line)) return resolveIn(app, 'dist');
  return null;
}

function isStaticSite(facts: StageFacts): boolean {
  const line = programWords(facts.command).join(' ');
  return STATIC_SERVERS.some((r) => r.test(line));
}

const NODE_BUILTINS = /^(node:.*|http|https|fs|fs\/promises|path|url|zlib|stream|util|os|events|crypto|mime)$/;

/**
 * A server script of the app itself that only serves built files: it uses nothing but Node's own
 * modules, creates an HTTP server, reads files, and names the build directory. The package must have
 * no runtime dependencies. Returns the directory it serves, relative to the app.
 */
function staticServerScript(facts: StageFacts, app: string): string | null {
  const words = programWords(facts.command);
  if (path.basename(words[0] ?? '') !== 'node' || !words[1] || facts.workdir === null) return null;
  const pkgText = facts.readImageFile(path.join(app, 'package.json'));
  if (!pkgText) return null;
  try {
    const pkg = JSON.parse(pkgText) as { dependencies?: Record<string, string> };
    if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) return null;
  } catch {
    return null;
  }
  const script = facts.readImageFile(resolveIn(facts.workdir, words[1]));
  if (!script || !/\bcreateServer\b/.test(script) || !/\b(readFile|createReadStream)\b/.test(script)) return null;
  const modules = [...script.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  if (modules.some((m) => !NODE_BUILTINS.test(m))) return null;
  const dir = /['"`][./]*\/?(dist|build|out|public|_site|site)\/?['"`]/.exec(script)?.[1];
  return dir ? resolveIn(app, dir) : null;
}

function hasDependencies(facts: StageFacts, app: string): boolean {
  const pkg = facts.readImageFile(path.join(app, 'package.json'));
  if (!pkg) return false;
  try {
    return Object.keys((JSON.parse(pkg) as { dependencies?: Record<string, string> }).dependencies ?? {}).length > 0;
  } catch {
    return false;
  }
}

/** An `npm start` (or yarn/pnpm start) whose script runs only node: the runtime keeps the client. */
function startScript(facts: StageFacts, app: string): string | null {
  const pkg = facts.readImageFile(path.join(app, 'package.json'));
  if (!pkg) return null;
  try {
    return (JSON.parse(pkg) as { scripts?: Record<string, string> }).scripts?.start ?? null;
  } catch {
    return null;
  }
}

/**
 * Node: a static site built by the stage goes to nginx; a server keeps its app directory (with
 * production dependencies) on the node slim image of the same major, which ships npm.
 */
export const nodePlanner: LanguagePlanner = {
  language: 'node',
  plan({ facts, exposes }) {
    if (facts.shortName !== 'node')
      return decline('Node.js does not come from a node image, so its runtime version is unknown');
    const app = appDir(facts);
    if (!app) return decline(noAppDirReason(facts));
    // A static server that is the app's own dependency (not fetched by npx) stays with the app.
    const ownServer = isStaticSite(facts) && hasDependencies(facts, app);
    const served = isStaticSite(facts) ? null : staticServerScript(facts, app);
    if ((isStaticSite(facts) && !ownServer) || served) {
      const site = served ?? staticSiteDir(facts, app);
      if (!site)
        return decline(
          "no artifact found: the static site's build directory is not known (package.json could not be read)",
        );
      const port = exposes.flatMap((e) => e.args.map((a) => a.value.split('/')[0]!))[0];
      return planned({
        profile: 'static-site',
        artifacts: [{ source: site, dest: '/usr/share/nginx/html' }],
        listenPort: port && port !== '80' && /^\d+$/.test(port) ? port : null,
        spaFallback: programWords(facts.command).some((w) => w === '-s' || w === '--single'),
        carriesAppDirectory: true,
      });
    }
    if (!facts.builds.some((b) => b.row.language === 'node'))
      return decline('no build or install was found in the final stage');
    const runner = programWords(facts.command)[0];
    if (runner && !runner.includes('/') && !['node', 'npm', 'yarn', 'npx', 'pnpm'].includes(runner)) {
      return decline(`the container runs ${runner}, which the node runtime image does not have`);
    }
    // The node images ship npm and yarn, not pnpm: the builder got it through `npm install -g` or
    // `corepack enable`, and a runtime image would have to get it the same way at build time.
    if (runner === 'pnpm')
      return decline('the container runs pnpm, which the builder installed and the node runtime images do not have');
    if (runner && ['npm', 'yarn', 'pnpm'].includes(runner)) {
      const start = startScript(facts, app);
      // `npm start` runs package.json's script: it must not need what only the build had.
      if (start && /\b(tsc|webpack|vite|next\s+build|ts-node|nodemon|babel-node)\b/.test(start)) {
        return decline(`npm start runs "${start}", which needs the build tools`);
      }
    }
    const installs = facts.builds.filter((b) => b.row.id === 'npm install');
    // Installs with `--omit=dev`, or of named packages (`npm install screwdriver-api`), bring no dev
    // dependencies to prune.
    let pruneDev: 'npm' | 'yarn' | 'pnpm' | null = null;
    if (installs.length > 0 && installsDevDependencies(facts)) {
      const client = path.basename(installs[installs.length - 1]!.command.words[0]!);
      pruneDev = client === 'yarn' ? 'yarn' : client === 'pnpm' ? 'pnpm' : 'npm';
    }
    return planned({
      profile: 'node-server',
      artifacts: [{ source: app, dest: app }],
      pruneDev,
      carriesAppDirectory: true,
    });
  },
};
