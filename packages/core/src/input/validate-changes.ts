// Validation of a change layer: every reason is collected (not just the first), each naming the file, the feature
// index and the field. Header-level checks run on the header alone; feature-level checks accumulate over a scan.
import type { ChangePiece, Position } from '../types.ts';

/** FlatGeobuf geometry type codes accepted for the change layer. */
export const FGB_POLYGON = 3;
export const FGB_MULTIPOLYGON = 6;
export const FGB_UNKNOWN = 0;

/** Rejected input: the reasons, one per line, each naming the file (and feature and field where they apply). */
export class RejectedInputError extends Error {
  constructor(
    readonly reasons: string[],
    options?: { cause?: unknown },
  ) {
    super(`input rejected:\n${reasons.join('\n')}`, options);
    this.name = 'RejectedInputError';
  }
}

export interface HeaderFacts {
  file: string;
  geometryType: number;
  geometryTypeName: string;
  featuresCount: number;
  /** problems found resolving fields (missing required fields, bad field map) */
  schemaProblems: string[];
  /** set when the CRS is not supported: the reason names the code / WKT */
  crsProblem?: string;
}

/** Checks that need only the header. Returns reasons (empty = fine). */
export function validateHeader(h: HeaderFacts): string[] {
  const reasons: string[] = [];
  if (![FGB_POLYGON, FGB_MULTIPOLYGON, FGB_UNKNOWN].includes(h.geometryType)) {
    reasons.push(`${h.file}: geometry type ${h.geometryTypeName} is not Polygon or MultiPolygon`);
  }
  if (h.featuresCount === 0) reasons.push(`${h.file}: empty upload (the header declares 0 features)`);
  for (const p of h.schemaProblems) reasons.push(`${h.file}: ${p}`);
  if (h.crsProblem) reasons.push(`${h.file}: ${h.crsProblem}`);
  return reasons;
}

export interface FeatureCheckDeps {
  /** true when the land-use code is in the code table in force */
  isKnownCode(code: string): boolean;
  /** converts a position of the layer's CRS to [lon, lat] */
  toLonLat(p: Position): Position;
  /** coarse test that a lon/lat lies in China */
  isInChina(lon: number, lat: number): boolean;
}

/** How many individual features are listed per kind of problem before the rest is summarised as a count. */
const LIST_LIMIT = 20;

const LOCATION_CODE = /^\d{12}[0-9A-Za-z]{0,7}$/;

interface ProblemList {
  lines: string[];
  more: number;
}

/** Accumulates feature-level problems over a scan of the change layer. */
export class ChangeLayerValidator {
  private readonly lists = new Map<string, ProblemList>();
  private readonly unknownCodes = new Map<string, { field: string; code: string; count: number; first: number[] }>();
  private seen = 0;

  constructor(
    private readonly file: string,
    private readonly declaredCount: number,
    private readonly deps: FeatureCheckDeps,
  ) {}

  private problem(kind: string, line: string): void {
    let list = this.lists.get(kind);
    if (!list) this.lists.set(kind, (list = { lines: [], more: 0 }));
    if (list.lines.length < LIST_LIMIT) list.lines.push(line);
    else list.more++;
  }

  /** A feature whose geometry is not a (multi)polygon, or absent. */
  badGeometryType(featureIndex: number, typeName: string): void {
    this.seen++;
    this.problem('geometry-type', `${this.file}: feature ${featureIndex}: geometry: ${typeName} is not Polygon or MultiPolygon`);
  }

  /** Checks one mapped piece (fields, codes, coordinates). */
  check(piece: ChangePiece, fieldNames: { before: string; after: string; location: string }): void {
    this.seen++;
    const at = `${this.file}: feature ${piece.featureIndex} (BSM ${piece.pieceId})`;
    if (piece.beforeCode === '') this.problem(`empty-${fieldNames.before}`, `${at}: field ${fieldNames.before}: empty land-use code`);
    else this.code(fieldNames.before, piece.beforeCode, piece.featureIndex);
    if (piece.afterCode === '') this.problem(`empty-${fieldNames.after}`, `${at}: field ${fieldNames.after}: empty land-use code`);
    else this.code(fieldNames.after, piece.afterCode, piece.featureIndex);
    if (!LOCATION_CODE.test(piece.locationCode)) {
      this.problem(
        'location',
        `${at}: field ${fieldNames.location}: location code '${piece.locationCode}' is not a 19-character 坐落单位代码 (12 digits down to village + 7)`,
      );
    }
    this.coordinates(piece, at);
  }

  private code(field: string, code: string, featureIndex: number): void {
    if (this.deps.isKnownCode(code)) return;
    const key = `${field}\u0000${code}`;
    let u = this.unknownCodes.get(key);
    if (!u) this.unknownCodes.set(key, (u = { field, code, count: 0, first: [] }));
    u.count++;
    if (u.first.length < 5) u.first.push(featureIndex);
  }

  private coordinates(piece: ChangePiece, at: string): void {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let vertices = 0;
    for (const polygon of piece.geometry) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          if (!Number.isFinite(x) || !Number.isFinite(y)) {
            this.problem('non-finite', `${at}: geometry: non-finite coordinate (${x}, ${y})`);
            return;
          }
          vertices++;
          if (x < minX) minX = x;
          if (y < minY) minY = y;
          if (x > maxX) maxX = x;
          if (y > maxY) maxY = y;
        }
      }
    }
    if (vertices === 0) {
      this.problem('empty-geometry', `${at}: geometry: empty polygon`);
      return;
    }
    for (const corner of [
      [minX, minY],
      [maxX, maxY],
    ] as Position[]) {
      const [lon, lat] = this.deps.toLonLat(corner);
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || !this.deps.isInChina(lon, lat)) {
        this.problem(
          'outside-china',
          `${at}: geometry: coordinate (${corner[0]}, ${corner[1]}) lies outside China (lon ${lon.toFixed(4)}, lat ${lat.toFixed(4)})`,
        );
        return;
      }
    }
  }

  /** All reasons found, in a stable order. Call after the scan. */
  reasons(): string[] {
    const out: string[] = [];
    if (this.seen !== this.declaredCount) {
      out.push(`${this.file}: the header declares ${this.declaredCount} features but the file holds ${this.seen}`);
    }
    for (const [, list] of [...this.lists].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(...list.lines);
      if (list.more > 0) out.push(`${this.file}: … and ${list.more} more features with the same problem`);
    }
    const unknown = [...this.unknownCodes.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    for (const u of unknown) {
      out.push(
        `${this.file}: field ${u.field}: unknown land-use code '${u.code}' in ${u.count} feature${u.count === 1 ? '' : 's'} (first: feature ${u.first.join(', ')})`,
      );
    }
    return out;
  }

  /** Unknown codes with counts, for inspect and status reports. */
  unknownCodeCounts(): { field: string; code: string; count: number }[] {
    return [...this.unknownCodes.values()].map(({ field, code, count }) => ({ field, code, count }));
  }
}
