/**
 * Verify's comparison logic on output recorded from a real engine (test/fixtures/verify): `docker image
 * inspect` and `docker history` of two engine-bed apps, their original and their hand split, and of the
 * base images; `docker cp` of a program and the listing of a `docker export`. The expectations come
 * from what differs between the Dockerfiles and their base images, read from the Dockerfiles.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  buildReport,
  checkEntry,
  compareConfigs,
  compareRuns,
  declaredConfig,
  indexEntries,
  layersOverBase,
  ownBytes,
  parseDockerfile,
  parseHistory,
  parseImageInspect,
  readElf,
  readTar,
  type ImageConfigJson,
  type ImageFileSystem,
  type TarEntry,
} from '../../server/src/core';
import type { RunObservation } from '../../shared/verify-data';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'verify');
const APPS = path.join(__dirname, '..', 'engine', 'apps');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const inspect = (name: string) => parseImageInspect(fixture(`${name}.inspect.json`));
const history = (name: string) => parseHistory(fixture(`${name}.history.jsonl`));
const declared = (app: string, file: string) =>
  declaredConfig(parseDockerfile(readFileSync(path.join(APPS, app, file), 'utf8')));

function configOf(name: string): ImageConfigJson {
  return inspect(name).Config ?? {};
}

describe('verify: configuration', () => {
  test('a hand split onto distroless differs only where the base images differ (go-server-nonroot)', () => {
    const diffs = compareConfigs({
      original: configOf('go-server-nonroot-orig'),
      candidate: configOf('go-server-nonroot-hand'),
      originalDeclared: declared('go-server-nonroot', 'Dockerfile'),
      candidateDeclared: declared('go-server-nonroot', 'Dockerfile.hand'),
    });
    assert.deepEqual(
      diffs.filter((d) => d.matters),
      [],
    );
    // golang:1.22 sets GOLANG_VERSION, GOTOOLCHAIN, GOPATH and puts /go/bin and /usr/local/go/bin on
    // PATH; distroless sets SSL_CERT_FILE. The app's own GREETER_* variables are in both.
    assert.deepEqual(
      diffs.map((d) => `${d.field} ${d.key}`),
      ['Env GOLANG_VERSION', 'Env GOPATH', 'Env GOTOOLCHAIN', 'Env PATH', 'Env SSL_CERT_FILE'],
    );
  });

  test('root written as "" and as 0 is the same user (c-zlib: gcc runs as "", distroless/base as 0)', () => {
    const diffs = compareConfigs({
      original: configOf('c-zlib-orig'),
      candidate: configOf('c-zlib-hand'),
      originalDeclared: declared('c-zlib', 'Dockerfile'),
      candidateDeclared: declared('c-zlib', 'Dockerfile.hand'),
    });
    assert.deepEqual(
      diffs.filter((d) => d.matters),
      [],
    );
    assert.equal(
      diffs.find((d) => d.field === 'User'),
      undefined,
    );
  });

  test('a variable the Dockerfile sets and the candidate lost matters; one the base sets does not', () => {
    const original = configOf('go-server-nonroot-orig');
    const candidate = configOf('go-server-nonroot-hand');
    const lost = { ...candidate, Env: (candidate.Env ?? []).filter((e) => !e.startsWith('GREETER_NAME=')) };
    const diffs = compareConfigs({
      original,
      candidate: lost,
      originalDeclared: declared('go-server-nonroot', 'Dockerfile'),
      candidateDeclared: declared('go-server-nonroot', 'Dockerfile.hand'),
    });
    const mattering = diffs.filter((d) => d.matters);
    assert.equal(mattering.length, 1);
    assert.equal(mattering[0]!.key, 'GREETER_NAME');
    assert.equal(mattering[0]!.original, 'stagewright');
    assert.equal(mattering[0]!.candidate, null);
  });

  test('each runtime field is compared by meaning', () => {
    const base: ImageConfigJson = configOf('go-server-nonroot-orig');
    const changed = (patch: Partial<ImageConfigJson>) =>
      compareConfigs({ original: base, candidate: { ...base, ...patch } }).map(
        (d) => `${d.field}${d.key ? ` ${d.key}` : ''}`,
      );
    assert.deepEqual(changed({ User: 'root' }), ['User']);
    assert.deepEqual(changed({ WorkingDir: '/workspace/' }), []);
    assert.deepEqual(changed({ WorkingDir: '/srv' }), ['WorkingDir']);
    assert.deepEqual(changed({ Entrypoint: ['/usr/bin/greeter'] }), ['Entrypoint']);
    assert.deepEqual(changed({ Cmd: [] }), []);
    assert.deepEqual(changed({ Cmd: ['-v'] }), ['Cmd']);
    assert.deepEqual(changed({ ExposedPorts: { '8080': {} } }), []);
    assert.deepEqual(changed({ ExposedPorts: { '8080/tcp': {}, '9090/tcp': {} } }), ['ExposedPorts 9090/tcp']);
    assert.deepEqual(changed({ Volumes: { '/data': {} } }), ['Volumes /data']);
    assert.deepEqual(changed({ Labels: { team: 'a' } }), ['Labels team']);
    assert.deepEqual(changed({ Healthcheck: null }), ['Healthcheck']);
    assert.deepEqual(changed({ Healthcheck: { ...base.Healthcheck, Retries: 5 } }), ['Healthcheck']);
    assert.deepEqual(changed({ StopSignal: '' }), []);
    assert.deepEqual(changed({ StopSignal: '15' }), []);
    assert.deepEqual(changed({ StopSignal: 'SIGINT' }), ['StopSignal']);
    assert.deepEqual(changed({ Shell: ['/bin/sh', '-c'] }), []);
    assert.deepEqual(changed({ Shell: ['/bin/bash', '-c'] }), ['Shell']);
  });

  test('PATH: the folders the original adds must stay on PATH in order', () => {
    const text = 'FROM debian:bookworm\nENV PATH=/opt/app/bin:$PATH\nCMD ["app"]\n';
    const d = declaredConfig(parseDockerfile(text));
    assert.deepEqual(d.pathFolders, ['/opt/app/bin']);
    assert.equal(d.baseImage, 'debian:bookworm');
    const original: ImageConfigJson = { Env: ['PATH=/opt/app/bin:/usr/local/bin:/usr/bin:/bin'] };
    const kept = compareConfigs({
      original,
      candidate: { Env: ['PATH=/opt/app/bin:/usr/bin:/bin'] },
      originalDeclared: d,
    });
    assert.deepEqual(
      kept.filter((x) => x.matters),
      [],
    );
    const lost = compareConfigs({ original, candidate: { Env: ['PATH=/usr/bin:/bin'] }, originalDeclared: d });
    assert.equal(lost.filter((x) => x.matters).length, 1);
  });
});

describe('verify: layers over the base', () => {
  test('the app layers of the original are what its Dockerfile made over golang:1.22', () => {
    const layers = layersOverBase(history('go-server-nonroot-orig'), history('golang-1.22'));
    assert.ok(layers);
    // WORKDIR, 3 COPY, RUN go build, ENV, EXPOSE, USER, HEALTHCHECK, STOPSIGNAL, ENTRYPOINT: 11 steps.
    assert.equal(layers.length, 11);
    assert.match(layers.find((l) => l.createdBy.startsWith('RUN'))!.createdBy, /go build/);
    // The base image's own entry is not among them, and the steps that only set configuration weigh nothing.
    assert.equal(
      layers
        .filter((l) => /^(ENV|EXPOSE|USER|HEALTHCHECK|STOPSIGNAL|ENTRYPOINT)/.test(l.createdBy))
        .reduce((s, l) => s + l.size, 0),
      0,
    );
    // The image's size is the base's plus what the Dockerfile added.
    const image = inspect('go-server-nonroot-orig');
    assert.equal(image.Size, inspect('golang-1.22').Size + ownBytes(layers));
  });

  test('a base whose history is not the tail gives no answer', () => {
    assert.equal(layersOverBase(history('c-zlib-hand'), history('golang-1.22')), undefined);
  });
});

describe('verify: ELF and tar', () => {
  const tar = readTar(readFileSync(path.join(FIXTURES, 'c-zlib-zstat.docker-cp.tar')), () => true);
  test('docker cp of one file is a tar with that file', () => {
    assert.deepEqual(
      tar.entries.map((e) => [e.path, e.type]),
      [['/zstat', 'file']],
    );
    assert.equal(tar.contents.get('/zstat')!.length, tar.entries[0]!.size);
  });
  test('zstat (C, linked with -lz) needs zlib and the C library through the x86-64 loader', () => {
    const elf = readElf(tar.contents.get('/zstat')!);
    assert.ok(elf);
    assert.equal(elf.bits, 64);
    assert.equal(elf.machine, 62);
    assert.equal(elf.interpreter, '/lib64/ld-linux-x86-64.so.2');
    assert.deepEqual([...elf.needed].sort(), ['libc.so.6', 'libz.so.1']);
  });
  test('not ELF, or cut short, is no answer', () => {
    assert.equal(readElf(Buffer.from('#!/bin/sh\necho hi\n')), undefined);
    assert.equal(readElf(tar.contents.get('/zstat')!.subarray(0, 40)), undefined);
  });
});

describe('verify: the entry command in the image file system', () => {
  const recorded = JSON.parse(fixture('c-zlib-hand.filesystem.json')) as {
    entries: { path: string; type: TarEntry['type']; link?: string }[];
    files: Record<string, string>;
  };
  const zstat = readTar(readFileSync(path.join(FIXTURES, 'c-zlib-zstat.docker-cp.tar')), () => true).contents.get(
    '/zstat',
  )!;
  function fileSystem(drop: string[] = [], add: TarEntry[] = []): ImageFileSystem {
    const entries: TarEntry[] = recorded.entries
      .filter((e) => !drop.includes(e.path))
      .map((e) => ({
        path: e.path,
        type: e.type,
        mode: 0o755,
        size: 0,
        uid: 0,
        gid: 0,
        ...(e.link ? { linkTarget: e.link } : {}),
      }));
    const map = indexEntries([...entries, ...add]);
    return {
      entries: map,
      read: async (p) =>
        p === '/usr/local/bin/zstat'
          ? zstat
          : recorded.files[p] !== undefined
            ? Buffer.from(recorded.files[p]!)
            : undefined,
    };
  }
  const config = configOf('c-zlib-hand');

  test('the hand split: zstat on PATH, the loader through /lib64, zlib and libc in the multiarch folder', async () => {
    const check = await checkEntry(fileSystem(), config);
    assert.deepEqual(check.problems, []);
    assert.equal(check.resolved, '/usr/local/bin/zstat');
    assert.equal(check.interpreter, '/lib64/ld-linux-x86-64.so.2');
    assert.deepEqual(check.libraries.map((l) => l.path).sort(), [
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib/x86_64-linux-gnu/libz.so.1',
    ]);
  });
  test('without libz.so.1 the library is missing', async () => {
    const check = await checkEntry(fileSystem(['/lib/x86_64-linux-gnu/libz.so.1']), config);
    assert.deepEqual(check.missingLibraries, ['libz.so.1']);
  });
  test('without the loader link the program cannot start', async () => {
    const check = await checkEntry(fileSystem(['/lib64/ld-linux-x86-64.so.2']), config);
    assert.equal(check.problems.length, 1);
    assert.match(check.problems[0]!, /ld-linux-x86-64/);
  });
  test('an entry path that is not in the image', async () => {
    const check = await checkEntry(fileSystem(), { ...config, Entrypoint: ['/usr/bin/zstat'] });
    assert.equal(check.resolved, null);
    assert.match(check.problems[0]!, /\/usr\/bin\/zstat is not in the image/);
    const byName = await checkEntry(fileSystem(['/usr/local/bin/zstat']), config);
    assert.match(byName.problems[0]!, /zstat is not in the image \(not on PATH/);
  });
  test('a relative entry resolves against WorkingDir, through a symbolic link', async () => {
    const link: TarEntry = {
      path: '/opt/zstat/run',
      type: 'symlink',
      linkTarget: '../../usr/local/bin/zstat',
      mode: 0o777,
      size: 0,
      uid: 0,
      gid: 0,
    };
    const check = await checkEntry(fileSystem([], [link]), { ...config, Entrypoint: ['./run'] });
    assert.deepEqual(check.problems, []);
    assert.equal(check.resolved, '/opt/zstat/run');
  });
});

describe('verify: runs and the verdict', () => {
  const exited = (exitCode: number, stdout: string): RunObservation => ({
    state: 'exited',
    exitCode,
    seconds: 0.4,
    stdout,
    stderr: '',
  });
  const running = (status?: number, body?: string): RunObservation => ({
    state: 'running',
    seconds: 5,
    stdout: '',
    stderr: '',
    ...(status !== undefined ? { http: { port: '8080', status, body: body ?? '' } } : {}),
  });
  test('programs: exit code and stdout', () => {
    assert.deepEqual(compareRuns(exited(0, 'a\nb\n'), exited(0, 'a\nb\n')), []);
    assert.equal(compareRuns(exited(0, 'a\n'), exited(3, 'a\n')).length, 1);
    assert.match(compareRuns(exited(0, 'a\nb\n'), exited(0, 'a\nc\n'))[0]!, /line 2/);
    assert.match(compareRuns(exited(0, ''), running())[0]!, /still running/);
  });
  test('servers: both up, and the same answer to GET /', () => {
    assert.deepEqual(compareRuns(running(200, 'hi'), running(200, 'hi')), []);
    assert.match(compareRuns(running(200, 'hi'), exited(1, ''))[0]!, /exited with 1/);
    assert.match(compareRuns(running(200, 'hi'), running(404, 'no'))[0]!, /status 404/);
    assert.match(compareRuns(running(200, 'hi'), running(200, 'ho'))[0]!, /body differs/);
  });
  test('the verdict', () => {
    const side = (built: boolean, size?: number) => ({
      dockerfile: 'Dockerfile',
      built,
      buildSeconds: 1,
      buildLog: '',
      ...(size ? { size } : {}),
    });
    const run = (o: RunObservation, c: RunObservation) => ({
      readOnly: true,
      original: o,
      candidate: c,
      differences: compareRuns(o, c),
    });
    assert.equal(
      buildReport({ original: side(false), candidate: side(true), config: [], seconds: 1 }).verdict,
      'could-not-verify',
    );
    assert.equal(
      buildReport({ original: side(true), candidate: side(false), config: [], seconds: 1 }).verdict,
      'different',
    );
    const same = buildReport({
      original: side(true, 880e6),
      candidate: side(true, 2e6),
      config: [],
      run: run(exited(0, 'x'), exited(0, 'x')),
      seconds: 1,
    });
    assert.equal(same.verdict, 'same');
    assert.match(same.summary, /880\.0 MB -> 2\.0 MB \(440x smaller\)/);
    const note = { field: 'Env' as const, key: 'GOPATH', original: '/go', candidate: null, matters: false, reason: '' };
    assert.equal(
      buildReport({ original: side(true), candidate: side(true), config: [note], seconds: 1 }).verdict,
      'same',
    );
    assert.equal(
      buildReport({ original: side(true), candidate: side(true), config: [{ ...note, matters: true }], seconds: 1 })
        .verdict,
      'different',
    );
    assert.equal(
      buildReport({
        original: side(true),
        candidate: side(true),
        config: [],
        run: run(exited(0, 'x'), exited(2, 'x')),
        seconds: 1,
      }).verdict,
      'different',
    );
  });
});
