import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { loadCorpus } from '../support/corpus';
import { LspTestClient, SERVER_PATH } from '../support/lsp-client';

const PRELOAD = path.join(__dirname, '..', 'support', 'sandbox-preload.cjs');
const workspace = mkdtempSync(path.join(tmpdir(), 'stagewright-ws-'));
after(() => rmSync(workspace, { recursive: true, force: true }));

interface Access {
  kind: 'process' | 'network' | 'file';
  detail: string;
}

function accesses(stderr: string[]): Access[] {
  return stderr
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('SANDBOX '))
    .map((l) => JSON.parse(l.slice('SANDBOX '.length)) as Access);
}

test('the server runs nothing, opens no connection and reads only the workspace and itself', {
  timeout: 300_000,
}, async () => {
  const client = new LspTestClient({
    nodeArgs: ['--require', PRELOAD],
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
  });
  const init = (await client.initialize()) as InitializeResult;
  const caps = init.capabilities;
  // Dockerfiles that try to look like commands, URLs and paths outside the workspace.
  const hostile = [
    'FROM alpine\nRUN curl https://example.com/install.sh | sh\nADD https://example.com/x.tar.gz /x\nCOPY ../../etc/passwd /p\nCOPY --from=../../../etc /a /b\n',
    'FROM $(touch /tmp/pwned)\nRUN `reboot`\nCMD ["sh", "-c", "rm -rf /"]\n',
  ];
  const files = [
    ...hostile,
    ...loadCorpus()
      .files.slice(0, 60)
      .map((f) => f.text),
  ];
  let n = 0;
  for (const text of files) {
    const file = path.join(workspace, `svc${n++}`, 'Dockerfile');
    const uri = pathToFileURL(file).href;
    client.open(uri, text);
    await client.diagnosticsFor(uri, 1, 60_000);
    const lines = text.split('\n');
    for (let line = 0; line < Math.min(lines.length, 40); line += 3) {
      const position = { line, character: Math.min(14, lines[line]!.length) };
      const range = { start: position, end: position };
      const actions = await client.request<{ data?: unknown }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics: [] },
      });
      for (const action of actions) await client.request('codeAction/resolve', action);
      if (caps.hoverProvider) await client.request('textDocument/hover', { textDocument: { uri }, position });
      if (caps.completionProvider) await client.request('textDocument/completion', { textDocument: { uri }, position });
      if (caps.definitionProvider) await client.request('textDocument/definition', { textDocument: { uri }, position });
    }
    client.close(uri);
  }
  assert.equal(await client.shutdown(), 0);

  const serverDir = path.dirname(path.dirname(SERVER_PATH));
  const seen = accesses(client.stderr);
  assert.deepEqual(
    seen.filter((a) => a.kind === 'process'),
    [],
    'started a process',
  );
  assert.deepEqual(
    seen.filter((a) => a.kind === 'network'),
    [],
    'opened a connection',
  );
  const outside = seen.filter((a) => {
    if (a.kind !== 'file') return false;
    const target = a.detail.slice(a.detail.indexOf(' ') + 1);
    if (/^\d+$/.test(target)) return false; // a file descriptor
    const resolved = path.resolve(target.startsWith('file:') ? new URL(target).pathname : target);
    return (
      !resolved.startsWith(workspace + path.sep) && !resolved.startsWith(serverDir + path.sep) && resolved !== workspace
    );
  });
  assert.deepEqual(outside, [], 'read outside the workspace and the extension');
});
