/**
 * The result of verifying a Dockerfile against another on a Docker engine (`stagewright verify`, the
 * editor's "Verify Split with Docker"): plain data that the CLI prints as JSON and the editor's report
 * page renders. No imports, so both bundles can include it.
 */

/** same: nothing observed differs; different: something that matters differs; could-not-verify: no answer. */
export type VerifyVerdict = 'same' | 'different' | 'could-not-verify';

/** The exit code of `stagewright verify` for each verdict. */
export const VERIFY_EXIT_CODES: Readonly<Record<VerifyVerdict, number>> = {
  same: 0,
  different: 1,
  'could-not-verify': 2,
};

/** The image configuration fields verify compares. */
export const CONFIG_FIELDS = [
  'Env',
  'User',
  'WorkingDir',
  'Entrypoint',
  'Cmd',
  'ExposedPorts',
  'Volumes',
  'Labels',
  'Healthcheck',
  'StopSignal',
  'Shell',
] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** One difference between the two images' configurations. */
export interface ConfigDifference {
  field: ConfigField;
  /** The variable, label, port or volume, for the fields that are maps or lists of names. */
  key?: string;
  /** The value in each image as text; null when the image does not have it. */
  original: string | null;
  candidate: string | null;
  /**
   * False for a difference that only the base images make (a variable that the original's base image
   * sets and the candidate's does not): reported, but not a reason for the verdict.
   */
  matters: boolean;
  /** Why it matters or why not, in words. */
  reason: string;
}

/** A layer an image adds over its base image: what made it (the history's "created by") and its size. */
export interface LayerInfo {
  createdBy: string;
  size: number;
}

export interface ImageSide {
  /** The Dockerfile as the user named it. */
  dockerfile: string;
  built: boolean;
  buildSeconds: number;
  /** The build's output (the last part of it when long). */
  buildLog: string;
  /** Bytes, from `docker image inspect`. */
  size?: number;
  /** The final stage's base image as the Dockerfile names it (after following stages), if an image. */
  base?: string;
  /** Bytes of the base image, when the engine has it. */
  baseSize?: number;
  /** The layers added over the base, newest first; absent when the base image is not in the engine's store. */
  layers?: LayerInfo[];
  /** All layers of the image. */
  layerCount?: number;
}

/** The check of the candidate's entry command. */
export interface EntryCheck {
  /** The command as the configuration gives it (first word of Entrypoint, else of Cmd). */
  command: string | null;
  /** Where it resolves in the candidate's file system, or null when it does not. */
  resolved: string | null;
  /** How the libraries were checked: the image's own ldd, the ELF headers read from its file system, or not at all. */
  method: 'ldd' | 'elf' | 'none';
  /** The program's interpreter (ELF loader or `#!` line) when it has one. */
  interpreter?: string;
  /** Libraries that do not resolve in the candidate. */
  missingLibraries: string[];
  /** Libraries found, with where. */
  libraries: { name: string; path: string }[];
  /** What is wrong, in words; empty when the command and its libraries resolve. */
  problems: string[];
  /** Facts that are not problems (a static program, a script, why a check was skipped). */
  notes: string[];
}

/** What one image did when run with its default command. */
export interface RunObservation {
  /** exited: the process ended within the time limit; running: still up when it was looked at. */
  state: 'exited' | 'running' | 'not-started';
  exitCode?: number;
  /** Seconds until it exited, or that it was watched while running. */
  seconds: number;
  stdout: string;
  stderr: string;
  /** The answer to `GET /` on the first exposed TCP port, asked from inside the container's network. */
  http?: HttpObservation;
}

export interface HttpObservation {
  port: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  body?: string;
  /** Why there is no answer (connection refused, no HTTP client available). */
  error?: string;
  /** The client used, e.g. `wget in busybox:latest`. */
  client?: string;
}

export interface RunComparison {
  /** Whether both ran with a read-only root file system. */
  readOnly: boolean;
  /** Why the root was writable, when it was. */
  readOnlyNote?: string;
  original: RunObservation;
  candidate: RunObservation;
  /** What differs, in words; empty when the runs agree. */
  differences: string[];
}

export interface VerifyReport {
  verdict: VerifyVerdict;
  /** One line saying why. */
  summary: string;
  /** `buildkit` or `legacy`: the builder the engine offered. */
  builder?: string;
  original: ImageSide;
  candidate: ImageSide;
  config: ConfigDifference[];
  entry?: EntryCheck;
  run?: RunComparison;
  seconds: number;
}

/** A step of a verification, reported while it runs (the editor's progress notification). */
export interface VerifyProgress {
  step: string;
  /** Seconds since the verification started. */
  elapsed: number;
}
