// Stage "overlay": clip a measured piece against the protection layers and measure each clipped part.
import Flatbush from 'flatbush';
import { officialAreaM2 } from '../area/index.ts';
import type { Crs } from '../crs/index.ts';
import { bboxOf, clipToLayer, type ClipEngine } from '../geometry/index.ts';
import type { OverlapsM2 } from '../rules/index.ts';
import type { ChangePiece, MultiPolygon, ProtectionFeature } from '../types.ts';
import type { PieceIssue, ProtectionLayerInfo, TileStats } from './tile-types.ts';

/**
 * Clipped parts smaller than this (m²) are not recorded at all: they round to 0.00 m² in every output file, so they
 * are boundary noise, not overlaps. Whether a recorded overlap *counts* for a verdict is a separate, configurable rule
 * (RuleSetConfig.overlapMinM2, default 1 m², docs/RULES.md "Protection overlaps").
 */
export const OVERLAP_RECORD_MIN_M2 = 0.005;

export interface LayerIndex {
  info: ProtectionLayerInfo;
  index: Flatbush | null;
  features: ProtectionFeature[];
}

/** One spatial index per layer over the tile's protection features. */
export function indexLayers(layers: readonly ProtectionLayerInfo[], features: readonly ProtectionFeature[]): LayerIndex[] {
  const byLayer = new Map<string, ProtectionFeature[]>();
  for (const f of features) {
    let list = byLayer.get(f.layerId);
    if (!list) byLayer.set(f.layerId, (list = []));
    list.push(f);
  }
  return layers.map((info) => {
    const list = byLayer.get(info.id) ?? [];
    if (list.length === 0) return { info, index: null, features: list };
    const index = new Flatbush(list.length);
    for (const f of list) {
      const b = bboxOf(f.geometry);
      index.add(b.minX, b.minY, b.maxX, b.maxY);
    }
    index.finish();
    return { info, index, features: list };
  });
}

export interface OverlapPart {
  layer: ProtectionLayerInfo;
  relation: string;
  geometry: MultiPolygon;
  areaM2: number;
}

export interface PieceOverlay {
  /** recorded overlap area per kind, capped at the piece area */
  overlapsM2: OverlapsM2;
  parts: OverlapPart[];
  issues: PieceIssue[];
}

/** Clips one piece against every layer whose features meet its bbox. Updates stats (pairs, failures, timings). */
export function overlayPiece(
  piece: ChangePiece,
  geometry: MultiPolygon,
  areaM2: number,
  layers: readonly LayerIndex[],
  crs: Crs,
  stats: TileStats,
  engine?: ClipEngine,
): PieceOverlay {
  const { timings } = stats;
  const overlapsM2: OverlapsM2 = {};
  const parts: OverlapPart[] = [];
  const issues: PieceIssue[] = [];
  const box = bboxOf(geometry);
  for (const layer of layers) {
    if (!layer.index) continue;
    const hits = layer.index.search(box.minX, box.minY, box.maxX, box.maxY);
    if (hits.length === 0) continue;
    stats.candidatePairs++;
    let t = performance.now();
    let clip;
    try {
      clip = clipToLayer(
        geometry,
        hits.map((i) => layer.features[i].geometry),
        engine,
      );
    } catch (err) {
      timings.overlayMs += performance.now() - t;
      stats.clipFailures++;
      issues.push({
        kind: 'clip-failed',
        featureIndex: piece.featureIndex,
        pieceId: piece.pieceId,
        layerId: layer.info.id,
        message: `feature ${piece.featureIndex} (BSM ${piece.pieceId}) × layer ${layer.info.id}: overlay failed: ${(err as Error).message}`,
      });
      continue;
    }
    timings.overlayMs += performance.now() - t;
    if (clip.relation === 'outside' || clip.clipped.length === 0) continue;
    t = performance.now();
    const clippedM2 = clip.relation === 'inside' ? areaM2 : Math.min(officialAreaM2(clip.clipped, crs), areaM2);
    timings.areaMs += performance.now() - t;
    if (clippedM2 < OVERLAP_RECORD_MIN_M2) continue;
    const kind = layer.info.kind;
    overlapsM2[kind] = Math.min(areaM2, (overlapsM2[kind] ?? 0) + clippedM2);
    parts.push({ layer: layer.info, relation: clip.relation, geometry: clip.clipped, areaM2: clippedM2 });
  }
  return { overlapsM2, parts, issues };
}
