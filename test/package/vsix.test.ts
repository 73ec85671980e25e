import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-vsix-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** File names from a zip's central directory. */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) !== 0x06054b50) continue;
    const count = zip.readUInt16LE(i + 10);
    let at = zip.readUInt32LE(i + 16);
    for (let n = 0; n < count; n++) {
      assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
      const nameLength = zip.readUInt16LE(at + 28);
      const extraLength = zip.readUInt16LE(at + 30);
      const commentLength = zip.readUInt16LE(at + 32);
      names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  throw new Error('not a zip file');
}

test('the .vsix holds the bundles and metadata only, and stays small', () => {
  const out = path.join(dir, 'stagewright.vsix');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), out], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const size = statSync(out).size;
  assert.ok(size < 1024 * 1024, `the .vsix is ${size} bytes`);
  const entries = zipEntries(readFileSync(out));
  assert.ok(entries.includes('extension/dist/extension.js'));
  assert.ok(entries.includes('extension/dist/server.js'));
  assert.ok(entries.includes('extension/package.json'));
  // Diagnostics link to the rule pages beside dist/ (server/src/lsp/ruleDocs.ts).
  assert.ok(entries.includes('extension/docs/rules/README.md'));
  assert.ok(entries.includes('extension/docs/rules/copy-from-undefined-stage.md'));
  for (const entry of entries) {
    assert.doesNotMatch(entry, /node_modules|\.map$|\/src\/|\/test\//, `unexpected file in the .vsix: ${entry}`);
  }
});
