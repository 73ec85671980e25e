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
      json = JSON.stringify(message);
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
