// Stage "detect-tile": for each classified piece of a tile — measure (repair, official area), overlay (clip against
// the protection layers), assess (decision table), row (the output records). Pure: data in, data out.
import { roundHalfAwayFromZero } from '../area/index.ts';
import { toLonLat } from '../crs/index.ts';
import { releasePreparedArea } from '../geometry/index.ts';
import { sharedClassification } from '../shared-text.ts';
import type { Overlap } from './detection.ts';
import { alertIdFor } from './alert-id.ts';
import { assessPiece } from './assess-piece.ts';
import { locationParts } from './divisions.ts';
import { detectionRow, netAreaM2, overlapRow, representativePoint } from './detection-row.ts';
import { measurePiece } from './measure-piece.ts';
import { indexLayers, overlayPiece } from './overlay-piece.ts';
import type { PieceIssue, TileInput, TileResult, TileStats, TileTimings } from './tile-types.ts';

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
  const balanceOnly: TileResult['balanceOnly'] = [];
  const overlaps: Overlap[] = [];
  const issues: PieceIssue[] = [];

  for (const classified of input.pieces) {
    const { piece } = classified;
    // classified: final, and lives on with the detection or the ledger entry until the files are written
    const classification = sharedClassification(classified.classification);
    let t = performance.now();
    const measured = measurePiece(piece, crs);
    timings.repairMs += performance.now() - t;
    if ('kind' in measured) {
      stats.unrepairable++;
      issues.push(measured);
      continue;
    }
    if (measured.repairs.length > 0) {
      stats.repairedPieces++;
      for (const r of measured.repairs) stats.repaired[r] = (stats.repaired[r] ?? 0) + 1;
    }
    const { geometry, areaM2 } = measured;
    const changeType = classification.changeType;
    if (changeType === 'dry_to_paddy') {
      const parts = locationParts(piece.locationCode);
      const netAreaRounded = roundHalfAwayFromZero(netAreaM2(piece, classification, areaM2), 2);
      balanceOnly.push({ featureIndex: piece.featureIndex, countyCode: parts.county, townshipCode: parts.township, classification, netAreaM2: netAreaRounded });
      continue;
    }

    const overlay = overlayPiece(piece, geometry, areaM2, layerIndexes, crs, stats, { rules, surveyYear, engine: input.engine });
    // the geometries live on in the tile's result (the piece's and its clipped parts'); what the overlay derived
    // from them does not (the parts' prepared forms were 10 000 at 100 000 pieces, live to the end of the run)
    releasePreparedArea(geometry);
    releasePreparedArea(piece.geometry);
    for (const part of overlay.parts) releasePreparedArea(part.geometry);
    issues.push(...overlay.issues);

    t = performance.now();
    const { assessment, eligibleGain } = assessPiece(piece, classification, areaM2, overlay, rules);
    timings.classifyMs += performance.now() - t;

    const alertId = alertIdFor(piece, surveyYear);
    const row = detectionRow({
      piece,
      classification: { ...classification, changeType },
      assessment,
      alertId,
      areaM2,
      overlapsM2: overlay.overlapsM2,
      approvalRefs: overlay.approvalRefs,
      rules,
      names,
      surveyYear,
      runId,
    });
    const [lon, lat] = lonLatOf(representativePoint(geometry));
    detections.push({
      row,
      geometry,
      lonLat: [roundHalfAwayFromZero(lon, 7), roundHalfAwayFromZero(lat, 7)],
      featureIndex: piece.featureIndex,
      tags: classification.tags,
      // pooled already (assess-detection.ts)
      reasons: assessment.reasons,
      eligibleGain,
      classification,
    });
    for (const part of overlay.parts) overlaps.push({ row: overlapRow(row, part, areaM2), geometry: part.geometry });
  }
  stats.detections = detections.length;
  stats.overlaps = overlaps.length;
  return { detections, balanceOnly, overlaps, issues, stats };
}
