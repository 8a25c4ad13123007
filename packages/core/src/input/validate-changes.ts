// Validation of a change layer: every reason is collected (not just the first), each naming the file, the feature
// index and the field. Header-level checks run on the header alone; feature-level checks accumulate over a scan.
import { officialAreaBoundsM2, officialAreaM2 } from '../area/index.ts';
import type { Crs } from '../crs/index.ts';
import { repairGeometry, vertexCount } from '../geometry/index.ts';
import type { ChangePiece, MultiPolygon, Position } from '../types.ts';

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
  /** bytes after the header and index: with a count of 0 ("unknown") and no bytes, the upload is empty */
  featureBytes?: number;
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
  // a features count of 0 means "unknown" in FlatGeobuf: the scan counts the features; only no bytes at all is empty
  if (h.featuresCount === 0 && h.featureBytes === 0) reasons.push(`${h.file}: empty upload (no features)`);
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
  /** the layer's CRS: when set, computed areas are compared with the declared TBBGMJ */
  crs?: Crs;
  /** most positions in one feature (docs/INPUT-CHECKS.md); unlimited when absent */
  maxVerticesPerFeature?: number;
}

/** Declared vs computed area (docs/INPUT-CHECKS.md): both thresholds must be crossed, the relative and the absolute. */
export const AREA_CHECK = Object.freeze({
  /** above this share of the declared area (and rejectAbsoluteM2) the piece rejects the upload */
  rejectShare: 0.1,
  /** above this share (and listAbsoluteM2) the piece is listed in the run's input checks */
  listShare: 0.01,
  absoluteM2: 1,
});

/** A piece whose computed area differs from its declared TBBGMJ by more than 1 % and 1 m². */
export interface AreaMismatch {
  featureIndex: number;
  pieceId: string;
  declaredM2: number;
  computedM2: number;
  /** (computed − declared) / declared × 100, 2 decimals */
  differencePercent: number;
  /** compared after validity repair (such pieces are only listed, never rejected) */
  repaired: boolean;
}

/** How many individual features are listed per kind of problem before the rest is summarised as a count. */
const LIST_LIMIT = 20;

/** 坐落单位代码: 19 characters, the 12-digit village code followed by 7 (docs/ARCHITECTURE.md (Inputs), docs/INPUT-CHECKS.md). */
const LOCATION_CODE = /^\d{12}[0-9A-Za-z]{7}$/;

interface ProblemList {
  lines: string[];
  more: number;
}

/** Accumulates feature-level problems over a scan of the change layer. */
export class ChangeLayerValidator {
  private readonly lists = new Map<string, ProblemList>();
  private readonly unknownCodes = new Map<string, { field: string; code: string; count: number; first: number[] }>();
  /** BSM → first feature with it; content (geometry + attributes but BSM) → first feature with it */
  private readonly byPieceId = new Map<string, number>();
  private readonly byContent = new Map<string, { featureIndex: number; pieceId: string }>();
  private readonly duplicates: string[] = [];
  private readonly mismatches: AreaMismatch[] = [];
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

  /** A feature whose geometry is not a (multi)polygon; `pieceId` is its BSM (else its feature number). */
  badGeometryType(featureIndex: number, typeName: string, pieceId = String(featureIndex)): void {
    this.seen++;
    this.problem('geometry-type', `${this.file}: feature ${featureIndex} (BSM ${pieceId}): geometry: ${typeName} is not Polygon or MultiPolygon`);
  }

  /** A feature without any geometry. */
  missingGeometry(featureIndex: number, pieceId = String(featureIndex)): void {
    this.seen++;
    this.problem('geometry-missing', `${this.file}: feature ${featureIndex} (BSM ${pieceId}): geometry: missing (null); every piece needs its polygon`);
  }

  /**
   * Notes a piece's BSM and its content key (geometry and attributes other than BSM, as the caller encodes them):
   * a second piece with either is a duplicate. Every duplicate is listed, not only the first few.
   */
  duplicateCheck(piece: ChangePiece, hasBsm: boolean, contentKey: string): void {
    const at = () => `${this.file}: feature ${piece.featureIndex} (BSM ${piece.pieceId})`;
    if (hasBsm) {
      const first = this.byPieceId.get(piece.pieceId);
      if (first === undefined) this.byPieceId.set(piece.pieceId, piece.featureIndex);
      else this.duplicates.push(`${at()}: duplicate: feature ${first} has the same BSM`);
    }
    const same = this.byContent.get(contentKey);
    if (same === undefined) this.byContent.set(contentKey, { featureIndex: piece.featureIndex, pieceId: piece.pieceId });
    else this.duplicates.push(`${at()}: duplicate: same geometry and attributes as feature ${same.featureIndex} (BSM ${same.pieceId})`);
  }

  /** Checks one mapped piece (fields, codes, coordinates, declared area). */
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
        `${at}: field ${fieldNames.location}: location code '${piece.locationCode}' is not a 19-character 坐落单位代码 (12-digit village code followed by 7 characters)`,
      );
    }
    if (this.coordinates(piece, at)) this.area(piece, at);
  }

  /** Declared TBBGMJ vs the official area of the geometry, only on coordinates already checked finite and in China. */
  private area(piece: ChangePiece, at: string): void {
    const crs = this.deps.crs;
    const declared = piece.changeAreaM2;
    if (!crs || declared === undefined) return;
    const off = (value: number, share: number) => Math.abs(value - declared) > AREA_CHECK.absoluteM2 && Math.abs(value - declared) > share * Math.abs(declared);
    // when bounds from the plane alone put the official area within the listing threshold, it cannot be off: most
    // pieces end here without the inverse projection of every vertex (a tenth of a second of a 20 000-piece scan)
    const bounds = officialAreaBoundsM2(piece.geometry, crs);
    if (bounds !== undefined && !off(bounds[0], AREA_CHECK.listShare) && !off(bounds[1], AREA_CHECK.listShare)) return;
    let computed = officialAreaM2(piece.geometry, crs);
    if (!off(computed, AREA_CHECK.listShare)) return;
    // an invalid geometry is compared after repair, as the detection measures it, and only listed
    const repair = repairGeometry(piece.geometry);
    const repaired = !repair.ok || repair.repairs.length > 0;
    if (repair.ok && repaired) computed = officialAreaM2(repair.geometry, crs);
    if (repaired && !off(computed, AREA_CHECK.listShare)) return;
    const differencePercent = declared === 0 ? Infinity : Math.round(((computed - declared) / declared) * 10_000) / 100;
    this.mismatches.push({ featureIndex: piece.featureIndex, pieceId: piece.pieceId, declaredM2: declared, computedM2: computed, differencePercent, repaired });
    if (!repaired && off(computed, AREA_CHECK.rejectShare)) {
      this.problem(
        'area',
        `${at}: field TBBGMJ: declared area ${declared} m², the geometry measures ${computed} m² (${differencePercent > 0 ? '+' : ''}${differencePercent} %); more than 10 % apart: a corrupt geometry or attribute`,
      );
    }
  }

  /** Pieces whose computed area differs from the declared one by more than 1 % and 1 m², in file order. */
  areaMismatches(): AreaMismatch[] {
    return this.mismatches.slice();
  }

  private code(field: string, code: string, featureIndex: number): void {
    if (this.deps.isKnownCode(code)) return;
    const key = `${field}\u0000${code}`;
    let u = this.unknownCodes.get(key);
    if (!u) this.unknownCodes.set(key, (u = { field, code, count: 0, first: [] }));
    u.count++;
    if (u.first.length < 5) u.first.push(featureIndex);
  }

  /** true when every coordinate is finite and the piece lies in China (the area check may then measure it). */
  private coordinates(piece: ChangePiece, at: string): boolean {
    const vertices = vertexCount(piece.geometry);
    const limit = this.deps.maxVerticesPerFeature;
    if (limit !== undefined && vertices > limit) {
      this.problem('vertex-limit', `${at}: geometry: ${vertices} positions, more than the limit of ${limit} per feature`);
      return false;
    }
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const { xy } = piece.geometry;
    for (let i = 0; i < xy.length; i += 2) {
      const x = xy[i];
      const y = xy[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        this.problem('non-finite', `${at}: geometry: non-finite coordinate (${x}, ${y})`);
        return false;
      }
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    if (vertices === 0) {
      this.problem('empty-geometry', `${at}: geometry: empty polygon`);
      return false;
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
        return false;
      }
    }
    return true;
  }

  /** All reasons found, in a stable order. Call after the scan. */
  reasons(): string[] {
    const out: string[] = [];
    if (this.seen === 0) out.push(`${this.file}: empty upload (no features)`);
    else if (this.declaredCount !== 0 && this.seen !== this.declaredCount) {
      out.push(`${this.file}: the header declares ${this.declaredCount} features but the file holds ${this.seen}`);
    }
    for (const [, list] of [...this.lists].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(...list.lines);
      if (list.more > 0) out.push(`${this.file}: … and ${list.more} more features with the same problem`);
    }
    out.push(...this.duplicates);
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
