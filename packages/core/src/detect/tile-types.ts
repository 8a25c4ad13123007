// The detect-tile stage's input and output types (shared by its modules: measure, overlay, assess, row).
import type { Crs } from '../crs/index.ts';
import type { ClipEngine } from '../geometry/index.ts';
import type { Classification, RuleSet } from '../rules/index.ts';
import type { ChangePiece, ProtectionFeature, ProtectionKind } from '../types.ts';
import type { Detection, Overlap } from './detection.ts';
import type { DivisionNames } from './divisions.ts';

export interface ProtectionLayerInfo {
  id: string;
  kind: ProtectionKind;
  title: string;
}

/** A piece with its classification, computed once per run stage (classifyPieces). */
export interface ClassifiedPiece {
  piece: ChangePiece;
  classification: Classification;
}

export interface TileInput {
  runId: string;
  surveyYear: number;
  /** CRS of the change layer; pieces and protection features are in it */
  crs: Crs;
  /** the tile's classified pieces (classifyPieces): detections, and 旱改水 pieces for the ledger */
  pieces: ClassifiedPiece[];
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
  /** measure stage: repair and the piece's own area */
  repairMs: number;
  /** assess stage (classification happens before the tile: classifyPieces) */
  classifyMs: number;
  overlayMs: number;
  /** areas of the clipped overlaps */
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

/** A piece the balance ledger counts that is not a detection (旱改水, 0102/0103 → 0101). */
export interface BalanceOnlyPiece {
  featureIndex: number;
  countyCode: string;
  townshipCode: string;
  classification: Classification;
  /** 耕地地类面积 (net of 田坎), m², 2 decimals */
  netAreaM2: number;
}

export interface TileResult {
  detections: (Detection & { classification: Classification })[];
  /** pieces that only feed the balance ledger */
  balanceOnly: BalanceOnlyPiece[];
  overlaps: Overlap[];
  issues: PieceIssue[];
  stats: TileStats;
}
