/**
 * Tokenizes Dockerfile text as VS Code does: vscode-textmate with the Oniguruma WebAssembly build,
 * the built-in `source.dockerfile` grammar (from the tm-grammars package, which ships VS Code's
 * grammar; it is a devDependency, not a copy in this repository) and our injection on top of it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars?: { scopeName: string; path: string; injectTo?: string[] }[] };
};

export const BASE_SCOPE = 'source.dockerfile';

/** The injection grammars package.json contributes to source.dockerfile, by scope name. */
export function contributedInjections(): Map<string, string> {
  const result = new Map<string, string>();
  for (const g of PACKAGE.contributes.grammars ?? []) {
    if (g.injectTo?.includes(BASE_SCOPE)) result.set(g.scopeName, path.join(ROOT, g.path));
  }
  return result;
}

function baseGrammarPath(): string {
  return require.resolve('tm-grammars/grammars/docker.json', { paths: [ROOT] });
}

let grammarPromise: Promise<textmate.IGrammar> | undefined;

async function load(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm', { paths: [ROOT] }));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injections = contributedInjections();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = scopeName === BASE_SCOPE ? baseGrammarPath() : injections.get(scopeName);
      if (!file) return null;
      return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName: string) => (scopeName === BASE_SCOPE ? [...injections.keys()] : undefined),
  });
  const grammar = await registry.loadGrammar(BASE_SCOPE);
  if (!grammar) throw new Error('source.dockerfile grammar not found');
  return grammar;
}

export function dockerfileGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= load();
  return grammarPromise;
}

export interface LineToken {
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

/** Tokens per line, each with its scope stack (outermost first). */
export async function tokenize(text: string): Promise<LineToken[][]> {
  const grammar = await dockerfileGrammar();
  let state = textmate.INITIAL;
  const result: LineToken[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    result.push(
      tokens.map((t) => ({
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    );
    state = ruleStack;
  }
  return result;
}
