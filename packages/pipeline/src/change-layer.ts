// Opening and validating a change layer: header checks (a few range reads) and the full attribute/coordinate scan.
import {
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
  type LandUseCodeTable,
} from '@landwatch/core';
import { readFeatures, readHeader, type ByteSource, type FgbHeader } from '@landwatch/fgb';

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
    schemaProblems: schema.problems,
    crsProblem,
  });
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
}

/** Scans every feature: codes, required values, location codes, coordinates, geometry types, truncation. */
export async function scanChangeLayer(
  layer: ChangeLayer,
  codes: LandUseCodeTable,
  onProgress?: (featuresRead: number) => void,
): Promise<ScanResult> {
  const { source, header, crs, schema } = layer;
  const validator = new ChangeLayerValidator(source.name, header.featuresCount, {
    isKnownCode: (c) => codes.get(c) !== undefined,
    toLonLat: toLonLat(crs),
    isInChina: isInChinaLonLat,
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
  let read = 0;
  try {
    for await (const f of readFeatures(source, header)) {
      read++;
      if (onProgress && read % 10_000 === 0) onProgress(read);
      if (f.geometry === null) {
        validator.badGeometryType(f.featureIndex, f.geometryTypeName);
        continue;
      }
      const piece = toChangePiece(f.properties, f.geometry, f.featureIndex, schema);
      histogram[piece.beforeCode] = (histogram[piece.beforeCode] ?? 0) + 1;
      histogram[piece.afterCode] = (histogram[piece.afterCode] ?? 0) + 1;
      const year = piece.surveyYear ?? (piece.surveyDate ? Number(piece.surveyDate.slice(0, 4)) : undefined);
      if (year !== undefined && Number.isFinite(year)) years[year] = (years[year] ?? 0) + 1;
      validator.check(piece, names);
      townships.add(piece.locationCode.slice(0, 9));
    }
  } catch (err) {
    reasons.push(messageNaming(source.name, err));
  }
  onProgress?.(read);
  // after a read error the declared-vs-read count mismatch is a consequence, not another reason
  const found = validator.reasons().filter((r) => reasons.length === 0 || !r.includes('the header declares'));
  return { reasons: [...reasons, ...found], featuresRead: read, codeHistogram: histogram, unknownCodes: validator.unknownCodeCounts(), surveyYears: years, townshipCodes: [...townships].sort() };
}

/** An error message that names the file (FgbFormatError already does). */
export function messageNaming(file: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.includes(file) ? msg : `${file}: ${msg}`;
}
