// Where tile-scale keeps a run: one folder per (county, tile size) that BenchRunPort uses as its results bucket.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PinnedLayer, PinnedObject } from '@landwatch/pipeline';
import { BenchRunPort } from './bench-port.ts';

/** What a child needs to build the port of a run. */
export interface RunPlace {
  workDir: string;
  pinnedLayers: PinnedLayer[];
}

/** A county on disk: its change layer (pinned), its layer registry and the registry's layers (pinned). */
export interface County {
  pieces: number;
  upload: PinnedObject;
  /** the same layer without a spatial index (GDAL), when ogr2ogr is installed */
  unindexed: PinnedObject | undefined;
  registryPath: string;
  pinnedLayers: PinnedLayer[];
}

export function benchPort(place: RunPlace): BenchRunPort {
  return new BenchRunPort({ workDir: place.workDir, outDir: join(place.workDir, 'out'), pinnedLayers: place.pinnedLayers });
}

/** Bytes of every file under a folder of the run (0 when there is none). */
export async function bytesUnder(dir: string): Promise<number> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  let total = 0;
  for (const n of names) {
    const s = await stat(join(dir, n));
    if (s.isFile()) total += s.size;
  }
  return total;
}
