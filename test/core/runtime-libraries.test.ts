import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { distroOf } from '../../server/src/core/knowledge/distros';
import {
  decodeRuntimeLibraryTable,
  DEFAULT_DEBIAN_RELEASE,
  libraryDistroOf,
  runtimeLibraries,
  type LibraryDistro,
} from '../../server/src/core/knowledge/runtime-libraries';
import {
  RUNTIME_LIBRARY_INDEX_DATES,
  RUNTIME_LIBRARY_RELEASES,
  RUNTIME_LIBRARY_TABLE,
} from '../../server/src/core/knowledge/runtime-libraries.generated';
import {
  checkRoundTrip,
  encodeTable,
  expandRelease,
  mirrorCandidates,
  parseDeb822,
  parsePackages,
  parseSourcesList,
  resolveRelease,
} from '../../scripts/generate-runtime-libraries';

const debian = (release: string | null): LibraryDistro => ({ family: 'debian', release });
const ubuntu = (release: string | null): LibraryDistro => ({ family: 'ubuntu', release });
const alpine = (release: string | null): LibraryDistro => ({ family: 'alpine', release });

// Expectations below are what Debian ships (packages.debian.org), not read back from the table.
describe('Debian', () => {
  test('libpq-dev: libpq5 in bookworm and trixie', () => {
    assert.deepEqual(runtimeLibraries('libpq-dev', debian('bookworm')), ['libpq5']);
    assert.deepEqual(runtimeLibraries('libpq-dev', debian('trixie')), ['libpq5']);
  });

  test('libssl-dev: libssl3 in bookworm, libssl3t64 in trixie (64-bit time_t), libssl1.1 in bullseye', () => {
    assert.deepEqual(runtimeLibraries('libssl-dev', debian('bookworm')), ['libssl3']);
    assert.deepEqual(runtimeLibraries('libssl-dev', debian('trixie')), ['libssl3t64']);
    assert.deepEqual(runtimeLibraries('libssl-dev', debian('bullseye')), ['libssl1.1']);
  });

  test('the boost metapackage resolves through the versioned -dev package to the library', () => {
    assert.deepEqual(runtimeLibraries('libboost-program-options-dev', debian('bookworm')), [
      'libboost-program-options1.74.0',
    ]);
    assert.deepEqual(runtimeLibraries('libboost-program-options-dev', debian('trixie')), [
      'libboost-program-options1.83.0',
    ]);
    assert.deepEqual(runtimeLibraries('libboost-program-options1.74-dev', debian('bookworm')), [
      'libboost-program-options1.74.0',
    ]);
  });

  test('default-libmysqlclient-dev resolves through libmariadb-dev-compat and libmariadb-dev to libmariadb3', () => {
    for (const release of ['bookworm', 'trixie']) {
      assert.deepEqual(runtimeLibraries('default-libmysqlclient-dev', debian(release)), ['libmariadb3'], release);
      assert.deepEqual(runtimeLibraries('libmariadb-dev', debian(release)), ['libmariadb3'], release);
    }
  });

  test('common -dev packages whose library is not named after them', () => {
    const bookworm: Record<string, string[]> = {
      'zlib1g-dev': ['zlib1g'],
      'libsqlite3-dev': ['libsqlite3-0'],
      'libffi-dev': ['libffi8'],
      'libxml2-dev': ['libxml2'],
      'libjpeg-dev': ['libjpeg62-turbo'],
      'libpng-dev': ['libpng16-16'],
      'libcurl4-openssl-dev': ['libcurl4'],
      'libyaml-dev': ['libyaml-0-2'],
      'libgmp-dev': ['libgmp10', 'libgmpxx4ldbl'],
      'libreadline-dev': ['libreadline8'],
      'libncurses-dev': ['libncurses6', 'libncursesw6', 'libtinfo6'],
      'libbz2-dev': ['libbz2-1.0'],
      'liblzma-dev': ['liblzma5'],
      'libzstd-dev': ['libzstd1'],
      'uuid-dev': ['libuuid1'],
      'libicu-dev': ['libicu72'],
      'libexpat1-dev': ['libexpat1'],
    };
    for (const [dev, libs] of Object.entries(bookworm))
      assert.deepEqual(runtimeLibraries(dev, debian('bookworm')), libs, dev);
  });

  test('trixie renamed the libraries whose ABI has a time_t in it, not the others', () => {
    assert.deepEqual(runtimeLibraries('libcurl4-openssl-dev', debian('trixie')), ['libcurl4t64']);
    assert.deepEqual(runtimeLibraries('libpng-dev', debian('trixie')), ['libpng16-16t64']);
    assert.deepEqual(runtimeLibraries('libreadline-dev', debian('trixie')), ['libreadline8t64']);
    assert.deepEqual(runtimeLibraries('zlib1g-dev', debian('trixie')), ['zlib1g']);
    assert.deepEqual(runtimeLibraries('libsqlite3-dev', debian('trixie')), ['libsqlite3-0']);
    assert.deepEqual(runtimeLibraries('libffi-dev', debian('trixie')), ['libffi8']);
  });

  test('a virtual -dev name with one provider answers for the provider (libz-dev is zlib1g-dev)', () => {
    assert.deepEqual(runtimeLibraries('libz-dev', debian('bookworm')), ['zlib1g']);
  });

  test('no release means bookworm', () => {
    assert.equal(DEFAULT_DEBIAN_RELEASE, 'bookworm');
    assert.deepEqual(runtimeLibraries('libssl-dev', debian(null)), ['libssl3']);
    assert.deepEqual(runtimeLibraries('libffi-dev', debian(null)), runtimeLibraries('libffi-dev', debian('bookworm')));
  });

  test('never the C library, which every image has', () => {
    for (const release of RUNTIME_LIBRARY_RELEASES) {
      const libs = decodeRuntimeLibraryTable(RUNTIME_LIBRARY_TABLE, RUNTIME_LIBRARY_RELEASES)[
        RUNTIME_LIBRARY_RELEASES.indexOf(release)
      ]!;
      for (const [dev, entry] of libs) assert.ok(!entry.libs.includes('libc6'), `${release} ${dev}`);
    }
    assert.equal(runtimeLibraries('libc6-dev', debian('bookworm')), null);
  });

  test('apt-get syntax after the name (version, architecture, release) is ignored', () => {
    assert.deepEqual(runtimeLibraries('libssl-dev:amd64', debian('bookworm')), ['libssl3']);
    assert.deepEqual(runtimeLibraries('libpq-dev=15.*', debian('bookworm')), ['libpq5']);
    assert.deepEqual(runtimeLibraries('libpq-dev/bookworm-backports', debian('bookworm')), ['libpq5']);
  });

  test('null: unknown -dev names, names that are not -dev, header-only packages, releases outside the table', () => {
    assert.equal(runtimeLibraries('libnot-a-real-package-dev', debian('bookworm')), null);
    assert.equal(runtimeLibraries('libpq5', debian('bookworm')), null);
    assert.equal(runtimeLibraries('build-essential', debian('bookworm')), null);
    assert.equal(runtimeLibraries('libboost-dev', debian('bookworm')), null);
    assert.equal(runtimeLibraries('libpq-dev', debian('buster')), null);
    assert.equal(runtimeLibraries('libpq-dev', debian('forky')), null);
  });

  test('answers are copies: changing one does not change the next', () => {
    const first = runtimeLibraries('libpq-dev', debian('bookworm'))!;
    first.push('changed');
    assert.deepEqual(runtimeLibraries('libpq-dev', debian('bookworm')), ['libpq5']);
  });
});

describe('Ubuntu, derived from the Debian releases around it', () => {
  test('names both neighbours agree on', () => {
    assert.deepEqual(runtimeLibraries('libpq-dev', ubuntu('jammy')), ['libpq5']);
    assert.deepEqual(runtimeLibraries('zlib1g-dev', ubuntu('jammy')), ['zlib1g']);
    assert.deepEqual(runtimeLibraries('libboost-program-options-dev', ubuntu('jammy')), [
      'libboost-program-options1.74.0',
    ]);
    assert.deepEqual(runtimeLibraries('libpq-dev', ubuntu('noble')), ['libpq5']);
  });

  test('noble has the 64-bit time_t renames', () => {
    assert.deepEqual(runtimeLibraries('libssl-dev', ubuntu('noble')), ['libssl3t64']);
    assert.deepEqual(runtimeLibraries('libcurl4-openssl-dev', ubuntu('noble')), ['libcurl4t64']);
  });

  test('null where the neighbours differ otherwise, where Ubuntu packages it differently, and for other releases', () => {
    assert.equal(runtimeLibraries('libssl-dev', ubuntu('jammy')), null); // libssl1.1 → libssl3 in between
    assert.equal(runtimeLibraries('libboost-program-options-dev', ubuntu('noble')), null); // 1.74 → 1.83
    assert.equal(runtimeLibraries('libjpeg-dev', ubuntu('noble')), null); // libjpeg-turbo8 in Ubuntu
    assert.equal(runtimeLibraries('default-libmysqlclient-dev', ubuntu('jammy')), null); // MySQL's client in Ubuntu
    assert.equal(runtimeLibraries('libpq-dev', ubuntu('focal')), null);
    assert.equal(runtimeLibraries('libpq-dev', ubuntu(null)), null);
  });
});

describe('Alpine, by apk subpackage naming', () => {
  test('foo-dev: the library is in foo', () => {
    assert.deepEqual(runtimeLibraries('libpq-dev', alpine('3.20')), ['libpq']);
    assert.deepEqual(runtimeLibraries('zlib-dev', alpine('3.20')), ['zlib']);
    assert.deepEqual(runtimeLibraries('libffi-dev', alpine(null)), ['libffi']);
  });

  test('foo-dev: foo-libs where the APKBUILD splits the libraries off', () => {
    assert.deepEqual(runtimeLibraries('sqlite-dev', alpine('3.20')), ['sqlite-libs']);
    assert.deepEqual(runtimeLibraries('boost-dev', alpine('3.20')), ['boost-libs']);
    assert.deepEqual(runtimeLibraries('boost1.84-dev', alpine('3.20')), ['boost1.84-libs']);
    assert.deepEqual(runtimeLibraries('ncurses-dev', alpine('3.20')), ['ncurses-libs']);
  });

  test('the exceptions aports has', () => {
    assert.deepEqual(runtimeLibraries('openssl-dev', alpine('3.20')), ['libcrypto3', 'libssl3']);
    assert.deepEqual(runtimeLibraries('openssl-dev', alpine('3.16')), ['libcrypto1.1', 'libssl1.1']);
    assert.deepEqual(runtimeLibraries('postgresql-dev', alpine('3.20')), ['libpq']);
    assert.deepEqual(runtimeLibraries('postgresql16-dev', alpine('3.20')), ['libpq']);
    assert.deepEqual(runtimeLibraries('curl-dev', alpine('3.20')), ['libcurl']);
    assert.deepEqual(runtimeLibraries('musl-dev', alpine('3.20')), []);
  });

  test('not -dev: null', () => {
    assert.equal(runtimeLibraries('build-base', alpine('3.20')), null);
    assert.equal(runtimeLibraries('libpq', alpine('3.20')), null);
  });
});

describe('the distribution, from an image as distros.ts reads it', () => {
  test('debian, ubuntu and alpine tags', () => {
    assert.deepEqual(libraryDistroOf(distroOf('python', '3.12-slim-bookworm')), {
      family: 'debian',
      release: 'bookworm',
    });
    assert.deepEqual(libraryDistroOf(distroOf('ubuntu', '24.04')), { family: 'ubuntu', release: 'noble' });
    assert.deepEqual(libraryDistroOf(distroOf('golang', '1.22-alpine3.20')), { family: 'alpine', release: '3.20' });
    assert.equal(libraryDistroOf(distroOf('openjdk', '21')), null);
  });

  test('a trixie-based image gets trixie names', () => {
    const d = libraryDistroOf(distroOf('golang', '1.25'))!;
    assert.deepEqual(runtimeLibraries('libssl-dev', d), ['libssl3t64']);
  });
});

describe('the generated table', () => {
  const source = readFileSync(
    path.join(__dirname, '..', '..', 'server', 'src', 'core', 'knowledge', 'runtime-libraries.generated.ts'),
    'utf8',
  );

  test('its header says what generated it, from which releases and index dates', () => {
    const header = source
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .join('\n');
    assert.match(header, /scripts\/generate-runtime-libraries\.ts/);
    assert.match(header, /Do not edit/);
    for (const release of ['bookworm', 'trixie']) {
      assert.ok((RUNTIME_LIBRARY_RELEASES as readonly string[]).includes(release), release);
      assert.match(header, new RegExp(`${release} \\([\\d.]+, index of ${RUNTIME_LIBRARY_INDEX_DATES[release]}\\)`));
      assert.match(RUNTIME_LIBRARY_INDEX_DATES[release]!, /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test('is not empty, decodes to package names, and its references point into the same release', () => {
    const tables = decodeRuntimeLibraryTable(RUNTIME_LIBRARY_TABLE, RUNTIME_LIBRARY_RELEASES);
    const name = /^[a-z0-9][a-z0-9+.-]+$/;
    for (const [i, table] of tables.entries()) {
      const release = RUNTIME_LIBRARY_RELEASES[i]!;
      assert.ok(table.size > 1000, `${release}: ${table.size} names`);
      for (const [dev, entry] of table) {
        assert.ok(dev.endsWith('-dev') && name.test(dev), dev);
        assert.ok(entry.libs.length + entry.refs.length > 0, `${release} ${dev}`);
        for (const lib of entry.libs) assert.ok(name.test(lib) && !lib.endsWith('-dev'), `${release} ${dev}: ${lib}`);
        for (const ref of entry.refs) assert.ok(table.has(ref), `${release} ${dev}: ${ref}`);
      }
    }
  });

  test('stays compact', () => {
    assert.ok(Buffer.byteLength(source) < 150 * 1024, `${Buffer.byteLength(source)} bytes`);
  });
});

// The generator's rule and text form, on a made-up index (no network).
describe('the generator', () => {
  const stanza = (fields: Record<string, string | undefined>) =>
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
  const index = [
    { Package: 'libc6', Source: 'glibc', Section: 'libs', Depends: 'libgcc-s1' },
    { Package: 'libgcc-s1', Source: 'gcc-14', Section: 'libs', Depends: 'gcc-14-base, libc6 (>= 2.35)' },
    { Package: 'gcc-14-base', Source: 'gcc-14', Section: 'libs' },
    {
      Package: 'libc6-dev',
      Source: 'glibc',
      Section: 'libdevel',
      Depends: 'libc6 (= 2.41-1), linux-libc-dev',
      Provides: 'libc-dev',
    },
    { Package: 'linux-libc-dev', Source: 'linux', Section: 'devel' },
    { Package: 'libssl3t64', Source: 'openssl', Section: 'libs', Depends: 'libc6 (>= 2.34)' },
    { Package: 'libssl-dev', Source: 'openssl', Section: 'libdevel', Depends: 'libssl3t64 (= 3.5.1-1)' },
    { Package: 'libpq5', Source: 'postgresql-17', Section: 'libs', Depends: 'libc6, libssl3t64' },
    { Package: 'libpq-dev', Source: 'postgresql-17', Section: 'libdevel', Depends: 'libpq5 (= 17.5-1), libssl-dev' },
    { Package: 'libfoo1.2.0', Source: 'foo1.2', Section: 'libs', Depends: 'libc6, libbar7' },
    { Package: 'libbar7', Source: 'bar', Section: 'libs' },
    {
      Package: 'libfoo1.2-dev',
      Source: 'foo1.2',
      Section: 'libdevel',
      Depends: 'libfoo1.2.0 (= 1.2.0-1), libbar7, libfoo-headers1.2-dev',
    },
    { Package: 'libfoo-headers1.2-dev', Source: 'foo1.2', Section: 'libdevel', Depends: 'libc6-dev | libc-dev' },
    { Package: 'libfoo-dev', Source: 'foo-defaults', Section: 'libdevel', Depends: 'libfoo1.2-dev' },
    { Package: 'libwrap-dev', Source: 'wrap', Section: 'libdevel', Depends: 'libfoo-dev, libssl-dev, libc6-dev' },
    { Package: 'zlib1g', Source: 'zlib', Section: 'libs', Depends: 'libc6' },
    {
      Package: 'zlib1g-dev',
      Source: 'zlib',
      Section: 'libdevel',
      Depends: 'zlib1g (= 1:1.3), libc6-dev | libc-dev',
      Provides: 'libz-dev',
    },
    { Package: 'librust-foo-sys-dev', Source: 'rust-foo-sys', Section: 'rust', Depends: 'libfoo-dev' },
  ]
    .map(stanza)
    .join('\n\n');
  const packages = parsePackages(index);
  const table = resolveRelease(packages);
  const expanded = expandRelease(table);

  test('own libraries only, libc6 and what it pulls in left out', () => {
    assert.deepEqual(expanded.get('libssl-dev'), ['libssl3t64']);
    assert.deepEqual(expanded.get('libpq-dev'), ['libpq5']);
    assert.deepEqual(expanded.get('libfoo1.2-dev'), ['libfoo1.2.0']);
    assert.equal(expanded.get('libc6-dev'), undefined);
  });

  test('a metapackage and a header-only wrapper follow the -dev packages they depend on, not the toolchain', () => {
    assert.deepEqual(table.get('libfoo-dev'), { libs: [], refs: ['libfoo1.2-dev'] });
    assert.deepEqual(expanded.get('libfoo-dev'), ['libfoo1.2.0']);
    assert.deepEqual(expanded.get('libwrap-dev'), ['libfoo1.2.0', 'libssl3t64']);
  });

  test('a virtual -dev name with one provider, and no language-ecosystem sources', () => {
    assert.deepEqual(expanded.get('libz-dev'), ['zlib1g']);
    assert.equal(expanded.get('librust-foo-sys-dev'), undefined);
  });

  test('the text form reads back through the lookup decoder, across releases', () => {
    const older = new Map(table);
    older.set('libssl-dev', { libs: ['libssl3'], refs: [] });
    older.set('libfoo1.2-dev', { libs: ['libfoo1.1.0'], refs: [] });
    older.delete('libwrap-dev');
    const tables = [older, table, table];
    const text = encodeTable(tables.slice(0, RUNTIME_LIBRARY_RELEASES.length));
    checkRoundTrip(text, tables.slice(0, RUNTIME_LIBRARY_RELEASES.length));
    const decoded = decodeRuntimeLibraryTable(text, RUNTIME_LIBRARY_RELEASES);
    assert.deepEqual(decoded[0]!.get('libssl-dev'), { libs: ['libssl3'], refs: [] });
    assert.deepEqual(decoded[1]!.get('libssl-dev'), { libs: ['libssl3t64'], refs: [] });
    assert.equal(decoded[0]!.get('libwrap-dev'), undefined);
    assert.deepEqual(decoded[1]!.get('libwrap-dev'), table.get('libwrap-dev'));
  });

  test('the mirror comes from the apt sources, one-line or deb822, unless overridden', () => {
    const deb822 = parseDeb822(
      'Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n' +
        'Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main\n\n' +
        'Types: deb\nURIs: https://vendor.example/apt\nSuites: nodistro\nComponents: main\n\n' +
        'Types: deb\nEnabled: no\nURIs: http://disabled.example/debian\nSuites: trixie\nComponents: main\n',
    );
    assert.deepEqual(mirrorCandidates('bookworm', deb822, undefined), ['http://mirror.example/debian']);
    assert.deepEqual(mirrorCandidates('trixie', deb822, undefined), ['http://mirror.example/debian']);
    assert.deepEqual(mirrorCandidates('trixie', deb822, 'http://other.example/debian/'), [
      'http://other.example/debian',
    ]);
    const list = parseSourcesList(
      '# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://list.example/debian trixie main contrib\ndeb-src http://src.example/debian trixie main\n',
    );
    assert.deepEqual(list, [
      { uri: 'http://list.example/debian', suites: ['trixie'], components: ['main', 'contrib'] },
    ]);
    // A vendor's repository with a Debian codename comes first only when it has `main` and serves
    // that very suite; its Release file (Origin) then rules it out.
    const vendors = parseSourcesList(
      'deb https://vendor.example/docker trixie stable\ndeb https://vendor.example/apt bookworm main',
    );
    assert.deepEqual(mirrorCandidates('trixie', [...vendors, ...list], undefined), [
      'http://list.example/debian',
      'https://vendor.example/apt',
    ]);
    assert.deepEqual(
      mirrorCandidates('trixie', parseSourcesList('deb https://vendor.example/apt nodistro main'), undefined),
      [],
    );
  });
});
