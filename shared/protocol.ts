/**
 * The names the client and the server agree on, each defined once: the custom LSP methods, the
 * commands one side registers and the other names, and the settings section. Plain constants and
 * types with no runtime imports, so both bundles include them.
 *
 * The commands a user can run are also listed in package.json (`contributes.commands`);
 * test/shared/protocol.test.ts keeps the two in step.
 */
import type { StageGraph } from './graph-data';
import type { VerifyProgress, VerifyReport } from './verify-data';

/** The settings section the server asks for (`workspace/configuration`) and the client synchronizes. */
export const SETTINGS_SECTION = 'stagewright';

/** Client to server, a notification: a Docker extension was installed or removed. */
export const DOCKER_EXTENSION_CHANGED = 'stagewright/dockerExtensionChanged';

/** What the client knows of the Docker extensions: sent with `initializationOptions` and with DOCKER_EXTENSION_CHANGED. */
export interface DockerExtensionFacts {
  dockerExtensionInstalled: boolean;
}

/** Client to server, a request: params {@link StageGraphParams}, result {@link StageGraphResult} or null when the document is not open. */
export const STAGE_GRAPH_REQUEST = 'stagewright/stageGraph';

export interface StageGraphParams {
  uri: string;
}

export interface StageGraphResult extends StageGraph {
  uri: string;
  /** Document version the graph was computed from. */
  version: number;
}

/**
 * Client to server, a request: builds and runs two Dockerfiles on the user's engine and compares them
 * (`stagewright verify`). Params {@link VerifyParams}, result {@link VerifyResult}. Cancelling the
 * request stops the builds and runs and removes what was created. Sent only on the user's action, and
 * never from an untrusted workspace.
 */
export const VERIFY_REQUEST = 'stagewright/verify';

export interface VerifyParams {
  /** Names this verification in its progress notifications. */
  id: string;
  /** The candidate Dockerfile's path on disk: its folder is the build context. */
  candidatePath: string;
  /** The candidate's text as the editor has it (it may be unsaved). */
  candidateText: string;
  /** The original's text, and how the report names it. */
  originalText: string;
  originalName: string;
  /** The docker command (default `docker`) and the build network (default the engine's). */
  docker?: string;
  buildNetwork?: string;
}

/** The report, or why there is none (no docker command, no engine answering): one line. */
export type VerifyResult = { report: VerifyReport } | { error: string };

/** Server to client, a notification: a verification's current step. */
export const VERIFY_PROGRESS = 'stagewright/verifyProgress';

export interface VerifyProgressParams extends VerifyProgress {
  id: string;
}

/** The commands of the extension. */
export const COMMANDS = {
  /** Stops and starts the language server (in the command palette). */
  restartServer: 'stagewright.restartServer',
  /** Opens the stage graph of the active Dockerfile (command palette, editor title, explorer). */
  showStageGraph: 'stagewright.showStageGraph',
  /**
   * Registered by the client, named by the server in code lenses: turns the lens's JSON arguments
   * into VS Code types for `editor.action.showReferences`.
   */
  showReferences: 'stagewright.showReferences',
  /** Builds the active Dockerfile and the one it came from with Docker and compares them (command palette, editor title). */
  verifySplit: 'stagewright.verifySplit',
} as const;

/** How the split's code actions are titled (the core's SPLIT_TITLE; test/shared/protocol.test.ts keeps them equal). */
export const SPLIT_ACTION_TITLE = 'Split into builder and runtime stages';
