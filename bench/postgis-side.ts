// PostGIS's side of one comparison: the same data set, restricted to the pieces LandWatch overlays (its detections),
// through the PostGIS peer (bench/postgis.ts); the exported result layer is counted after the clock stopped.
import { join } from 'node:path';
import type { Dataset } from './dataset.ts';
import { countPostgisPairs, type PostgisExport } from './overlap-areas.ts';
import { runPostgisOverlay, type PostgisRunResult } from './postgis.ts';

export interface PostgisSideOptions {
  dataset: Dataset;
  /** BSM of the pieces to overlay (LandWatch's detections.csv piece_id). */
  pieceIds: readonly string[];
  /** Directory for the throwaway cluster and the export; its parents must be searchable by the postgres user. */
  workDir: string;
  /** Export file name inside workDir. */
  exportName: string;
}

export interface PostgisSide {
  result: PostgisRunResult;
  exported: PostgisExport;
}

export class PieceSelectionError extends Error {
  override readonly name = 'PieceSelectionError';
  constructor(
    message: string,
    /** Pieces LandWatch detected. */
    readonly expected: number,
    /** Pieces the PostGIS filter selected. */
    readonly selected: number,
  ) {
    super(message);
  }
}

export async function runPostgisSide(opts: PostgisSideOptions): Promise<PostgisSide> {
  const result = await runPostgisOverlay({
    changesPath: opts.dataset.changesPath,
    layers: opts.dataset.layers.map((l) => ({ id: l.id, kind: l.kind, path: l.path })),
    workDir: opts.workDir,
    pieceFilter: pieceFilterFor(opts.pieceIds),
    exportPath: join(opts.workDir, opts.exportName),
  });
  const expected = new Set(opts.pieceIds).size;
  if (result.pieces !== expected) {
    throw new PieceSelectionError(`PostGIS selected ${result.pieces} pieces, LandWatch detected ${expected}: the BSM filter does not match`, expected, result.pieces);
  }
  return { result, exported: await countPostgisPairs(result.exportPath) };
}

/** `bsm IN ('…', …)` on the laundered BSM column; BSM values are alphanumeric (checked when read). */
export function pieceFilterFor(pieceIds: readonly string[]): string {
  if (pieceIds.length === 0) return 'false';
  return `bsm IN (${pieceIds.map((id) => `'${id}'`).join(',')})`;
}
