// Stage "overlay": clip a measured piece against the protection layers and measure each clipped part.
import Flatbush from 'flatbush';
import { officialAreaM2 } from '../area/index.ts';
import type { Crs } from '../crs/index.ts';
import { bboxOf, clipToLayer, type ClipEngine } from '../geometry/index.ts';
import type { OverlapsM2, PieceFact, RuleSet } from '../rules/index.ts';
import type { ChangePiece, MultiPolygon, ProtectionFeature, ProtectionKind } from '../types.ts';
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
  /** recorded overlap area per kind (and attribute key), capped at the piece area */
  overlapsM2: OverlapsM2;
  parts: OverlapPart[];
  issues: PieceIssue[];
  /** references of the approvals, filings and valid temporary-use permits that cover at least overlapMinM2 */
  approvalRefs: string[];
  facts: PieceFact[];
}

/** What the overlay needs to read layer attributes: the rules (overlapMinM2) and the survey's standard date. */
export interface OverlayContext {
  rules: RuleSet;
  surveyYear: number;
  engine?: ClipEngine;
}

/** The layer kinds whose features' attributes change a verdict (docs/RULES.md "Layer attributes"). */
const ATTRIBUTE_KINDS: ReadonlySet<ProtectionKind> = new Set(['approved-construction', 'facility-filing', 'temporary-use']);
/** An approval clears a piece inside 永久基本农田 only when its authority names the State Council. */
const STATE_COUNCIL = '国务院';

/** Clips one piece against every layer whose features meet its bbox. Updates stats (pairs, failures, timings). */
export function overlayPiece(
  piece: ChangePiece,
  geometry: MultiPolygon,
  areaM2: number,
  layers: readonly LayerIndex[],
  crs: Crs,
  stats: TileStats,
  context: OverlayContext,
): PieceOverlay {
  const { engine } = context;
  const { timings } = stats;
  const overlapsM2: OverlapsM2 = {};
  const parts: OverlapPart[] = [];
  const issues: PieceIssue[] = [];
  const approvalRefs: string[] = [];
  const facts: PieceFact[] = [];
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
    if (clip.relation === 'outside' || clip.clipped.polygonEnds.length === 0) continue;
    t = performance.now();
    const clippedM2 = clip.relation === 'inside' ? areaM2 : Math.min(officialAreaM2(clip.clipped, crs), areaM2);
    timings.areaMs += performance.now() - t;
    if (clippedM2 < OVERLAP_RECORD_MIN_M2) continue;
    const kind = layer.info.kind;
    parts.push({ layer: layer.info, relation: clip.relation, geometry: clip.clipped, areaM2: clippedM2 });
    t = performance.now();
    let counted = clippedM2;
    if (ATTRIBUTE_KINDS.has(kind)) {
      try {
        counted = readAttributes(piece, geometry, areaM2, hits.map((i) => layer.features[i]), crs, context, { overlapsM2, approvalRefs, facts }, clippedM2);
      } catch (err) {
        // the layer's union clipped; one feature of it did not: the part is recorded, its attributes are not read
        stats.clipFailures++;
        issues.push({
          kind: 'clip-failed',
          featureIndex: piece.featureIndex,
          pieceId: piece.pieceId,
          layerId: layer.info.id,
          message: `feature ${piece.featureIndex} (BSM ${piece.pieceId}) × layer ${layer.info.id}: attributes not read, overlay of one feature failed: ${(err as Error).message}`,
        });
      }
    }
    timings.overlayMs += performance.now() - t;
    if (counted > 0) overlapsM2[kind] = Math.min(areaM2, (overlapsM2[kind] ?? 0) + counted);
  }
  return { overlapsM2, parts, issues, approvalRefs, facts };
}

/** Area of a piece covered by some features (their union), capped at the piece area; 0 when none. */
function coveredM2(geometry: MultiPolygon, areaM2: number, features: readonly ProtectionFeature[], crs: Crs, engine?: ClipEngine): number {
  if (features.length === 0) return 0;
  const clip = clipToLayer(
    geometry,
    features.map((f) => f.geometry),
    engine,
  );
  if (clip.relation === 'outside' || clip.clipped.polygonEnds.length === 0) return 0;
  const m2 = clip.relation === 'inside' ? areaM2 : Math.min(officialAreaM2(clip.clipped, crs), areaM2);
  return m2 < OVERLAP_RECORD_MIN_M2 ? 0 : m2;
}

/**
 * Reads the attributes of the features of an approval, filing or temporary-use layer that cover the piece: their
 * references, the State Council part of approvals, approvals dated after the change, expired permits. Returns the
 * area the layer counts for its own kind (for temporary use: the valid permits only).
 */
function readAttributes(
  piece: ChangePiece,
  geometry: MultiPolygon,
  areaM2: number,
  candidates: readonly ProtectionFeature[],
  crs: Crs,
  context: OverlayContext,
  out: { overlapsM2: OverlapsM2; approvalRefs: string[]; facts: PieceFact[] },
  layerM2: number,
): number {
  const { rules, surveyYear, engine } = context;
  const kind = candidates[0]?.kind;
  const standardDate = `${surveyYear}-12-31`;
  const expired = (f: ProtectionFeature) => kind === 'temporary-use' && f.attributes?.end !== undefined && f.attributes.end < standardDate;
  // a feature covers the piece when its own overlap is at least overlapMinM2
  const covering = candidates.filter((f) => coveredM2(geometry, areaM2, [f], crs, engine) >= rules.config.overlapMinM2);
  for (const f of covering) {
    const ref = f.attributes?.reference;
    if (ref !== undefined && !expired(f) && !out.approvalRefs.includes(ref)) out.approvalRefs.push(ref);
  }
  if (kind === 'approved-construction') {
    const stateCouncil = candidates.filter((f) => f.attributes?.authority?.includes(STATE_COUNCIL) === true);
    const m2 = coveredM2(geometry, areaM2, stateCouncil, crs, engine);
    if (m2 > 0) out.overlapsM2['approved-state-council'] = Math.min(areaM2, (out.overlapsM2['approved-state-council'] ?? 0) + m2);
    const changed = piece.surveyDate;
    if (changed !== undefined && covering.some((f) => f.attributes?.date !== undefined && f.attributes.date > changed)) {
      if (!out.facts.includes('approval-after-change')) out.facts.push('approval-after-change');
    }
  }
  if (kind === 'temporary-use') {
    const old = candidates.filter(expired);
    if (old.length === 0) return layerM2;
    const expiredM2 = coveredM2(geometry, areaM2, old, crs, engine);
    if (expiredM2 > 0) out.overlapsM2['temporary-use-expired'] = Math.min(areaM2, (out.overlapsM2['temporary-use-expired'] ?? 0) + expiredM2);
    return coveredM2(geometry, areaM2, candidates.filter((f) => !expired(f)), crs, engine);
  }
  return layerM2;
}
