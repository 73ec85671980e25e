import type { Readable, Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * Writes LSP messages to a stream with one write each: the header and the JSON body together.
 *
 * The library's stream writer makes two writes per message (header, then body), each a system call
 * on a pipe, and encodes the body through a chain of promises. A language server sends a message
 * for every keystroke (the diagnostics), so that overhead is on the path the user waits for.
 */
export class SingleWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly stream: Writable) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let json: string;
    try {
      json = encodeMessage(message);
    } catch (error) {
      this.fireError(error instanceof Error ? error : new Error(String(error)), message, ++this.errors);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8', (error) => {
        if (error) {
          this.fireError(error, message, ++this.errors);
          reject(error);
        } else {
          resolve();
        }
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}

/** The JSON of each diagnostic already sent: the same objects come back for every keystroke. */
const ENCODED = new WeakMap<object, string>();

function encodeDiagnostic(diagnostic: object): string {
  let json = ENCODED.get(diagnostic);
  if (json === undefined) {
    json = JSON.stringify(diagnostic);
    ENCODED.set(diagnostic, json);
  }
  return json;
}

/**
 * A message as JSON. Diagnostics are sent whole on every keystroke (thousands of them for a large
 * file), while the diagnostic objects themselves are reused between versions (see convert.ts): their
 * JSON is kept per object and joined, the rest of the notification written out around it. Any other
 * message, or a publication with fields this does not know, goes through JSON.stringify.
 */
export function encodeMessage(message: Message): string {
  const m = message as { method?: unknown; params?: unknown; id?: unknown };
  if (
    m.method !== 'textDocument/publishDiagnostics' ||
    m.id !== undefined ||
    typeof m.params !== 'object' ||
    m.params === null
  ) {
    return JSON.stringify(message);
  }
  const params = m.params as { uri?: unknown; version?: unknown; diagnostics?: unknown };
  const keys = Object.keys(params);
  const known = keys.every((k) => k === 'uri' || k === 'version' || k === 'diagnostics');
  if (
    !known ||
    typeof params.uri !== 'string' ||
    !Array.isArray(params.diagnostics) ||
    Object.keys(message).some((k) => k !== 'jsonrpc' && k !== 'method' && k !== 'params')
  ) {
    return JSON.stringify(message);
  }
  const parts: string[] = [];
  for (const d of params.diagnostics as unknown[]) {
    if (typeof d !== 'object' || d === null) return JSON.stringify(message);
    parts.push(encodeDiagnostic(d));
  }
  const version = params.version === undefined ? '' : `,"version":${JSON.stringify(params.version)}`;
  return `{"jsonrpc":${JSON.stringify((message as { jsonrpc?: unknown }).jsonrpc)},"method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(params.uri)}${version},"diagnostics":[${parts.join(',')}]}}`;
}

/** Sends console output to stderr, so nothing but protocol messages ever reaches stdout. */
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/**
 * Exits when the client closes our input, as the library does for the streams it sets up itself:
 * with 0 after a shutdown request, else 1 (the client went away without one).
 */
export function exitWhenInputEnds(input: Readable, connection: { onShutdown(handler: () => void): unknown }): void {
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  input.on('end', exit);
  input.on('close', exit);
}
