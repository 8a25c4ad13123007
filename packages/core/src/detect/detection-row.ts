// Stage "row": the output records of one detected piece, built in one place.
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import type { Assessment, Classification, OverlapsM2, RuleSet } from '../rules/index.ts';
import type { ChangePiece, ChangeType, MultiPolygon, Position } from '../types.ts';
import type { DetectionRow, OverlapRow } from './detection.ts';
import { locationParts, type DivisionNames } from './divisions.ts';
import type { OverlapPart } from './overlay-piece.ts';
import { joinedReasons, sharedList, sharedText } from '../shared-text.ts';

const round2 = (x: number) => roundHalfAwayFromZero(x, 2);
const round4 = (x: number) => roundHalfAwayFromZero(x, 4);

/** The day 国办发明电〔2020〕24号 was issued: conversions before it are 存量, handled cautiously (docs/RULES.md). */
export const STOCK_BEFORE = '2020-09-10';

/**
 * The piece's 耕地地类面积: its area less the 田坎 deduction, with the before-coefficient for losses and the
 * after-coefficient for gains; the full area when the upload carries no coefficient.
 */
export function netAreaM2(piece: ChangePiece, classification: { changeType: string }, areaM2: number): number {
  const k = classification.changeType === 'gain' ? piece.afterDeductionCoefficient : piece.beforeDeductionCoefficient;
  return k === undefined ? areaM2 : areaM2 * (1 - k);
}

export interface RowInput {
  piece: ChangePiece;
  classification: Classification & { changeType: ChangeType };
  assessment: Assessment;
  alertId: string;
  areaM2: number;
  overlapsM2: OverlapsM2;
  approvalRefs: readonly string[];
  rules: RuleSet;
  names: DivisionNames;
  surveyYear: number;
  runId: string;
}

/** The detections.fgb / .csv record of a piece. */
export function detectionRow(input: RowInput): DetectionRow {
  const { piece, classification, assessment, areaM2, overlapsM2, rules, names } = input;
  const parts = locationParts(piece.locationCode);
  const overlap = (kind: keyof OverlapsM2) => round2(overlapsM2[kind] ?? 0);
  return {
    alert_id: input.alertId,
    county_code: parts.county,
    township_code: parts.township,
    village_code: parts.village,
    county_name: names.county(parts.county) ?? '',
    township_name: names.township(parts.township) ?? '',
    village_name: sharedText(piece.locationName ?? ''),
    piece_id: piece.pieceId,
    before_parcel_id: piece.beforeParcelId ?? '',
    after_parcel_id: piece.afterParcelId ?? '',
    before_code: sharedText(piece.beforeCode),
    before_name: sharedText(piece.beforeName ?? rules.codes.get(piece.beforeCode)?.name ?? ''),
    after_code: sharedText(piece.afterCode),
    after_name: sharedText(piece.afterName ?? rules.codes.get(piece.afterCode)?.name ?? ''),
    before_planting: sharedText(piece.beforePlanting ?? ''),
    after_planting: sharedText(piece.afterPlanting ?? ''),
    change_type: classification.changeType,
    severity: assessment.severity,
    rule_ids: sharedList(assessment.ruleIds),
    reasons: joinedReasons(assessment.reasons),
    inspection_category: assessment.inspectionCategory,
    disposition: assessment.disposition,
    area_m2: round2(areaM2),
    area_mu: round4(muFromM2(areaM2)),
    net_area_m2: round2(netAreaM2(piece, classification, areaM2)),
    official_area_m2: piece.changeAreaM2 ?? null,
    paddy_m2: classification.paddyLoss || classification.paddyGain ? round2(areaM2) : 0,
    permanent_farmland_m2: overlap('permanent-farmland'),
    farmland_reserve_m2: overlap('farmland-reserve'),
    high_standard_farmland_m2: overlap('high-standard-farmland'),
    ecological_redline_m2: overlap('ecological-redline'),
    urban_boundary_m2: overlap('urban-development-boundary'),
    approved_m2: overlap('approved-construction'),
    facility_filing_m2: overlap('facility-filing'),
    temporary_use_m2: overlap('temporary-use'),
    approval_refs: input.approvalRefs.join('；'),
    change_date: sharedText(piece.surveyDate ?? ''),
    stock: piece.surveyDate !== undefined && piece.surveyDate < STOCK_BEFORE,
    repeat: false, // set from the case register at finalize (docs/VERIFICATION.md, "History")
    survey_year: input.surveyYear,
    run_id: input.runId,
  };
}

/** The overlaps.fgb record of one clipped part. */
export function overlapRow(row: DetectionRow, part: OverlapPart, areaM2: number): OverlapRow {
  return {
    alert_id: row.alert_id,
    piece_id: row.piece_id,
    county_code: row.county_code,
    township_code: row.township_code,
    change_type: row.change_type,
    severity: row.severity,
    layer_id: part.layer.id,
    layer_kind: part.layer.kind,
    layer_title: part.layer.title,
    relation: part.relation,
    area_m2: round2(part.areaM2),
    area_mu: round4(muFromM2(part.areaM2)),
    share: areaM2 > 0 ? round4(part.areaM2 / areaM2) : 0,
    survey_year: row.survey_year,
    run_id: row.run_id,
  };
}

/** A representative point: the area centroid of the largest polygon's outer ring (planar, in the layer CRS). */
export function representativePoint(geom: MultiPolygon): Position {
  const { xy, ringEnds, polygonEnds } = geom;
  // the first vertex of the first polygon's shell, when it has one
  let best: Position = polygonEnds.length > 0 && polygonEnds[0] > 0 && ringEnds[0] > 0 ? [xy[0], xy[1]] : [0, 0];
  let bestArea = -1;
  for (let p = 0; p < polygonEnds.length; p++) {
    const shell = p === 0 ? 0 : polygonEnds[p - 1];
    if (polygonEnds[p] === shell) continue;
    const from = shell === 0 ? 0 : ringEnds[shell - 1];
    const to = ringEnds[shell];
    if (to - from < 3) continue;
    const ox = xy[2 * from];
    const oy = xy[2 * from + 1];
    let a2 = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 2 * from; i < 2 * (to - 1); i += 2) {
      const x0 = xy[i] - ox;
      const y0 = xy[i + 1] - oy;
      const x1 = xy[i + 2] - ox;
      const y1 = xy[i + 3] - oy;
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
