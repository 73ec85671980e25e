import type { Range } from '../model';
import { buildPackageSize, type StageFacts } from './stage-facts';

/** Build steps that compile or bundle (not merely install dependencies). */
export const COMPILING: ReadonlySet<string> = new Set([
  'go build',
  'go install',
  'cargo build',
  'cargo install',
  'cc -o',
  'make',
  'make install',
  'cmake --build',
  'ninja',
  'mvn package',
  'gradle build',
  'jar',
  'javac',
  'dotnet publish',
  'npm run build',
]);

/** A package of headers and link-time files only (`libpq-dev`, `openssl-devel`, `linux-headers`). */
function isHeaderPackage(name: string): boolean {
  return /-dev(el)?$/.test(name) || name === 'linux-headers';
}

export function approx(mb: number): string {
  return mb >= 1000 ? `~${(mb / 1000).toFixed(1)} GB` : `~${Math.round(mb / 10) * 10 || mb} MB`;
}

export interface Leftover {
  what: string;
  sizeMB: number;
  range: Range;
}

/** What the final stage keeps that only building needed, or null when it is lean. */
export function leftBehind(facts: StageFacts): Leftover | null {
  const parts: string[] = [];
  let size = 0;
  let range: Range | null = null;
  // A build whose tools the stage installed and removed again leaves nothing of them behind.
  const compiles = facts.builds.filter((b) => COMPILING.has(b.row.id) && !b.toolsRemoved);
  const tool = facts.toolchain;
  if (tool && facts.image) {
    const tag = facts.image.tag ?? '';
    const variantIsSmall = /slim|alpine/.test(tag);
    const flagged =
      tool.toolchain === 'always' ||
      compiles.some((b) => b.row.language === tool.language) ||
      (!variantIsSmall && facts.builds.some((b) => b.row.language === tool.language));
    if (flagged) {
      parts.push(`${tool.label} (${facts.image.raw}, ${approx(facts.toolchainSizeMB)})`);
      size += facts.toolchainSizeMB;
      range = facts.stage.baseToken?.range ?? facts.stage.from.range;
    }
  }
  // Headers and static libraries (`-dev` packages) build nothing without a compiler. When the
  // stage never had one (no compiler package, not even one removed again, no toolchain base, no
  // compiling build), they are kept for what they also hold at run time, such as the unversioned
  // `libfoo.so` that a program dlopens or LD_PRELOADs. Beside a compiler, or left after it was
  // removed, they are what the build needed.
  const builtWithThem =
    !facts.buildPackages.every(isHeaderPackage) ||
    facts.removedBuildPackages.some((p) => !isHeaderPackage(p)) ||
    facts.toolchain !== null ||
    compiles.length > 0;
  if (facts.buildPackages.length > 0 && builtWithThem) {
    const pkgSize = facts.buildPackages.reduce((n, p) => n + buildPackageSize(p), 0);
    const shown = facts.buildPackages.slice(0, 4).join(', ') + (facts.buildPackages.length > 4 ? ', …' : '');
    parts.push(`build packages ${shown} (${approx(pkgSize)})`);
    size += pkgSize;
    range ??= facts.installs.find((i) => i.packages.some((p) => facts.buildPackages.includes(p)))!.instruction
      .keywordRange;
  }
  if (parts.length === 0 && compiles.length > 0) {
    parts.push(`the tools that ran ${compiles[0]!.row.id}`);
    range = compiles[0]!.instruction.keywordRange;
  }
  if (parts.length === 0 || !range) return null;
  return { what: parts.join(' and '), sizeMB: size, range };
}
