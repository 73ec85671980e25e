import type { DockerfileModel, Instruction, Stage } from '../../../model';
import type { BuilderImage, RuntimeProfile } from '../../../knowledge/runtimes';
import type { Language } from '../../../knowledge/toolchains';
import type { StageFacts } from '../../stage-facts';
import type { RuntimeContract } from '../contract';

export interface Artifact {
  /** Absolute path in the builder (may be a glob). */
  source: string;
  /** Absolute path in the runtime image; ends with `/` for a directory destination. */
  dest: string;
}

/** What a language planner reads: the final stage, its facts and contract, the builder image. */
export interface PlanContext {
  model: DockerfileModel;
  stage: Stage;
  facts: StageFacts;
  contract: RuntimeContract;
  builder: BuilderImage;
  /** The final stage's WORKDIR (known: the planner is not called otherwise). */
  workdir: string;
  exposes: Instruction[];
}

/** A language's part of the plan: what to copy and which kind of runtime runs it. */
export interface LanguagePlan {
  profile: RuntimeProfile;
  artifacts: Artifact[];
  /** Node: prune dev dependencies at the end of the builder. */
  pruneDev?: 'npm' | 'yarn' | 'pnpm' | null;
  /** Static site: nginx also listens on this port. */
  listenPort?: string | null;
  /** Static site: unknown paths answer index.html (an SPA server such as `serve -s` did). */
  spaFallback?: boolean;
  /** The runtime runs ldconfig after the copies (the project installs its own shared libraries). */
  ldconfig?: boolean;
  /** Runtime packages beyond the contract's libraries (e.g. ca-certificates for native TLS). */
  packages?: string[];
  /** The artifacts already hold the app directory: the contract's files are inside them. */
  carriesAppDirectory?: boolean;
}

export type PlanOutcome = { ok: true; plan: LanguagePlan } | { ok: false; reason: string };

/** One language's planner: `split/languages/<language>.ts`, registered in `languages/index.ts`. */
export interface LanguagePlanner {
  language: Language;
  plan(context: PlanContext): PlanOutcome;
}

export const decline = (reason: string): PlanOutcome => ({ ok: false, reason });
export const planned = (plan: LanguagePlan): PlanOutcome => ({ ok: true, plan });
