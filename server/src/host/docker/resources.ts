/**
 * What a verification created on the engine (containers, image tags, the layers of a failed legacy
 * build), removed at the end whatever happened, interruptions included. Images are removed by the
 * tags verify gave them, never by ID: an image the user already had under another name keeps it.
 */
import type { DockerClient } from './client';

export class EngineResources {
  readonly containers = new Set<string>();
  readonly tags = new Set<string>();
  /** The images a legacy build committed for its steps (untagged; those of earlier stages outlive the tag). */
  readonly leftovers = new Set<string>();
  private cleaning: Promise<void> | undefined;

  constructor(private readonly docker: DockerClient) {}

  /** Removes everything recorded; safe to call more than once (later calls wait for the first). */
  cleanup(): Promise<void> {
    this.cleaning ??= this.removeAll();
    return this.cleaning;
  }

  private async removeAll(): Promise<void> {
    if (this.containers.size > 0) {
      await this.docker.runForCleanup(['rm', '--force', '--volumes', ...this.containers]);
    }
    if (this.tags.size > 0) await this.docker.runForCleanup(['image', 'rm', ...this.tags]);
    // Newest first: a layer's parent can only go once its child is gone.
    for (const id of [...this.leftovers].reverse()) await this.docker.runForCleanup(['image', 'rm', id]);
  }
}
