/**
 * The user's `docker` command line, run without a shell: whatever engine it talks to (DOCKER_HOST,
 * DOCKER_CONTEXT and the current context are the CLI's own business, so the environment is passed on
 * untouched). Every child process is tracked so that an interruption can stop them.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The command could not be started (no docker on PATH). */
  missing: boolean;
}

export interface DockerRunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Called with each piece of output as it arrives (stdout and stderr alike). */
  onOutput?: (text: string) => void;
  /** Called with raw stdout bytes instead of collecting them. */
  onStdoutBytes?: (chunk: Buffer) => void;
}

export class DockerClient {
  private readonly children = new Set<ChildProcess>();
  private stopped = false;

  /** @param command the docker executable: a name looked up on PATH or a path. */
  constructor(
    readonly command: string,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Whether {@link stopAll} was called: new commands are refused after it. */
  get interrupted(): boolean {
    return this.stopped;
  }

  run(args: readonly string[], options: DockerRunOptions = {}): Promise<DockerResult> {
    if (this.stopped)
      return Promise.resolve({ code: -1, stdout: '', stderr: 'interrupted', timedOut: false, missing: false });
    return this.spawnDocker(args, options);
  }

  /** Runs a command even after an interruption: the clean-up. */
  runForCleanup(args: readonly string[], timeoutMs = 60_000): Promise<DockerResult> {
    return this.spawnDocker(args, { timeoutMs });
  }

  /** Stops every running docker command (an interrupted verification). */
  stopAll(): void {
    this.stopped = true;
    for (const child of this.children) child.kill('SIGTERM');
  }

  private spawnDocker(args: readonly string[], options: DockerRunOptions): Promise<DockerResult> {
    return new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(this.command, args, { env: options.env ?? this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        resolve({ code: -1, stdout: '', stderr: String(error), timedOut: false, missing: true });
        return;
      }
      this.children.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      let missing = false;
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill('SIGKILL');
            }, options.timeoutMs);
      child.stdout?.on('data', (b: Buffer) => {
        if (options.onStdoutBytes) options.onStdoutBytes(b);
        else out.push(b);
        options.onOutput?.(b.toString('utf8'));
      });
      child.stderr?.on('data', (b: Buffer) => {
        err.push(b);
        options.onOutput?.(b.toString('utf8'));
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'EACCES') missing = true;
        err.push(Buffer.from(String(e.message)));
      });
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        this.children.delete(child);
        resolve({
          code: code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : -1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          timedOut,
          missing,
        });
      });
    });
  }
}

/** The last lines of a text. */
export function lastLines(text: string, count: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}

/** The first meaningful line of an error output. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !/^(WARNING|DEPRECATED)/.test(l)) ?? ''
  );
}
