/**
 * Whether an engine answers, and which builder it offers. BuildKit is used when the CLI has it: the
 * buildx plugin, or a CLI older than 23.0 (BuildKit built in, switched on with DOCKER_BUILDKIT=1)
 * talking to a Linux engine. A CLI of 23.0 or later without buildx refuses DOCKER_BUILDKIT=1, so it
 * builds with the legacy builder. A DOCKER_BUILDKIT the user set is left as it is.
 */
import { type DockerClient, firstLine } from './client';

/** The engine cannot be used; the message is one line for the user. */
export class EngineUnavailable extends Error {}

export interface EngineFacts {
  serverVersion: string;
  os: string;
  builder: 'buildkit' | 'legacy';
  /** The environment to build with. */
  buildEnv: NodeJS.ProcessEnv;
}

export async function engineFacts(docker: DockerClient): Promise<EngineFacts> {
  const version = await docker.run(['version', '--format', '{{.Client.Version}}|{{.Server.Version}}|{{.Server.Os}}'], {
    timeoutMs: 30_000,
  });
  if (version.missing) {
    throw new EngineUnavailable(`Docker is not installed: no '${docker.command}' command found`);
  }
  const [client = '', server = '', os = ''] = version.stdout.trim().split('|');
  if (version.code !== 0 || server === '' || version.timedOut) {
    const why = firstLine(version.stderr) || (version.timedOut ? 'docker version timed out' : 'no answer');
    throw new EngineUnavailable(`no Docker engine answers (${why})`);
  }
  const env = { ...docker.env };
  const set = env.DOCKER_BUILDKIT;
  let builder: EngineFacts['builder'];
  if (set !== undefined && set !== '') {
    builder = set === '0' || set.toLowerCase() === 'false' ? 'legacy' : 'buildkit';
  } else if ((await docker.run(['buildx', 'version'], { timeoutMs: 30_000 })).code === 0) {
    builder = 'buildkit';
    env.DOCKER_BUILDKIT = '1';
  } else if (Number.parseInt(client, 10) < 23 && os === 'linux') {
    builder = 'buildkit';
    env.DOCKER_BUILDKIT = '1';
  } else {
    builder = 'legacy';
  }
  return { serverVersion: server, os, builder, buildEnv: env };
}
