// Stable alert ids: the same input piece always gets the same id, whatever the run.
import { createHash } from 'node:crypto';
import type { ChangePiece } from '../types.ts';

export function alertIdFor(piece: ChangePiece, surveyYear: number): string {
  const h = createHash('sha256')
    .update(JSON.stringify([surveyYear, piece.locationCode, piece.pieceId, piece.beforeCode, piece.afterCode]))
    .digest('hex');
  // one flat string: the template's pieces (and the digest the slice points into) would stay live with every row
  // and overlap that carries the id, until the files are written
  return Buffer.from(`LW${surveyYear}-${piece.locationCode.slice(0, 6)}-${h.slice(0, 10)}`, 'latin1').toString('latin1');
}
