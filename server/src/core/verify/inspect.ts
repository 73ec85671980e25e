/**
 * The parts of `docker image inspect` and `docker history` that verify reads, as the engine writes
 * them (Go's JSON: absent maps are null, durations are nanoseconds).
 */

export interface HealthcheckJson {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface ImageConfigJson {
  Env?: string[] | null;
  User?: string;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
  Labels?: Record<string, string> | null;
  Healthcheck?: HealthcheckJson | null;
  StopSignal?: string;
  Shell?: string[] | null;
}

export interface ImageInspectJson {
  Id: string;
  Size: number;
  Config?: ImageConfigJson | null;
  RootFS?: { Type?: string; Layers?: string[] | null } | null;
  Os?: string;
  Architecture?: string;
}

/** One line of `docker history --no-trunc --human=false --format '{{json .}}'`. */
export interface HistoryEntryJson {
  ID?: string;
  CreatedBy?: string;
  /** Bytes as a decimal string (with --human=false). */
  Size?: string | number;
}

/** Parses the output of `docker image inspect` (a JSON array) into its first image. */
export function parseImageInspect(text: string): ImageInspectJson {
  const parsed: unknown = JSON.parse(text);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first || typeof first !== 'object' || typeof (first as ImageInspectJson).Id !== 'string') {
    throw new Error('not the output of docker image inspect');
  }
  return first as ImageInspectJson;
}

/** Parses `docker history --format '{{json .}}'` output: one JSON object per line, newest first. */
export function parseHistory(text: string): HistoryEntryJson[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as HistoryEntryJson);
}

/** `KEY=value` entries as a map; a later entry for the same key wins, as in the engine. */
export function envMap(env: readonly string[] | null | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    if (eq < 0) map.set(entry, '');
    else map.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return map;
}
