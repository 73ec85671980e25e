/**
 * What common build commands leave behind, as data: hovers use it to say what a builder stage
 * produces. `outputFlag` captures an explicit output path; `defaultOutput` is where the tool writes
 * when no flag says otherwise (relative to the working directory), or null when that depends on the
 * project.
 */
export interface BuildOutputFact {
  tool: string;
  /** Matches one simple command (no `&&`, `;` or `|`). */
  command: RegExp;
  /** Captures the output path in group 1. */
  outputFlag: RegExp | null;
  defaultOutput: ((command: string) => string | null) | null;
}

export const BUILD_OUTPUT_FACTS: readonly BuildOutputFact[] = [
  {
    tool: 'go',
    command: /^(?:\S+=\S+\s+)*go\s+build\b/,
    outputFlag: /\s-o(?:\s+|=)(\S+)/,
    defaultOutput: null,
  },
  {
    tool: 'cargo',
    command: /^cargo\s+build\b/,
    outputFlag: /\s--(?:target-dir|artifact-dir)(?:\s+|=)(\S+)/,
    defaultOutput: (c) => (/\s(?:--release|-r)\b/.test(c) ? 'target/release/' : 'target/debug/'),
  },
  {
    tool: 'cargo',
    command: /^cargo\s+install\b/,
    outputFlag: /\s--root(?:\s+|=)(\S+)/,
    defaultOutput: () => null,
  },
  {
    tool: 'c compiler',
    command: /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|musl-gcc)\b/,
    outputFlag: /\s-o\s*(\S+)/,
    defaultOutput: () => 'a.out',
  },
  {
    tool: 'dotnet',
    command: /^dotnet\s+(?:publish|build)\b/,
    outputFlag: /\s(?:-o|--output)(?:\s+|=)(\S+)/,
    defaultOutput: () => 'bin/',
  },
  {
    tool: 'maven',
    command: /^(?:mvn|\.\/mvnw|mvnw)\b.*\b(?:package|install|verify)\b/,
    outputFlag: null,
    defaultOutput: () => 'target/',
  },
  {
    tool: 'gradle',
    command: /^(?:gradle|\.\/gradlew|gradlew)\b.*\b(?:build|assemble|bootJar|jar|shadowJar|installDist)\b/,
    outputFlag: null,
    defaultOutput: () => 'build/',
  },
  {
    tool: 'npm',
    command: /^(?:npm|pnpm|yarn)\s+(?:ci|install|i)\b/,
    outputFlag: null,
    defaultOutput: () => 'node_modules/',
  },
  {
    tool: 'npm',
    command: /^(?:npm\s+run|pnpm(?:\s+run)?|yarn(?:\s+run)?)\s+build\b/,
    outputFlag: null,
    defaultOutput: null,
  },
  {
    tool: 'tsc',
    command: /^(?:npx\s+)?tsc\b/,
    outputFlag: /\s--outDir(?:\s+|=)(\S+)/,
    defaultOutput: null,
  },
  {
    tool: 'pip',
    command: /^(?:python3?\s+-m\s+)?pip3?\s+install\b/,
    outputFlag: /\s(?:--target|-t|--prefix|--root)(?:\s+|=)(\S+)/,
    defaultOutput: null,
  },
  {
    tool: 'pip',
    command: /^(?:python3?\s+-m\s+)?pip3?\s+wheel\b/,
    outputFlag: /\s(?:--wheel-dir|-w)(?:\s+|=)(\S+)/,
    defaultOutput: () => './',
  },
  {
    tool: 'venv',
    command: /^(?:python3?\s+-m\s+(?:venv|virtualenv)|virtualenv|uv\s+venv)\s/,
    outputFlag: /\s([^\s-]\S*)\s*$/,
    defaultOutput: null,
  },
  {
    tool: 'composer',
    command: /^composer\s+install\b/,
    outputFlag: null,
    defaultOutput: () => 'vendor/',
  },
  {
    tool: 'hugo',
    command: /^hugo\b/,
    outputFlag: /\s(?:-d|--destination)(?:\s+|=)(\S+)/,
    defaultOutput: () => 'public/',
  },
];

/**
 * The outputs a simple command writes, relative or absolute as written; empty when the command is
 * not a known build command or its output depends on the project.
 */
export function buildOutputsOf(command: string): string[] {
  const trimmed = command.trim();
  for (const fact of BUILD_OUTPUT_FACTS) {
    if (!fact.command.test(trimmed)) continue;
    const flag = fact.outputFlag?.exec(` ${trimmed.replace(/^\S+/, '')}`);
    if (flag) return [flag[1]!.replace(/^["']|["']$/g, '')];
    const fallback = fact.defaultOutput?.(trimmed);
    return fallback ? [fallback] : [];
  }
  return [];
}
