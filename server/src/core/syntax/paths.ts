/** POSIX path helpers for paths inside images (never the host's). */

export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const trailing = path.length > 1 && path.endsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  let out = (absolute ? '/' : '') + parts.join('/');
  if (out === '') out = '.';
  if (trailing && out !== '/') out += '/';
  return out;
}

/** Resolves `path` against the directory `dir` (which is absolute). */
export function resolvePath(dir: string, path: string): string {
  // A path that starts with a variable is usually absolute once expanded: show it as written.
  if (path.startsWith('$')) return path;
  if (path.startsWith('/')) return normalizePath(path);
  return normalizePath(`${dir.endsWith('/') ? dir : `${dir}/`}${path}`);
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** Absolute path of `p` from the absolute directory `cwd`, normalised, without a trailing slash. */
export function resolveIn(cwd: string, p: string): string {
  return normalizePath(p.startsWith('/') ? p : `${cwd.endsWith('/') ? cwd : `${cwd}/`}${p}`).replace(/(.)\/$/, '$1');
}

/** The last element of a path (trailing slashes ignored). */
export function baseName(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47) end--;
  const slash = p.lastIndexOf('/', end - 1);
  return p.slice(slash + 1, end);
}
