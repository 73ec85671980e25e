/**
 * What a session leaves for a failure: code-server's and VS Code's logs kept under
 * test-results/editor-logs/<name>/, the extension host's log, and the page's console lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { repoRoot } from './tools';

/** Renders a console message's arguments as the browser would, without the workbench's styling
 * prefix ('%c INFO', 'color: …'): the extension host's lines arrive as printf-style arguments. */
export function formatConsoleArgs(values: unknown[], fallback: string): string {
  let rest = values;
  const first = rest[0];
  if (typeof first === 'string' && /^%c\s*[A-Z]+\s*$/.test(first) && typeof rest[1] === 'string') rest = rest.slice(2);
  const primitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');
  if (rest.length === 0 || typeof rest[0] !== 'string' || !rest.every(primitive))
    return fallback.replace(/^%c\s*[A-Z]+\s+color:\s*\S+\s*/, '');
  return format(...(rest as [string, ...unknown[]]));
}

export function keepLogs(scratch: string, userData: string, name: string): void {
  const target = path.join(repoRoot(), 'test-results', 'editor-logs', name.replace(/[^\w.-]+/g, '-'));
  try {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    const serverLog = path.join(scratch, 'code-server.log');
    if (fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(target, 'code-server.log'));
    const logs = path.join(userData, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(target, 'vscode'), { recursive: true });
  } catch {
    // logs are a help, not a requirement
  }
}

function findFiles(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, keep));
    else if (keep(full)) found.push(full);
  }
  return found.sort();
}

/** What the extension host logged so far, under a session's user data folder. */
export function extensionHostLogOf(userData: string): string {
  const logsDir = path.join(userData, 'logs');
  return findFiles(logsDir, (f) => /exthost\d*\.log$|remoteexthost\.log$/.test(f))
    .map((f) => `== ${path.relative(logsDir, f)}\n${fs.readFileSync(f, 'utf8')}`)
    .join('\n');
}
