// One tile of a run: read the tile's byte range of the change layer, the protection features inside its bbox, and
// run the pure detection stage.
import {
  EMPTY_MULTI_POLYGON,
  bboxOf,
  classifyPiece,
  detectTile,
  toChangePiece,
  type ClassifiedPiece,
  type ClipEngine,
  type DivisionNames,
  type RuleSet,
  type TileResult,
} from '@landwatch/core';
import { readFeatures, type TilePlan } from '@landwatch/fgb';
import type { ChangeLayer } from './change-layer.ts';
import { TargetBoxes, readProtectionInBbox, type ProtectionLayer } from './protection-layer.ts';

export interface TileContext {
  runId: string;
  surveyYear: number;
  changes: ChangeLayer;
  layers: readonly ProtectionLayer[];
  rules: RuleSet;
  names: DivisionNames;
  engine?: ClipEngine;
}

export interface TileRun extends TileResult {
  tileId: string;
  readMs: number;
  protectionFeatures: number;
}

/** The geometry of a piece while it is classified (classification reads attributes only). */
const NOT_DECODED = EMPTY_MULTI_POLYGON;

export async function runTile(tile: TilePlan, ctx: TileContext): Promise<TileRun> {
  const t0 = performance.now();
  const { header, schema, source, crs } = ctx.changes;
  // each piece is classified from its attributes before its polygon is decoded: the pieces that are neither
  // detections nor ledger entries (about half) are counted but never decoded, so no coordinates of theirs live
  // through the tile (they were most of what the garbage collector copied: docs in bench/DETECT-PROFILE.md)
  const classified: ClassifiedPiece[] = [];
  let pieces = 0;
  const last: { kept: ClassifiedPiece | null } = { kept: null };
  const classify = (properties: Parameters<typeof toChangePiece>[0], featureIndex: number): boolean => {
    last.kept = classifyPiece(toChangePiece(properties, NOT_DECODED, featureIndex, schema), ctx.rules);
    return last.kept !== null;
  };
  for await (const f of readFeatures(source, header, {
    range: { start: tile.start, end: tile.end, firstIndex: tile.firstIndex },
    geometryWhen: classify,
    // most pieces are dropped here: the few repeated texts a detection's row keeps are shared there (detectionRow)
    shareStrings: false,
  })) {
    if (f.geometrySkipped) pieces++;
    else if (f.geometry && last.kept) {
      pieces++;
      last.kept.piece.geometry = f.geometry;
      classified.push(last.kept);
    }
  }
  // only protection features that can meet a detected piece are read (most of a tile's bbox holds none)
  const targets = new TargetBoxes(
    classified.map((c) => bboxOf(c.piece.geometry)),
    crs,
  );
  const protection = (await Promise.all(ctx.layers.map((l) => readProtectionInBbox(l, tile.bbox, crs, targets)))).flat();
  const readMs = performance.now() - t0;
  const result = detectTile({
    runId: ctx.runId,
    surveyYear: ctx.surveyYear,
    crs,
    pieces: classified,
    protection,
    layers: ctx.layers.map((l) => l.info),
    rules: ctx.rules,
    names: ctx.names,
    engine: ctx.engine,
  });
  // stats.pieces counts every piece the tile read, detected or not
  return { ...result, stats: { ...result.stats, pieces }, tileId: tile.tileId, readMs, protectionFeatures: protection.length };
}
