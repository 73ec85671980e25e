/** Root-relative POSIX paths of build files and the Dockerfiles they name. */
import { normalizePath } from '../../syntax/paths';

/** The directory of a root-relative path: `''` for a file at the root. */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `p` resolved against the root-relative directory `dir`: normalised, `''` for the root itself. */
export function joinPath(dir: string, p: string): string {
  const joined = p.startsWith('/') || dir === '' ? p : `${dir}/${p}`;
  const normal = normalizePath(joined).replace(/(.)\/$/, '$1');
  return normal === '.' ? '' : normal.replace(/^\.\//, '');
}

/** Whether a context or file names something remote (a Git or HTTP URL), which no local file matches. */
export function isRemote(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || /^git@/.test(p) || /^github\.com\//.test(p);
}
