/**
 * Split classes found by judging the split on real single-stage Dockerfiles it had not met (the
 * shared corpus's single-stage files and the second precision set): each expectation is written from
 * what the image needs at run time, not from the tool's output.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { declineOf, planOf, runtimesOf } from '../support/split-invariants';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('split on shapes met in unseen Dockerfiles', () => {
  test('a config file copied beside the app directory goes with the app (gunicorn_conf.py at /)', () => {
    // The start script runs `gunicorn -c /gunicorn_conf.py`: a runtime without the file fails to start.
    const dockerfile = lines(
      'FROM python:3.11',
      'COPY requirements.txt /tmp/requirements.txt',
      'RUN pip install --no-cache-dir -r /tmp/requirements.txt',
      'COPY ./start.sh /start.sh',
      'RUN chmod +x /start.sh',
      'COPY ./gunicorn_conf.py /gunicorn_conf.py',
      'COPY ./app /app',
      'WORKDIR /app/',
      'ENV PYTHONPATH=/app',
      'CMD ["/start.sh"]',
    );
    const { model, plan } = planOf(dockerfile);
    for (const { image, runtime } of runtimesOf(model, plan)) {
      assert.match(runtime, /\/gunicorn_conf\.py/, `${image} keeps /gunicorn_conf.py`);
      assert.match(runtime, /\/start\.sh/, `${image} keeps /start.sh`);
      assert.match(runtime, /COPY --from=\S+ \/app \/app/, `${image} keeps the app directory`);
    }
  });

  test('a start script from the context in front of a `make install` nobody can list is declined', () => {
    // The script starts what make install put somewhere under /usr/local; a runtime with the
    // script alone would have nothing to start.
    const dockerfile = lines(
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential',
      'WORKDIR /usr/src/server',
      'COPY . .',
      'RUN ./configure && make && make install',
      'COPY start-server /usr/local/bin/',
      'CMD ["start-server"]',
    );
    assert.match(declineOf(dockerfile), /start-server\) is a file of the build context/);
  });

  test('a program the build made is still split when make does not list its outputs', () => {
    // make builds ./hello in the working directory; the CMD starts that file.
    const dockerfile = lines('FROM gcc:13', 'WORKDIR /usr/src/hello', 'COPY . .', 'RUN make', 'CMD ["./hello"]');
    const { plan } = planOf(dockerfile, {
      listWorkspaceDir: (p) => (p === '.' || p === '' ? ['Makefile', 'hello.c'] : undefined),
    });
    assert.ok(plan.artifacts.some((a) => a.source === '/usr/src/hello/hello'));
  });

  test('an image that builds a language from source is a language image: declined', () => {
    const dockerfile = lines(
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc-dev curl libssl-dev',
      'ENV RUBY_VERSION=3.3.6',
      'RUN curl -fsSL -o ruby.tar.gz "https://cache.ruby-lang.org/pub/ruby/3.3/ruby-${RUBY_VERSION}.tar.gz" \\',
      '    && mkdir -p /usr/src/ruby && tar -xzf ruby.tar.gz -C /usr/src/ruby --strip-components=1 \\',
      '    && cd /usr/src/ruby && ./configure --disable-install-doc && make && make install',
      'COPY serve.sh /usr/local/bin/',
      'CMD ["serve.sh"]',
    );
    assert.match(declineOf(dockerfile), /^the toolchain is the product: the image builds ruby from source/);
  });
});

describe('split of a Node app started through pnpm', () => {
  test('declined: the node runtime images have npm and yarn, not pnpm', () => {
    // argo-cd's UI image: corepack enables pnpm in the build, and `pnpm start` starts the app.
    const dockerfile = lines(
      'FROM node:24',
      'WORKDIR /app/ui',
      'COPY ui /app/ui',
      'RUN npm install -g corepack@0.34.6 && corepack enable && pnpm install --frozen-lockfile',
      'ENTRYPOINT ["pnpm", "start"]',
    );
    assert.match(declineOf(dockerfile), /runs pnpm/);
  });
});
