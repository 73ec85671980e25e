import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile } from '../../server/src/core';
import { programCall, stageFacts } from '../../server/src/core/facts/stage-facts';
import { planOf, runtimesOf } from '../support/split-invariants';

/** The program and wrappers of the final stage's entry command. */
function call(dockerfile: string) {
  const model = parseDockerfile(dockerfile);
  const stage = model.stages[model.finalStage]!;
  return programCall(stageFacts(model, stage).command);
}

describe('the program behind an init or user-switching wrapper', () => {
  // Expected from each tool's usage: tini [-s] [-p SIG] [-e CODE] [-g] [--] PROGRAM;
  // dumb-init [-c] [-r s:r] [-v] [--] PROGRAM; catatonit [-g] [-p] [--] PROGRAM;
  // gosu USER PROGRAM; su-exec USER[:GROUP] PROGRAM.
  const cases: [string, string[], string[]][] = [
    ['ENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]', ['/sbin/tini'], ['node', 'server.js']],
    ['ENTRYPOINT ["tini", "-s", "-p", "SIGTERM", "-g", "--", "/app/run"]', ['tini'], ['/app/run']],
    ['ENTRYPOINT ["tini-static", "-e", "143", "app"]', ['tini-static'], ['app']],
    [
      'ENTRYPOINT ["/usr/local/bin/dumb-init", "--rewrite", "15:2", "--"]\nCMD ["server", "--port", "8080"]',
      ['/usr/local/bin/dumb-init'],
      ['server', '--port', '8080'],
    ],
    ['ENTRYPOINT ["dumb-init", "--rewrite=1:0", "-c", "python", "app.py"]', ['dumb-init'], ['python', 'app.py']],
    ['ENTRYPOINT ["/usr/local/bin/dumb-init", "--rewrite", "1:0"]', ['/usr/local/bin/dumb-init'], []],
    ['ENTRYPOINT ["catatonit", "-g", "--", "/bin/app"]', ['catatonit'], ['/bin/app']],
    ['ENTRYPOINT ["gosu", "app:app", "/usr/local/bin/api", "-v"]', ['gosu'], ['/usr/local/bin/api', '-v']],
    ['CMD ["su-exec", "nobody", "redis-server"]', ['su-exec'], ['redis-server']],
    ['ENTRYPOINT ["tini", "--", "gosu", "app", "/app/run"]', ['tini', 'gosu'], ['/app/run']],
    ['CMD exec tini -- ./start', ['tini'], ['./start']],
    ['CMD ["/app/server", "--", "x"]', [], ['/app/server', '--', 'x']],
  ];
  for (const [instructions, wrappers, words] of cases) {
    test(instructions.replace(/\n/g, ' | '), () => {
      const got = call(`FROM debian:bookworm-slim\n${instructions}\n`);
      assert.deepEqual(got.wrappers, wrappers);
      assert.deepEqual(got.words, words);
    });
  }
});

describe('the split keeps the wrapper the entry command starts through', () => {
  test('a wrapper installed as a package is installed in the runtime', () => {
    const dockerfile = [
      'FROM golang:1.22-bookworm',
      'RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /usr/local/bin/api ./cmd/api',
      'ENTRYPOINT ["/usr/bin/tini", "--"]',
      'CMD ["api"]',
      '',
    ].join('\n');
    const { model, plan } = planOf(dockerfile);
    assert.ok(plan.runtimePackages.apt.includes('tini'), JSON.stringify(plan.runtimePackages));
    assert.ok(plan.choices.length > 0);
    for (const { image, runtime, packages } of runtimesOf(model, plan)) {
      // Only runtimes that can install a Debian package: no distroless, no scratch.
      assert.equal(packages, 'apt', image);
      assert.match(runtime, /apt-get install[^\n]*\btini\b/);
      assert.match(runtime, /COPY --from=\S+ \/usr\/local\/bin\/api \/usr\/local\/bin\/api/);
      assert.match(runtime, /ENTRYPOINT \["\/usr\/bin\/tini", "--"\]/);
    }
  });

  test('a wrapper the stage downloaded is copied from the builder', () => {
    const dockerfile = [
      'FROM rust:1.79',
      'RUN curl -fsSL -o /usr/local/bin/gosu https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 \\',
      '    && chmod +x /usr/local/bin/gosu',
      'RUN useradd --system app',
      'WORKDIR /src',
      'COPY . .',
      'RUN cargo build --release',
      'ENTRYPOINT ["/usr/local/bin/gosu", "app", "/src/target/release/api"]',
      '',
    ].join('\n');
    const { plan } = planOf(dockerfile, {
      readWorkspaceFile: (p) => (p === 'Cargo.toml' ? '[package]\nname = "api"\nversion = "0.1.0"\n' : undefined),
    });
    assert.ok(plan.artifacts.some((a) => a.source === '/usr/local/bin/gosu' && a.dest === '/usr/local/bin/gosu'));
    assert.ok(plan.artifacts.some((a) => a.dest === '/src/target/release/api'));
  });
});
