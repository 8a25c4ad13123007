// One tile of a run: read the tile's byte range of the change layer, the protection features inside its bbox, and
// run the pure detection stage.
import {
  bboxOf,
  classifyPieces,
  detectTile,
  toChangePiece,
  type ChangePiece,
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

export async function runTile(tile: TilePlan, ctx: TileContext): Promise<TileRun> {
  const t0 = performance.now();
  const { header, schema, source, crs } = ctx.changes;
  const pieces: ChangePiece[] = [];
  for await (const f of readFeatures(source, header, {
    range: { start: tile.start, end: tile.end, firstIndex: tile.firstIndex },
  })) {
    if (f.geometry) pieces.push(toChangePiece(f.properties, f.geometry, f.featureIndex, schema));
  }
  // only protection features that can meet a detected piece are read (most of a tile's bbox holds none)
  const classified = classifyPieces(pieces, ctx.rules);
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
  return { ...result, stats: { ...result.stats, pieces: pieces.length }, tileId: tile.tileId, readMs, protectionFeatures: protection.length };
}
