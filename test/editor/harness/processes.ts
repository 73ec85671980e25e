/**
 * The processes of a session: code-server started in a process group of its own (setsid) so that it,
 * its extension host and its file watcher are stopped together, even when the test process dies
 * first; and the processes a session started (the language server), read from /proc (Linux).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { TIMEOUTS, type EditorTools } from './tools';

export function installExtension(
  tools: EditorTools,
  vsix: string,
  dirs: { userData: string; extensions: string },
  env: NodeJS.ProcessEnv,
): void {
  const result = spawnSync(
    tools.node,
    [
      tools.codeServer,
      '--install-extension',
      vsix,
      '--force',
      '--extensions-dir',
      dirs.extensions,
      '--user-data-dir',
      dirs.userData,
    ],
    { env, encoding: 'utf8', timeout: TIMEOUTS.install },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (status ${String(result.status)}${result.error ? `, ${result.error.message}` : ''}):\n${output}`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no TCP port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Polls /healthz until code-server answers; fails early if code-server exits. */
export async function waitForHealth(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + TIMEOUTS.healthz;
  let exited: string | undefined;
  server.once('exit', (code, signal) => {
    exited = `code-server exited (code ${String(code)}, signal ${String(signal)})`;
  });
  for (;;) {
    if (exited) throw new Error(`${exited} before answering /healthz:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`code-server did not answer ${url}/healthz within ${TIMEOUTS.healthz} ms:\n${tail(logFile)}`);
    // Wait for either the process to exit or a short poll interval, whichever comes first.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 250);
      server.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Kills the child's process group if this process exits or is interrupted first. Returns the undo. */
export function guardProcessGroup(child: ChildProcess): () => void {
  const onExit = (): void => killProcessGroup(child, 'SIGKILL');
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    undo();
    // Keep the signal's usual effect unless someone else handles it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  function undo(): void {
    process.removeListener('exit', onExit);
    for (const signal of signals) process.removeListener(signal, onSignal);
  }
  process.once('exit', onExit);
  for (const signal of signals) process.once(signal, onSignal);
  return undo;
}

function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, then SIGKILL for whatever is left after a grace period. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  killProcessGroup(child, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (groupAlive(pid)) killProcessGroup(child, 'SIGKILL');
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      if (child.exitCode !== null || child.signalCode !== null) resolve();
    });
  }
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function processesUnder(scratch: string, pattern: RegExp): Array<{ pid: number; args: string }> {
  const found: Array<{ pid: number; args: string }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string;
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes(scratch) && pattern.test(args)) found.push({ pid: Number(entry), args });
  }
  return found;
}

/** Waits until the process `pid` has exited (or is a zombie nobody reaped yet). Linux only. */
export async function waitForExit(pid: number, timeout: number = TIMEOUTS.ui): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    let state = '';
    try {
      state = / ([A-Za-z]) /.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\)/s, ''))?.[1] ?? '';
    } catch {
      return; // gone
    }
    if (state === 'Z' || state === 'X') return;
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs after ${timeout} ms (state ${state})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until processesUnder(scratch, pattern) lists a process that `accept` accepts, and returns it. */
export async function waitForProcessUnder(
  scratch: string,
  pattern: RegExp,
  accept: (p: { pid: number; args: string }) => boolean = () => true,
  timeout: number = TIMEOUTS.diagnostic,
): Promise<{ pid: number; args: string }> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = processesUnder(scratch, pattern).find(accept);
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(`no process matching ${String(pattern)} under ${scratch} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
