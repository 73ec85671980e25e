import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { MAX_DOCKERIGNORE_BYTES, readDockerignoreSync } from '../../server/src/host/dockerignore-file';
import { isInsideFolders } from '../../server/src/lsp/workspace-files';

const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-dockerignore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the CLI takes <name>.dockerignore beside the Dockerfile first, then .dockerignore', () => {
  mkdirSync(path.join(dir, 'a'));
  writeFileSync(path.join(dir, 'a', '.dockerignore'), 'node_modules\n');
  writeFileSync(path.join(dir, 'a', 'prod.Dockerfile.dockerignore'), 'secrets\n');
  assert.equal(readDockerignoreSync(path.join(dir, 'a', 'Dockerfile')), 'node_modules\n');
  assert.equal(readDockerignoreSync(path.join(dir, 'a', 'prod.Dockerfile')), 'secrets\n');
  assert.equal(readDockerignoreSync(path.join(dir, 'Dockerfile')), null);
  // A directory of that name, or an absurdly large file, is not read.
  mkdirSync(path.join(dir, 'b', '.dockerignore'), { recursive: true });
  assert.equal(readDockerignoreSync(path.join(dir, 'b', 'Dockerfile')), null);
  mkdirSync(path.join(dir, 'c'));
  writeFileSync(path.join(dir, 'c', '.dockerignore'), Buffer.alloc(MAX_DOCKERIGNORE_BYTES + 1, 0x61));
  assert.equal(readDockerignoreSync(path.join(dir, 'c', 'Dockerfile')), null);
});

test('isInsideFolders', () => {
  const root = path.join(dir, 'ws');
  assert.equal(isInsideFolders(path.join(root, 'x', 'Dockerfile'), [root]), true);
  assert.equal(isInsideFolders(path.join(dir, 'wsx', 'Dockerfile'), [root]), false);
  assert.equal(isInsideFolders(path.join(dir, 'Dockerfile'), [root]), false);
  assert.equal(isInsideFolders(path.join(root, 'Dockerfile'), []), false);
});
