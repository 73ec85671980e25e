/**
 * Dev container configurations (`.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
 * `.devcontainer.json`): VS Code and the Dev Containers CLI build `build.dockerfile` (the older
 * `dockerFile`), relative to the configuration's folder, with `build.target` and `build.args`. The
 * file is JSON with comments and trailing commas.
 */
import type { BuildFileText, BuildTarget } from './types';
import { dirOf, joinPath } from './paths';

/** Whether a root-relative path is a dev container configuration. */
export function isDevcontainerFile(path: string): boolean {
  if (path === '.devcontainer.json' || path.endsWith('/.devcontainer.json')) return true;
  return /(^|\/)\.devcontainer\/([^/]+\/)?devcontainer\.json$/.test(path);
}

/** JSON with comments (`//`, `/* … *\/`) and trailing commas, as plain JSON text. */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      // A string, escapes included, copied as it is.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The build a dev container configuration asks for, with its target and the names of its arguments. */
export function readDevcontainer(file: BuildFileText): BuildTarget[] {
  let doc: unknown;
  try {
    doc = JSON.parse(withoutComments(file.text));
  } catch {
    return [];
  }
  if (!isObject(doc)) return [];
  const build = isObject(doc.build) ? doc.build : {};
  const dockerfile = typeof build.dockerfile === 'string' ? build.dockerfile : doc.dockerFile;
  if (typeof dockerfile !== 'string' || dockerfile === '' || dockerfile.includes('${')) return [];
  const target = typeof build.target === 'string' && build.target !== '' ? build.target : null;
  const args = isObject(build.args) ? Object.keys(build.args) : [];
  return [
    {
      stage: target,
      args,
      dockerfiles: [joinPath(dirOf(file.path), dockerfile)],
      file: file.path,
      what: 'dev container',
      development: `${file.path}: dev container`,
    },
  ];
}
