// Stage "measure": repair a piece's geometry and take its official ellipsoidal area (docs/RULES.md, "Areas").
import { officialAreaM2 } from '../area/index.ts';
import type { Crs } from '../crs/index.ts';
import { repairGeometry } from '../geometry/index.ts';
import type { ChangePiece, MultiPolygon } from '../types.ts';
import type { PieceIssue } from './tile-types.ts';

export interface MeasuredPiece {
  geometry: MultiPolygon;
  areaM2: number;
  /** repair kinds applied (empty when the geometry was valid) */
  repairs: string[];
}

/** The repaired geometry and its area, or the issue that explains why the piece cannot be measured. */
export function measurePiece(piece: ChangePiece, crs: Crs): MeasuredPiece | PieceIssue {
  const repaired = repairGeometry(piece.geometry);
  if (!repaired.ok) {
    return {
      kind: 'unrepairable',
      featureIndex: piece.featureIndex,
      pieceId: piece.pieceId,
      message: `feature ${piece.featureIndex} (BSM ${piece.pieceId}): geometry cannot be repaired: ${repaired.reason}`,
    };
  }
  return { geometry: repaired.geometry, areaM2: officialAreaM2(repaired.geometry, crs), repairs: [...repaired.repairs] };
}
