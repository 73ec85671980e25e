/** A minimal LSP client for the benchmark: starts a server over stdio and times its answers. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  ServerCapabilities,
} from 'vscode-languageserver-protocol';

export const TIMEOUT_MS = 120_000;

interface Waiter {
  uri: string;
  minVersion: number;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class BenchClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  capabilities: ServerCapabilities = {};
  private readonly waiters: Waiter[] = [];
  readonly lastDiagnostics = new Map<string, Diagnostic[]>();
  private readonly exited: Promise<number | null>;
  readonly startedAt: number;

  constructor(
    readonly label: string,
    script: string,
    nodeFlags: readonly string[] = [],
  ) {
    this.startedAt = performance.now();
    this.process = spawn(process.execPath, [...nodeFlags, script, '--stdio'], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.lastDiagnostics.set(params.uri, params.diagnostics);
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i]!;
        // A server that does not report versions answers the latest change (both servers here
        // handle one document change at a time, and the harness waits for each answer).
        if (w.uri === params.uri && (params.version === undefined || params.version >= w.minVersion)) {
          this.waiters.splice(i, 1);
          w.resolve(params);
          break;
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => null),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Sends initialize + initialized; returns milliseconds from spawn to the initialize result. */
  async initialize(): Promise<number> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} },
        },
        textDocument: {
          synchronization: { didSave: false },
          publishDiagnostics: {
            relatedInformation: true,
            versionSupport: true,
            tagSupport: { valueSet: [1, 2] },
            codeDescriptionSupport: true,
            dataSupport: true,
          },
          codeAction: {
            dataSupport: true,
            resolveSupport: { properties: ['edit'] },
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source'] },
            },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
      },
    });
    const elapsed = performance.now() - this.startedAt;
    this.capabilities = result.capabilities;
    await this.connection.sendNotification('initialized', {});
    return elapsed;
  }

  supports(feature: 'hover' | 'completion' | 'codeAction'): boolean {
    const c = this.capabilities;
    const value =
      feature === 'hover' ? c.hoverProvider : feature === 'completion' ? c.completionProvider : c.codeActionProvider;
    return value !== undefined && value !== null && value !== false;
  }

  private nextDiagnostics(uri: string, minVersion: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.label}: no diagnostics for ${uri} within ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      );
      this.waiters.push({
        uri,
        minVersion,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** didOpen, then the time until the first diagnostics for it. */
  async open(uri: string, text: string): Promise<number> {
    const waiting = this.nextDiagnostics(uri, 1);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    await waiting;
    return performance.now() - start;
  }

  /** One incremental change, then the time until diagnostics for that version. */
  async change(uri: string, version: number, line: number, character: number, inserted: string): Promise<number> {
    const waiting = this.nextDiagnostics(uri, version);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: inserted }],
    });
    await waiting;
    return performance.now() - start;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Times one request; the answer is returned for sanity checks. */
  async timed<T>(method: string, params: unknown): Promise<[number, T]> {
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      this.connection.sendRequest<T>(method, params),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${this.label}: ${method} took longer than ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
      }),
    ]);
    clearTimeout(timer);
    return [performance.now() - start, result];
  }

  /** Peak resident set size of the server process so far, in bytes (VmHWM). */
  peakRss(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) * 1024 : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process is killed below if it does not exit.
    }
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') this.process.kill('SIGKILL');
    this.connection.dispose();
  }
}
