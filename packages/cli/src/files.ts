// File-system helpers of the CLI: byte sources for paths, and all-or-nothing output directories.
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Writes files into a staging directory, then moves each final directory into place in one rename each. */
export class StagedOutput {
  private readonly moves: { staged: string; final: string }[] = [];

  constructor(
    private readonly outDir: string,
    private readonly stagingDir: string,
  ) {}

  /** Stage `files` for the final directory `relDir` (relative to the output directory). */
  async stageDir(relDir: string, files: Iterable<[string, Uint8Array | string]>): Promise<void> {
    const staged = join(this.stagingDir, relDir);
    await mkdir(staged, { recursive: true });
    for (const [name, bytes] of files) await writeFile(join(staged, name), bytes);
    this.moves.push({ staged, final: join(this.outDir, relDir) });
  }

  /** Moves every staged directory into place (replacing an earlier result of the same run) and cleans up. */
  async commit(): Promise<string[]> {
    const finals: string[] = [];
    for (const m of this.moves) {
      await mkdir(dirname(m.final), { recursive: true });
      await rm(m.final, { recursive: true, force: true });
      await rename(m.staged, m.final);
      finals.push(m.final);
    }
    await this.abort();
    return finals;
  }

  /** Removes the staging directory, and its parent when nothing else is staged there. */
  async abort(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
    await rmdir(dirname(this.stagingDir)).catch(() => undefined);
  }
}
