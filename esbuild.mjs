// Bundles the extension client, the language server, the CLI and the GitHub Action's entry into dist/.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  // No keepNames: it re-sets the name of every nested function each time one is created, which
  // costs the server about a sixth of a keystroke's time; the linked source maps give stack traces names.
  keepNames: false,
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.STAGEWRIGHT_VERSION': JSON.stringify(pkg.version) },
};

/**
 * The language server's libraries require `crypto` and `child_process` when they load, for work the
 * server never or rarely does (pipe names, resolving global modules), and `fs/promises` serves only
 * .dockerignore reads. Loading them costs about 2 MiB of resident memory (OpenSSL, `dgram` with
 * `child_process`, `readline` with `fs/promises`), so the server bundle gets each on first use of one
 * of its members instead.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(crypto|child_process|fs\/promises)$/ }, (args) =>
      args.namespace === 'lazy-builtin'
        ? undefined
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      // The member names are listed at build time, so that listing them (as the bundle's interop
      // does for `import { x } from`) does not load the module.
      const keys = Object.keys(await import(`node:${args.path}`)).filter((key) => key !== 'default');
      return {
        loader: 'js',
        contents: `let loaded;
const load = () => (loaded ??= require('node:${args.path}'));
const keys = ${JSON.stringify(keys)};
module.exports = new Proxy({}, {
  // The interop's probe: no Node built-in module is a transpiled ES module.
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => keys.includes(key) || key in load(),
  ownKeys: () => [...keys],
  getOwnPropertyDescriptor: (_, key) =>
    keys.includes(key) ? { get: () => load()[key], enumerable: true, configurable: true } : undefined,
});`,
      };
    });
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [lazyBuiltins] },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // action.yml runs it; it runs dist/cli.js beside it.
  { ...common, entryPoints: ['action/main.ts'], outfile: 'dist/action.js' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
