/**
 * The stdio writer: one write per message, a Content-Length in bytes, and publishDiagnostics encoded
 * from per-diagnostic JSON that must read back exactly as JSON.stringify of the message would.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { Message } from 'vscode-languageserver/node';
import { encodeMessage, SingleWriteMessageWriter } from '../../server/src/lsp/transport';

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 2,
  source: 'stagewright',
  code: 'copy-from-undefined-stage',
  message,
  data: { ruleId: 'copy-from-undefined-stage', suggestion: 'builder' },
});

const publish = (params: Record<string, unknown>): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params }) as Message;

test('a publication reads back as the message itself, with or without a version, across calls', () => {
  const shared = diagnostic(3, 'No stage "biulder": did you mean "builder"? ünïcödé \u2028 "quoted" \\ back');
  const cases = [
    publish({ uri: 'file:///w/Dockerfile', version: 7, diagnostics: [shared, diagnostic(9, 'second')] }),
    publish({ uri: 'file:///w/%C3%BC/Dockerfile', diagnostics: [shared] }),
    publish({ uri: 'untitled:Untitled-1', version: 1, diagnostics: [] }),
    publish({ uri: 'file:///w/Dockerfile', version: null, diagnostics: [shared] }),
  ];
  for (let round = 0; round < 2; round++) {
    for (const message of cases)
      assert.deepStrictEqual(JSON.parse(encodeMessage(message)), JSON.parse(JSON.stringify(message)));
  }
});

test('anything else is encoded by JSON.stringify', () => {
  const others: Message[] = [
    { jsonrpc: '2.0', id: 1, result: { contents: 'x' } } as Message,
    {
      jsonrpc: '2.0',
      id: 2,
      method: 'workspace/configuration',
      params: { items: [{ section: 'stagewright' }] },
    } as Message,
    publish({ uri: 'file:///w/Dockerfile', diagnostics: [diagnostic(1, 'm')], extra: true }),
    publish({ uri: 'file:///w/Dockerfile', diagnostics: 'not a list' }),
  ];
  for (const message of others) assert.equal(encodeMessage(message), JSON.stringify(message));
});

test('one write per message, its length counted in bytes', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new SingleWriteMessageWriter(stream);
  const message = publish({
    uri: 'file:///w/Dockerfile',
    version: 2,
    diagnostics: [diagnostic(0, 'Zeichen: äöü, 漢字, 🐳')],
  });
  await writer.write(message);
  await writer.write(message);
  assert.equal(chunks.length, 2, 'each message is one write');
  for (const chunk of chunks) {
    const text = chunk.toString('utf8');
    const [header, body] = text.split('\r\n\r\n') as [string, string];
    assert.equal(Number(/^Content-Length: (\d+)$/.exec(header)![1]), Buffer.byteLength(body, 'utf8'));
    assert.deepStrictEqual(JSON.parse(body), JSON.parse(JSON.stringify(message)));
  }
});
