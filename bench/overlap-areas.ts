// Reads the result layers back after the clocks stopped: our overlaps.fgb (one feature per detected piece and
// protection layer, the clipped geometry) and PostGIS's export (one feature per piece and protection polygon), and
// measures both sides' clipped geometries the same ways.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crsFromEpsg, ellipsoidalAreaM2 } from '@landwatch/core';
import { geodesicAreaM2 } from '@landwatch/core/oracle';
import { openFileByteSource, readFeatures, readHeader, type FgbFeature } from '@landwatch/fgb';

export interface OurOverlaps {
  /** Features of overlaps.fgb: (detected piece, protection layer) pairs with a recorded overlap. */
  pieceLayerPairs: number;
  /** Per protection kind: GeographicLib geodesic area of our clipped geometries (edges = geodesics, like PostGIS geography), m². */
  geodesicByKindM2: Record<string, number>;
  /** Per protection kind: the official method (docs/LAND-SURVEY.md, "Official area") on the same geometries, unrounded, m². */
  officialByKindM2: Record<string, number>;
}

export interface PostgisExport {
  /** Rows: (piece, protection polygon) pairs with a polygonal intersection. */
  piecePolygonPairs: number;
  /** Distinct (piece, protection layer) pairs. */
  pieceLayerPairs: number;
  /** Of those, pairs whose area (summed over the layer's polygons) reaches SLIVER_M2: what LandWatch records. */
  pieceLayerPairsAboveSliver: number;
}

/** LandWatch drops overlaps below this area as slivers of shared boundaries (MIN_OVERLAP_M2 in core detect-tile.ts). */
export const SLIVER_M2 = 0.005;

export class ResultReadError extends Error {
  override readonly name = 'ResultReadError';
  constructor(
    message: string,
    /** File being read. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** BSM (piece_id) of every detection in detections.csv: the pieces LandWatch overlays. */
export async function detectedPieceIds(resultDir: string): Promise<string[]> {
  const path = join(resultDir, 'detections.csv');
  const lines = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const column = lines[0]?.split(',').indexOf('piece_id') ?? -1;
  if (column < 0) throw new ResultReadError('no piece_id column', path);
  // piece_id is a digits-only BSM and comes before the free-text columns that could hold quoted commas.
  const ids = lines.slice(1).map((line) => line.split(',')[column]);
  const bad = ids.find((id) => !/^[0-9A-Za-z]+$/.test(id ?? ''));
  if (bad !== undefined) throw new ResultReadError(`unexpected piece_id '${bad}'`, path);
  return ids;
}

/** Areas of our clipped geometries per protection kind, in the data set's CRS (EPSG code). */
export async function measureOurOverlaps(resultDir: string, crsEpsg: number): Promise<OurOverlaps> {
  const crs = crsFromEpsg(crsEpsg);
  const geodesicByKindM2: Record<string, number> = {};
  const officialByKindM2: Record<string, number> = {};
  let pieceLayerPairs = 0;
  for await (const f of features(join(resultDir, 'overlaps.fgb'))) {
    if (!f.geometry) continue;
    const kind = String(f.properties.layer_kind);
    pieceLayerPairs++;
    geodesicByKindM2[kind] = (geodesicByKindM2[kind] ?? 0) + geodesicAreaM2(f.geometry, crs);
    officialByKindM2[kind] = (officialByKindM2[kind] ?? 0) + ellipsoidalAreaM2(f.geometry, crs);
  }
  return { pieceLayerPairs, geodesicByKindM2, officialByKindM2 };
}

/** Pair counts of PostGIS's exported overlay layer (columns piece_fid, layer_id). */
export async function countPostgisPairs(exportPath: string): Promise<PostgisExport> {
  const areaByPair = new Map<string, number>();
  let rows = 0;
  for await (const f of features(exportPath)) {
    rows++;
    const key = `${String(f.properties.piece_fid)}\u0000${String(f.properties.layer_id)}`;
    areaByPair.set(key, (areaByPair.get(key) ?? 0) + Number(f.properties.area_m2));
  }
  const aboveSliver = [...areaByPair.values()].filter((a) => a >= SLIVER_M2).length;
  return { piecePolygonPairs: rows, pieceLayerPairs: areaByPair.size, pieceLayerPairsAboveSliver: aboveSliver };
}

async function* features(path: string): AsyncGenerator<FgbFeature> {
  let source;
  try {
    source = await openFileByteSource(path);
  } catch (cause) {
    throw new ResultReadError(`cannot open: ${(cause as Error).message}`, path, { cause });
  }
  try {
    yield* readFeatures(source, await readHeader(source));
  } finally {
    await source.close();
  }
}
