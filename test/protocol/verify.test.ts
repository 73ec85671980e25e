import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { VERIFY_REQUEST, type VerifyParams, type VerifyResult } from '../../shared/protocol';
import { LspTestClient } from '../support/lsp-client';

// The request's wiring without an engine: bad parameters and a missing docker command come back as
// one-line errors (the engine path is test/editor/verify.editor.ts and test/engine/verify.suite.ts).
test('stagewright/verify answers bad parameters and a missing docker command with an error line', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-verify-lsp-'));
  const client = new LspTestClient();
  try {
    await client.initialize();
    assert.deepEqual(await client.request<VerifyResult>(VERIFY_REQUEST, {}), { error: 'id must be a string' });
    const params: VerifyParams = {
      id: '1',
      candidatePath: path.join(dir, 'Dockerfile'),
      candidateText: 'FROM busybox\nCMD ["true"]\n',
      originalText: 'FROM busybox\nCMD ["true"]\n',
      originalName: 'Dockerfile before the split',
      docker: path.join(dir, 'no-docker-here'),
    };
    assert.deepEqual(await client.request<VerifyResult>(VERIFY_REQUEST, { ...params, candidatePath: 'Dockerfile' }), {
      error: 'candidatePath must be an absolute path',
    });
    assert.deepEqual(await client.request<VerifyResult>(VERIFY_REQUEST, params), {
      error: `Docker is not installed: no '${params.docker}' command found`,
    });
    assert.equal(await client.shutdown(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
