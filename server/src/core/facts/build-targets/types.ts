/**
 * Stages built as targets: what the build files of a workspace (compose, bake, CI workflows,
 * Makefiles, shell scripts) say they build with `--target`, read as plain data. Paths are relative to
 * the workspace (or repository) root, with `/` separators; the shells map the Dockerfile they check
 * onto the same form.
 */

/** A build file's text and where it lies, relative to the root (`compose.yaml`, `.github/workflows/ci.yml`). */
export interface BuildFileText {
  path: string;
  text: string;
}

/** Reads another file a build file names (compose `extends: { file }`), by root-relative path; undefined when absent. */
export type ReadRelated = (path: string) => string | undefined;

/** One image build that a build file asks for: of a stage (`--target`), or of the default target. */
export interface BuildTarget {
  /** The stage, as the build file writes it (BuildKit matches it without case); null for the default target (no `--target`). */
  stage: string | null;
  /**
   * The build names a target the file does not state (`--target $(BUILDTYPE)`, set elsewhere): `stage`
   * is then null, but the build is not known to make the default target's image. It still passes its
   * arguments to the Dockerfile.
   */
  unknownTarget?: boolean;
  /**
   * The build arguments it passes by name (`--build-arg NAME=value`, compose `build.args`, bake
   * `args`, build-push-action `build-args`); values are not kept.
   */
  args: string[];
  /**
   * The named build contexts it sets (`--build-context NAME=…`, compose `additional_contexts`, bake
   * `contexts`, build-push-action `build-contexts`), by name: a FROM of that name reads the context,
   * not an image from a registry.
   */
  contexts?: string[];
  /**
   * The images it names its result (`-t`, compose `image:`, bake `tags`, build-push-action `tags`),
   * by repository: lower-cased, without tag or digest (see `imageRepository`). Only names the file
   * states in full are kept.
   */
  images?: string[];
  /**
   * The Dockerfiles it may build, root-relative: one path, or a few where the working directory is
   * not known (a shell script may run from its own folder or from the root). Null when the path
   * depends on something the file does not say (a variable without a default): any Dockerfile.
   */
  dockerfiles: string[] | null;
  /** The build file that asks for it (root-relative). */
  file: string;
  /**
   * Why the image this build makes is a development environment, when it is one: a dev container
   * (`.devcontainer/devcontainer.json: dev container`), or a Compose service that mounts the sources
   * over what the image copied (`compose.yaml: service web mounts . at /app`). Such an image is built
   * where it runs and never pulled.
   */
  development?: string;
  /**
   * The file may push what it builds: it pushes an image or logs in to a registry (`docker push`,
   * `--push`, the build-push-action's `push:`, docker/login-action), or it is a CI configuration the
   * readers do not follow that builds images (GitLab CI, CircleCI, Jenkins, ...). Such a build may
   * ship its image.
   */
  pushes?: boolean;
  /** Who, inside that file: `service api`, `bake target "api"`, `job build`, `rule image`, `line 12`. */
  what: string;
}

/** A stage the analysis counts as built, whatever the default target: its name and what builds it. */
export interface BuiltTarget {
  stage: string;
  /** What builds it, shown after "built by": `compose.yaml: service api, target dev`. */
  by: string;
}
