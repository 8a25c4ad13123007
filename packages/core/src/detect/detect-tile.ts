// Stage "detect-tile": classify every piece of a tile, overlay the detected ones with the protection layers, measure
// official ellipsoidal areas and assess severity. Pure: data in, data out.
import Flatbush from 'flatbush';
import { officialAreaM2, muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import { toLonLat, type Crs } from '../crs/index.ts';
import { bboxOf, clipToLayer, repairGeometry, type ClipEngine } from '../geometry/index.ts';
import { assessDetection, classifyChange, isEligibleGain, type Classification, type OverlapsM2, type RuleSet } from '../rules/index.ts';
import type { Bbox, ChangePiece, MultiPolygon, Position, ProtectionFeature, ProtectionKind } from '../types.ts';
import { alertIdFor } from './alert-id.ts';
import { OVERLAP_COLUMN_OF_KIND, type Detection, type DetectionRow, type Overlap } from './detection.ts';
import { locationParts, type DivisionNames } from './divisions.ts';

export interface ProtectionLayerInfo {
  id: string;
  kind: ProtectionKind;
  title: string;
}

export interface TileInput {
  runId: string;
  surveyYear: number;
  /** CRS of the change layer; pieces and protection features are in it */
  crs: Crs;
  pieces: ChangePiece[];
  /** protection features near the tile, already transformed to the change layer's CRS */
  protection: ProtectionFeature[];
  layers: ProtectionLayerInfo[];
  rules: RuleSet;
  names: DivisionNames;
  /** clipping engine (default: the geometry module's default) */
  engine?: ClipEngine;
}

export type PieceIssueKind = 'unrepairable' | 'clip-failed';

export interface PieceIssue {
  kind: PieceIssueKind;
  featureIndex: number;
  pieceId: string;
  layerId?: string;
  message: string;
}

export interface TileTimings {
  repairMs: number;
  classifyMs: number;
  overlayMs: number;
  areaMs: number;
}

export interface TileStats {
  pieces: number;
  detections: number;
  repaired: Record<string, number>;
  repairedPieces: number;
  unrepairable: number;
  clipFailures: number;
  /** (piece, layer) pairs with at least one candidate feature by bbox */
  candidatePairs: number;
  overlaps: number;
  timings: TileTimings;
}

export interface TileResult {
  detections: (Detection & { classification: Classification })[];
  overlaps: Overlap[];
  issues: PieceIssue[];
  stats: TileStats;
}

/** Overlaps smaller than this (m²) are slivers of shared boundaries and are not recorded. */
const MIN_OVERLAP_M2 = 0.005;

interface LayerIndex {
  info: ProtectionLayerInfo;
  index: Flatbush | null;
  geometries: MultiPolygon[];
}

function indexLayers(layers: ProtectionLayerInfo[], features: ProtectionFeature[]): LayerIndex[] {
  const byLayer = new Map<string, MultiPolygon[]>();
  for (const f of features) {
    let list = byLayer.get(f.layerId);
    if (!list) byLayer.set(f.layerId, (list = []));
    list.push(f.geometry);
  }
  return layers.map((info) => {
    const geometries = byLayer.get(info.id) ?? [];
    if (geometries.length === 0) return { info, index: null, geometries };
    const index = new Flatbush(geometries.length);
    for (const g of geometries) {
      const b = bboxOf(g);
      index.add(b.minX, b.minY, b.maxX, b.maxY);
    }
    index.finish();
    return { info, index, geometries };
  });
}

/** A representative point: the area centroid of the largest polygon's outer ring (planar, in the layer CRS). */
export function representativePoint(geom: MultiPolygon): Position {
  let best: Position = geom[0]?.[0]?.[0] ?? [0, 0];
  let bestArea = -1;
  for (const polygon of geom) {
    const ring = polygon[0];
    if (!ring || ring.length < 3) continue;
    const [ox, oy] = ring[0];
    let a2 = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const x0 = ring[i][0] - ox;
      const y0 = ring[i][1] - oy;
      const x1 = ring[i + 1][0] - ox;
      const y1 = ring[i + 1][1] - oy;
      const cross = x0 * y1 - x1 * y0;
      a2 += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    const area = Math.abs(a2 / 2);
    if (area > bestArea && a2 !== 0) {
      bestArea = area;
      best = [ox + cx / (3 * a2), oy + cy / (3 * a2)];
    }
  }
  return best;
}

const round2 = (x: number) => roundHalfAwayFromZero(x, 2);
const round4 = (x: number) => roundHalfAwayFromZero(x, 4);

export function detectTile(input: TileInput): TileResult {
  const { crs, rules, names, runId, surveyYear } = input;
  const layerIndexes = indexLayers(input.layers, input.protection);
  const lonLatOf = toLonLat(crs);
  const timings: TileTimings = { repairMs: 0, classifyMs: 0, overlayMs: 0, areaMs: 0 };
  const stats: TileStats = {
    pieces: input.pieces.length,
    detections: 0,
    repaired: {},
    repairedPieces: 0,
    unrepairable: 0,
    clipFailures: 0,
    candidatePairs: 0,
    overlaps: 0,
    timings,
  };
  const detections: TileResult['detections'] = [];
  const overlaps: Overlap[] = [];
  const issues: PieceIssue[] = [];

  for (const piece of input.pieces) {
    let t = performance.now();
    const classification = classifyChange(piece, rules);
    timings.classifyMs += performance.now() - t;
    if (classification === null) continue;

    t = performance.now();
    const repaired = repairGeometry(piece.geometry);
    timings.repairMs += performance.now() - t;
    if (!repaired.ok) {
      stats.unrepairable++;
      issues.push({
        kind: 'unrepairable',
        featureIndex: piece.featureIndex,
        pieceId: piece.pieceId,
        message: `feature ${piece.featureIndex} (BSM ${piece.pieceId}): geometry cannot be repaired: ${repaired.reason}`,
      });
      continue;
    }
    if (repaired.repairs.length > 0) {
      stats.repairedPieces++;
      for (const r of repaired.repairs) stats.repaired[r] = (stats.repaired[r] ?? 0) + 1;
    }
    const geometry = repaired.geometry;

    t = performance.now();
    const areaM2 = officialAreaM2(geometry, crs);
    timings.areaMs += performance.now() - t;

    const alertId = alertIdFor(piece, surveyYear);
    const overlapsM2: OverlapsM2 = {};
    const pieceOverlaps: { layer: ProtectionLayerInfo; relation: string; geometry: MultiPolygon; areaM2: number }[] = [];
    const box: Bbox = bboxOf(geometry);
    for (const layer of layerIndexes) {
      if (!layer.index) continue;
      const hits = layer.index.search(box.minX, box.minY, box.maxX, box.maxY);
      if (hits.length === 0) continue;
      stats.candidatePairs++;
      t = performance.now();
      let clip;
      try {
        clip = clipToLayer(
          geometry,
          hits.map((i) => layer.geometries[i]),
          input.engine,
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
      if (clippedM2 < MIN_OVERLAP_M2) continue;
      overlapsM2[layer.info.kind] = Math.min(areaM2, (overlapsM2[layer.info.kind] ?? 0) + clippedM2);
      pieceOverlaps.push({ layer: layer.info, relation: clip.relation, geometry: clip.clipped, areaM2: clippedM2 });
    }

    t = performance.now();
    const assessment = assessDetection(
      classification,
      {
        areaM2,
        overlapsM2,
        afterSlopeClass: piece.afterSlopeClass,
        afterRefinement: piece.afterRefinement,
        afterSettlementCode: piece.afterSettlementCode,
        afterPlanting: piece.afterPlanting,
      },
      rules,
    );
    // the assessment evaluates gain eligibility (DOMAIN §6.4) itself: one source for rule_ids and the ledger
    const eligibleGain = classification.changeType === 'gain' ? isEligibleGain(assessment) : undefined;
    const ruleIds = assessment.ruleIds;
    const reasons = assessment.reasons;
    timings.classifyMs += performance.now() - t;

    const parts = locationParts(piece.locationCode);
    const beforeEntry = rules.codes.get(piece.beforeCode);
    const afterEntry = rules.codes.get(piece.afterCode);
    const row: DetectionRow = {
      alert_id: alertId,
      county_code: parts.county,
      township_code: parts.township,
      village_code: parts.village,
      county_name: names.county(parts.county) ?? '',
      township_name: names.township(parts.township) ?? '',
      village_name: piece.locationName ?? '',
      piece_id: piece.pieceId,
      before_parcel_id: piece.beforeParcelId ?? '',
      after_parcel_id: piece.afterParcelId ?? '',
      before_code: piece.beforeCode,
      before_name: piece.beforeName ?? beforeEntry?.name ?? '',
      after_code: piece.afterCode,
      after_name: piece.afterName ?? afterEntry?.name ?? '',
      before_planting: piece.beforePlanting ?? '',
      after_planting: piece.afterPlanting ?? '',
      change_type: classification.changeType,
      severity: assessment.severity,
      rule_ids: ruleIds.join(';'),
      area_m2: round2(areaM2),
      area_mu: round4(muFromM2(areaM2)),
      official_area_m2: piece.changeAreaM2 ?? null,
      paddy_m2: classification.paddyLoss || classification.paddyGain ? round2(areaM2) : 0,
      permanent_farmland_m2: 0,
      farmland_reserve_m2: 0,
      high_standard_farmland_m2: 0,
      ecological_redline_m2: 0,
      urban_boundary_m2: 0,
      approved_m2: 0,
      facility_filing_m2: 0,
      temporary_use_m2: 0,
      survey_year: surveyYear,
      run_id: runId,
    };
    for (const [kind, m2] of Object.entries(overlapsM2) as [ProtectionKind, number][]) {
      const column = OVERLAP_COLUMN_OF_KIND[kind];
      if (column) (row as unknown as Record<string, number>)[column] = round2(m2);
    }
    const [lon, lat] = lonLatOf(representativePoint(geometry));
    detections.push({
      row,
      geometry,
      lonLat: [roundHalfAwayFromZero(lon, 7), roundHalfAwayFromZero(lat, 7)],
      featureIndex: piece.featureIndex,
      tags: classification.tags,
      reasons,
      eligibleGain,
      classification,
    });
    for (const o of pieceOverlaps) {
      overlaps.push({
        row: {
          alert_id: alertId,
          piece_id: piece.pieceId,
          county_code: parts.county,
          township_code: parts.township,
          change_type: classification.changeType,
          severity: assessment.severity,
          layer_id: o.layer.id,
          layer_kind: o.layer.kind,
          layer_title: o.layer.title,
          relation: o.relation,
          area_m2: round2(o.areaM2),
          area_mu: round4(muFromM2(o.areaM2)),
          share: areaM2 > 0 ? round4(o.areaM2 / areaM2) : 0,
          survey_year: surveyYear,
          run_id: runId,
        },
        geometry: o.geometry,
      });
    }
  }
  stats.detections = detections.length;
  stats.overlaps = overlaps.length;
  return { detections, overlaps, issues, stats };
}
