// Opening and validating a change layer: header checks (a few range reads) and the full attribute/coordinate scan.
import {
  EMPTY_MULTI_POLYGON,
  ChangeLayerValidator,
  crsFromDescription,
  isInChinaLonLat,
  resolveChangeSchema,
  toChangePiece,
  toLonLat,
  validateHeader,
  type ChangeSchema,
  type Crs,
  type FieldMap,
  type AreaMismatch,
  type LandUseCodeTable,
} from '@landwatch/core';
import { checkPackedTree, columnNameProblems, leafContains, readFeatures, readHeader, type ByteSource, type FgbHeader, type IndexLeaves } from '@landwatch/fgb';
import { contentKey, featureBox } from './feature-content.ts';
import { DEFAULT_INPUT_LIMITS, VertexBudget, type InputLimits } from './input-limits.ts';

export interface ChangeLayer {
  source: ByteSource;
  header: FgbHeader;
  crs: Crs;
  schema: ChangeSchema;
}

export type OpenResult = { ok: true; layer: ChangeLayer } | { ok: false; reasons: string[] };

/** Reads and checks the header only: FlatGeobuf structure, geometry type, required fields, CRS, feature count. */
export async function openChangeLayer(source: ByteSource, fieldMap: FieldMap = {}): Promise<OpenResult> {
  if (source.size === 0) return { ok: false, reasons: [`${source.name}: empty upload (0 bytes)`] };
  let header: FgbHeader;
  try {
    header = await readHeader(source);
  } catch (err) {
    return { ok: false, reasons: [messageNaming(source.name, err)] };
  }
  let crs: Crs | undefined;
  let crsProblem: string | undefined;
  try {
    crs = crsFromDescription(header.crs ?? {});
  } catch (err) {
    crsProblem = (err as Error).message;
  }
  const schema = resolveChangeSchema(
    header.columns.map((c) => c.name),
    fieldMap,
  );
  const reasons = validateHeader({
    file: source.name,
    geometryType: header.geometryType,
    geometryTypeName: header.geometryTypeName,
    featuresCount: header.featuresCount,
    featureBytes: header.dataSize,
    schemaProblems: schema.problems,
    crsProblem,
  });
  // the run copies the layer (an indexed copy, a county's copy): names the copy could not carry are refused here
  reasons.push(...columnNameProblems(header.columns.map((c) => c.name)).map((p) => `${source.name}: ${p}`));
  if (reasons.length > 0 || !crs) return { ok: false, reasons };
  return { ok: true, layer: { source, header, crs, schema } };
}

export interface ScanResult {
  reasons: string[];
  featuresRead: number;
  /** land-use code histogram over before and after codes */
  codeHistogram: Record<string, number>;
  unknownCodes: { field: string; code: string; count: number }[];
  /** survey years found in SJNF (else GXSJ), with counts */
  surveyYears: Record<string, number>;
  /** the distinct township codes (first 9 characters of the location code), sorted */
  townshipCodes: string[];
  /** pieces whose computed area differs from the declared TBBGMJ by more than 1 % and 1 m² (for inputChecks) */
  areaMismatches: AreaMismatch[];
  /** positions over all features (the run's vertex budget) */
  vertices: number;
}

/**
 * Scans every feature: codes, required values, location codes, coordinates, geometry types, truncation, duplicates,
 * declared vs computed area, per-feature and per-run size limits — and, when the file has a spatial index, the
 * index's consistency and that each feature lies in its leaf box (docs/INPUT-CHECKS.md).
 */
export async function scanChangeLayer(
  layer: ChangeLayer,
  codes: LandUseCodeTable,
  onProgress?: (featuresRead: number) => void,
  limits: Readonly<InputLimits> = DEFAULT_INPUT_LIMITS,
): Promise<ScanResult> {
  const { source, header, crs, schema } = layer;
  const validator = new ChangeLayerValidator(source.name, header.featuresCount, {
    isKnownCode: (c) => codes.get(c) !== undefined,
    toLonLat: toLonLat(crs),
    isInChina: isInChinaLonLat,
    crs,
    maxVerticesPerFeature: limits.maxVerticesPerFeature,
  });
  const names = {
    before: schema.columns.BGQDLBM ?? 'BGQDLBM',
    after: schema.columns.BGHDLBM ?? 'BGHDLBM',
    location: schema.locationColumn ?? 'BGHZLDWDM',
  };
  const histogram: Record<string, number> = {};
  const reasons: string[] = [];
  const years: Record<string, number> = {};
  const townships = new Set<string>();
  const budget = new VertexBudget(limits);
  let leaves: IndexLeaves | undefined;
  if (header.indexNodeSize > 0) {
    try {
      const index = await checkPackedTree(source, header);
      reasons.push(...index.problems.map((p) => `${source.name}: ${p}`));
      if (index.problems.length === 0) leaves = index.leaves;
    } catch (err) {
      reasons.push(messageNaming(source.name, err));
    }
  }
  let read = 0;
  try {
    // nothing read here is kept: its short strings need not be shared (decode-feature.ts, `short`)
    for await (const f of readFeatures(source, header, { shareStrings: false })) {
      read++;
      if (onProgress && read % 10_000 === 0) onProgress(read);
      if (f.geometry === null) {
        const pieceId = toChangePiece(f.properties, EMPTY_MULTI_POLYGON, f.featureIndex, schema).pieceId;
        // Unknown = no geometry at all (a typed layer decodes every Polygon/MultiPolygon it has)
        if (['Polygon', 'MultiPolygon', 'Unknown'].includes(f.geometryTypeName)) validator.missingGeometry(f.featureIndex, pieceId);
        else validator.badGeometryType(f.featureIndex, f.geometryTypeName, pieceId);
        continue;
      }
      const piece = toChangePiece(f.properties, f.geometry, f.featureIndex, schema);
      histogram[piece.beforeCode] = (histogram[piece.beforeCode] ?? 0) + 1;
      histogram[piece.afterCode] = (histogram[piece.afterCode] ?? 0) + 1;
      const year = piece.surveyYear ?? (piece.surveyDate ? Number(piece.surveyDate.slice(0, 4)) : undefined);
      if (year !== undefined && Number.isFinite(year)) years[year] = (years[year] ?? 0) + 1;
      validator.check(piece, names);
      validator.duplicateCheck(piece, schema.columns.BSM !== undefined && f.properties[schema.columns.BSM] != null, contentKey(f.geometry, f.properties, schema.columns.BSM));
      const box = featureBox(f.geometry);
      budget.add(box.vertices);
      if (leaves && f.featureIndex < leaves.count) {
        if (leaves.offsets[f.featureIndex] !== f.offset) {
          reasons.push(`${source.name}: feature ${f.featureIndex} (BSM ${piece.pieceId}): spatial index: leaf ${f.featureIndex} points at byte ${leaves.offsets[f.featureIndex]} of the feature section, the feature starts at byte ${f.offset}`);
        } else if (box.vertices > 0 && !leafContains(leaves, f.featureIndex, box.minX, box.minY, box.maxX, box.maxY)) {
          reasons.push(`${source.name}: feature ${f.featureIndex} (BSM ${piece.pieceId}): spatial index: the feature's box (${box.minX}, ${box.minY}, ${box.maxX}, ${box.maxY}) is not inside its index box; bbox reads would miss it`);
        }
      }
      townships.add(piece.locationCode.slice(0, 9));
    }
  } catch (err) {
    reasons.push(messageNaming(source.name, err));
  }
  onProgress?.(read);
  const over = budget.over();
  if (over) reasons.push(`${source.name}: ${over}`);
  // after a read error the declared-vs-read count and "empty" are consequences, not more reasons
  const found = validator.reasons().filter((r) => reasons.length === 0 || !(r.includes('the header declares') || r.endsWith('empty upload (no features)')));
  return {
    reasons: [...reasons, ...found],
    featuresRead: read,
    codeHistogram: histogram,
    unknownCodes: validator.unknownCodeCounts(),
    surveyYears: years,
    townshipCodes: [...townships].sort(),
    areaMismatches: validator.areaMismatches(),
    vertices: budget.total,
  };
}

/** An error message that names the file (FgbFormatError already does). */
export function messageNaming(file: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.includes(file) ? msg : `${file}: ${msg}`;
}
