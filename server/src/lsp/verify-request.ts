/**
 * Answers `stagewright/verify`: writes the two texts beside each other in a folder of their own (the
 * editor's text may be unsaved), builds them over the candidate's folder with the user's engine
 * (host/docker/verify.ts), reports each step as a `stagewright/verifyProgress` notification, and
 * stops and cleans up when the request is cancelled. A `<name>.dockerignore` beside the candidate is
 * copied beside both copies, so it applies as it would to the file itself.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import {
  VERIFY_PROGRESS,
  type VerifyParams,
  type VerifyProgressParams,
  type VerifyResult,
} from '../../../shared/protocol';
import { EngineUnavailable, verifyDockerfiles } from '../host/docker/verify';

export class VerifyHandler {
  constructor(private readonly connection: Connection) {}

  async verify(params: VerifyParams, token: CancellationToken): Promise<VerifyResult> {
    const problem = invalid(params);
    if (problem) return { error: problem };
    const scratch = mkdtempSync(path.join(tmpdir(), 'stagewright-verify-'));
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      const original = path.join(scratch, 'original.Dockerfile');
      const candidate = path.join(scratch, 'candidate.Dockerfile');
      writeFileSync(original, params.originalText);
      writeFileSync(candidate, params.candidateText);
      const ignore = `${params.candidatePath}.dockerignore`;
      if (existsSync(ignore)) {
        copyFileSync(ignore, `${original}.dockerignore`);
        copyFileSync(ignore, `${candidate}.dockerignore`);
      }
      const report = await verifyDockerfiles(
        {
          original,
          candidate,
          context: path.dirname(params.candidatePath),
          originalName: params.originalName,
          candidateName: path.basename(params.candidatePath),
          ...(params.docker ? { docker: params.docker } : {}),
          ...(params.buildNetwork ? { buildNetwork: params.buildNetwork } : {}),
        },
        {
          signal: controller.signal,
          progress: (p) => {
            const note: VerifyProgressParams = { id: params.id, ...p };
            void this.connection.sendNotification(VERIFY_PROGRESS, note);
          },
        },
      );
      return { report };
    } catch (error) {
      if (error instanceof EngineUnavailable) return { error: error.message };
      return { error: `verify failed: ${(error as Error)?.message ?? String(error)}` };
    } finally {
      cancelled.dispose();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

function invalid(params: VerifyParams | undefined): string | undefined {
  if (!params || typeof params !== 'object') return 'no parameters';
  for (const key of ['id', 'candidatePath', 'candidateText', 'originalText', 'originalName'] as const) {
    if (typeof params[key] !== 'string') return `${key} must be a string`;
  }
  if (!path.isAbsolute(params.candidatePath)) return 'candidatePath must be an absolute path';
  const folder = path.dirname(params.candidatePath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return `${folder}: no such folder`;
  return undefined;
}
