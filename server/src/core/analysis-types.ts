/**
 * What an analysis takes and gives, as plain data: its settings, its findings and their severities.
 * Every feature, the core's entry and the shells speak these types; they sit on the floor of the
 * model, under the features, so that no feature has to import another (or the entry) for them.
 */
import type { BuiltTarget, WorkspaceImage } from './facts/build-targets';
import type { DockerfileModel, Range } from './model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

/** The rule id of the finding made when a rule fails on a file; no rule has it. */
export const INTERNAL_ERROR_RULE_ID = 'internal-error';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Editor hints: fade the range (`unnecessary`) or strike it (`deprecated`). */
  tags?: ('unnecessary' | 'deprecated')[];
  /** Plain data a quick fix needs, e.g. the suggested stage name. */
  data?: Record<string, unknown>;
}

export interface AnalysisSettings {
  /** Severity per rule id; rules not listed keep their default. */
  rules?: Record<string, SeveritySetting>;
  /**
   * Skip the rules whose meta says the Docker extensions already report them (set by the server when
   * one of those extensions is installed and the user has not asked to see both).
   */
  hideDockerExtensionRules?: boolean;
  /**
   * The text of the `.dockerignore` that applies to this Dockerfile, or null/absent when there is
   * none or it could not be read. The shells read it; the core never touches the file system.
   */
  dockerignore?: string | null;
  /**
   * Stages built with `--target` (by compose, bake, CI workflows, scripts, or the `stagewright.targets`
   * setting), each with what builds it. The shells find them; such a stage and what it needs are
   * built, whatever the default target.
   */
  targets?: BuiltTarget[];
  /**
   * The build arguments that every build of this Dockerfile the workspace shows passes (compose
   * `build.args`, bake `args`, a workflow's `build-args`, `--build-arg` in scripts and Makefiles).
   * The shells find them; an ARG the build always passes does not fall back to its default.
   */
  passedArgs?: string[];
  /**
   * The named build contexts that every build of this Dockerfile the workspace shows sets (bake
   * `contexts`, compose `additional_contexts`, `--build-context`): a FROM of such a name reads the
   * context, not an image from a registry.
   */
  namedContexts?: string[];
  /**
   * The images the workspace builds itself (`docker build -t`, compose `image:` beside `build:`,
   * bake `tags`, a workflow's `tags`), by repository, each with the working directory its Dockerfile
   * leaves. The shells find them; a FROM of such an image is the project's own, described by that
   * Dockerfile, not a third party's moving tag.
   */
  workspaceImages?: WorkspaceImage[];
  /**
   * Why this Dockerfile's image is a development environment, when every build of it the workspace
   * shows makes one: a dev container (`.devcontainer/devcontainer.json: dev container`), a Compose
   * service run on the mounted sources (`compose.yaml: service web mounts . at /app`). The shells find it.
   */
  developmentBuild?: string;
  /**
   * A build the workspace shows that may ship this Dockerfile's image (`file: what`): a workflow's,
   * a script's, a Compose service's without the sources mounted, or a CI configuration that builds
   * images. Where one is shown, a file's place (a `.devcontainer` folder) does not make it a
   * development image.
   */
  shippedBy?: string;
  /**
   * Why this Dockerfile's image is built where it is used, though not a development environment: the
   * workspace builds it and publishes no image at all. Package caches cost local disk there; a
   * toolchain is still shipped to wherever the image runs.
   */
  localBuild?: string;
  /** The multi-stage split: the runtime family to offer first (`distroless`, `scratch`, `alpine`, `slim`). */
  split?: { preferredRuntime?: string };
  /**
   * Reads a file of the build context by its path relative to the Dockerfile's folder, or undefined
   * when it cannot be read; absent when the shell reads no files (the core never touches the file
   * system). Rules read what the image copies in from the context through it, such as an entrypoint
   * script that drops root. Files are read when the Dockerfile is analysed: a change to them alone
   * shows at the next analysis.
   */
  readWorkspaceFile?: (relativePath: string) => string | undefined;
  /**
   * Where the Dockerfile is (a file system path), when the shell knows it. Its name is evidence of
   * what the image is for: `Dockerfile.dev`, `test.Dockerfile` or a file in `.devcontainer/` is a
   * development image, which keeps its toolchain on purpose.
   */
  documentPath?: string;
}

/** A parsed document and its findings, suppressions applied. */
export interface Analysis {
  model: DockerfileModel;
  findings: Finding[];
}
