// Valid change pieces as GeoJSON features, in EPSG:4490: the upload that the hostile-input tests and the committed
// input-check fixtures (fuzz/input-check-fixtures.ts) damage one thing at a time.
import { CGCS2000, multiPolygon, officialAreaM2, type Position } from '@landwatch/core';

/** A closed square ring of side `d` degrees, its south-west corner at (lon, lat). */
export const lonLatSquare = (lon: number, lat: number, d = 0.001): Position[] => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];

/** The official area of the 0.001° square at (lon, lat): what a piece there declares as TBBGMJ. */
export const squareAreaM2 = (lon: number, lat: number): number => officialAreaM2(multiPolygon([[lonLatSquare(lon, lat)]]), CGCS2000);

export type PieceProperties = Record<string, string | number>;

export interface PieceFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: Position[][] };
  properties: PieceProperties;
}

/** Piece i: the 0.001° square at (111.6 + 0.002 i °E, 26.2 °N), 0101 → 0702 in survey year 2024, TBBGMJ its official
 * area; `over` replaces or adds fields. */
export function changePiece(i: number, over: PieceProperties = {}): PieceFeature {
  const lon = 111.6 + i * 0.002;
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [lonLatSquare(lon, 26.2)] },
    properties: {
      BSM: `43110220240000${String(i).padStart(4, '0')}`,
      BGQDLBM: '0101',
      BGHDLBM: '0702',
      BGHZLDWDM: '4311020010010000000',
      SJNF: 2024,
      TBBGMJ: squareAreaM2(lon, 26.2),
      ...over,
    },
  };
}

/** Pieces 0 … n − 1. */
export const changePieces = (n = 4): PieceFeature[] => Array.from({ length: n }, (_, i) => changePiece(i));
