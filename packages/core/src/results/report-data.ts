// The data report.html carries for its map and search: every detection as a compact row and its shape, every
// protection overlap's shape, in CGCS2000 lon/lat. Shapes are simplified to a sub-metre tolerance (invisible at the
// largest zoom the page offers), quantised to 1e-6° (≈ 0.1 m) and delta-encoded as integers, which keeps 40 000
// detections and their overlaps to a few megabytes of JSON (docs/REPORT.md).
//
// The long lists (cases, shapes, overlap shapes) are made an element at a time as the page's JSON is written
// (LazyJsonArray): held whole, they were 60 MB of the heap at 100 000 pieces for as long as the report took.
import type { Crs } from '../crs/index.ts';
import { toLonLat } from '../crs/index.ts';
import type { Detection, DetectionRow, Overlap } from '../detect/detection.ts';
import type { MultiPolygon, Position } from '../types.ts';
import { CHANGE_TYPES, SEVERITIES } from '../types.ts';
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import type { CountyResult } from './county-results.ts';
import { sortedByUrgency } from './county-results.ts';
import { lazyMap } from '../lazy-map.ts';

/** Simplification tolerance in the layer's units: metres for projected CRSs, degrees for geographic ones. */
const TOLERANCE_M = 0.3;
const TOLERANCE_DEG = 3e-6;
/** Quantisation of lon/lat: 1e-6° */
const QUANTUM = 1e6;

/** Columns of a case row (the page reads them by these positions). */
export const CASE_FIELDS = [
  'alertId',
  'pieceId',
  'severity', // index into SEVERITIES
  'changeType', // index into CHANGE_TYPES (or the code itself when unknown to this version)
  'areaMu',
  'permanentFarmlandMu',
  'village', // index into ReportData.villages
  'beforeCode', // land-use names are in ReportData.landUseNames
  'afterCode',
  'lon',
  'lat',
  'rules', // index into ReportData.ruleSets
  'extra', // optional columns present in this run (reasons, disposition, …) by name, or 0
] as const;

/** Optional detection columns shown when a run has them. */
export const OPTIONAL_CASE_COLUMNS = ['reasons', 'inspection_category', 'disposition', 'approval_refs', 'change_date', 'stock', 'repeat', 'net_area_m2'] as const satisfies readonly (keyof DetectionRow)[];

/** A JSON array whose elements are made when it is written, in order, and not kept. */
export class LazyJsonArray {
  constructor(readonly each: () => Iterable<unknown>) {}
}

/** A JSON object whose fields are written in this order; a field may be a LazyJsonArray. */
export class JsonFields {
  constructor(readonly fields: readonly (readonly [string, unknown])[]) {}
}

/** The report's data as it is written: ReportData's fields in its order, the long lists lazy. */
export type ReportDataParts = { [K in keyof ReportData]: ReportData[K] | LazyJsonArray };

/** What the page reads (report-app.ts), as JSON. */
export interface ReportData {
  cases: unknown[][];
  /** [village code, village name, township code, township name], referenced by the cases */
  villages: [string, string, string, string][];
  /** land-use code → name */
  landUseNames: Record<string, string>;
  /** distinct rule-id lists (';'-joined), referenced by the cases */
  ruleSets: string[];
  /** per case, its shape: polygons → rings → [x0, y0, dx1, dy1, …] in 1e-6° */
  shapes: number[][][][];
  /** per protection layer: id, title, kind, then [caseIndex, shape] per overlap; shape 0 = the whole case shape */
  overlaps: { id: string; title: string; kind: string; items: [number, number[][][] | 0][] }[];
  /** case indexes of the worst cases, most urgent first (numbered on the map) */
  worst: number[];
}

/**
 * Douglas–Peucker on the closed ring (first = last) in vertices [from, to) of xy: 1 in `keep` (indexed from `from`)
 * for every vertex kept; keeps at least 4 positions.
 */
function simplifyRing(xy: Float64Array, from: number, to: number, tol: number): Uint8Array {
  const n = to - from;
  const keep = new Uint8Array(n);
  if (n <= 5) return keep.fill(1);
  const x = (i: number) => xy[2 * (from + i)];
  const y = (i: number) => xy[2 * (from + i) + 1];
  keep[0] = keep[n - 1] = 1;
  // split at the vertex farthest from the first, so the closed ring has two open halves
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n - 1; i++) {
    const d = (x(i) - x(0)) ** 2 + (y(i) - y(0)) ** 2;
    if (d > farD) (farD = d), (far = i);
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, n - 1],
  ];
  const tol2 = tol * tol;
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const ax = x(a);
    const ay = y(a);
    const bx = x(b);
    const by = y(b);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let maxI = -1;
    for (let i = a + 1; i < b; i++) {
      const px = x(i);
      const py = y(i);
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      const d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      if (d > maxD) (maxD = d), (maxI = i);
    }
    if (maxD > tol2) {
      keep[maxI] = 1;
      stack.push([a, maxI], [maxI, b]);
    }
  }
  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i];
  return kept >= 4 ? keep : keep.fill(1);
}

function encodeShape(geometry: MultiPolygon, project: (p: Position) => Position, tol: number): number[][][] {
  const { xy, ringEnds, polygonEnds } = geometry;
  const shape: number[][][] = [];
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    const polygon: number[][] = [];
    for (; r < polygonEnds[p]; r++) {
      const from = r === 0 ? 0 : ringEnds[r - 1];
      const keep = simplifyRing(xy, from, ringEnds[r], tol);
      const flat: number[] = [];
      let px = 0;
      let py = 0;
      for (let i = 0; i < keep.length; i++) {
        if (keep[i] === 0) continue;
        const [lon, lat] = project([xy[2 * (from + i)], xy[2 * (from + i) + 1]]);
        const x = Math.round(lon! * QUANTUM);
        const y = Math.round(lat! * QUANTUM);
        flat.push(x - px, y - py);
        px = x;
        py = y;
      }
      polygon.push(flat);
    }
    shape.push(polygon);
  }
  return shape;
}

const mu = (m2: number) => roundHalfAwayFromZero(muFromM2(m2), 4);

/** Interns repeated values (villages, rule lists) as indexes into a table. */
class Table<T> {
  readonly rows: T[] = [];
  private readonly index = new Map<string, number>();
  of(key: string, row: () => T): number {
    let i = this.index.get(key);
    if (i === undefined) this.index.set(key, (i = this.rows.push(row()) - 1));
    return i;
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function caseRow(d: Detection, villages: Table<ReportData['villages'][number]>, ruleSets: Table<string>, names: Record<string, string>): unknown[] {
  const r = d.row;
  const extra: Record<string, unknown> = {};
  for (const c of OPTIONAL_CASE_COLUMNS) if (r[c] !== undefined && r[c] !== null && r[c] !== '') extra[c] = r[c];
  // the case register's view (docs/VERIFICATION.md), when the run consulted it
  if (d.case) {
    extra.status = d.case.status;
    if (d.case.deadline !== '') extra.deadline = d.case.deadline;
    extra.overdue = d.case.overdue;
  }
  const type = CHANGE_TYPES.indexOf(r.change_type);
  const rules = r.rule_ids.join(';');
  names[r.before_code] = r.before_name;
  names[r.after_code] = r.after_name;
  return [
    r.alert_id,
    r.piece_id,
    SEVERITIES.indexOf(r.severity),
    type >= 0 ? type : r.change_type,
    r.area_mu,
    mu(r.permanent_farmland_m2),
    villages.of(r.village_code, () => [r.village_code, r.village_name, r.township_code, r.township_name]),
    r.before_code,
    r.after_code,
    round6(d.lonLat[0]),
    round6(d.lonLat[1]),
    ruleSets.of(rules, () => rules),
    Object.keys(extra).length > 0 ? extra : 0,
  ];
}

/** How many worst cases are numbered on the map and listed first. */
export const REPORT_WORST_CASES = 20;

/**
 * The report's data, its fields in ReportData's order. The tables the cases refer to (villages, rule lists, land-use
 * names) fill as the cases are written, before them: write the fields in order, each once.
 */
export function reportData(result: CountyResult, crs: Crs): ReportDataParts {
  const project = crs.kind === 'geographic' ? (p: Position) => p : toLonLat(crs);
  const tol = crs.kind === 'geographic' ? TOLERANCE_DEG : TOLERANCE_M;
  // cases in urgency order: the list, the search results and the drawing order (most urgent drawn last) follow it
  const ordered = sortedByUrgency(result.detections);
  const index = new Map(ordered.map((d, i) => [d.row.alert_id, i]));
  const overlaps = new Map<string, { id: string; title: string; kind: string; items: Overlap[] }>();
  for (const l of result.summary.protectionLayers) overlaps.set(l.id, { id: l.id, title: l.title, kind: l.kind, items: [] });
  for (const o of result.overlaps as Overlap[]) {
    let layer = overlaps.get(o.row.layer_id);
    if (!layer) overlaps.set(o.row.layer_id, (layer = { id: o.row.layer_id, title: o.row.layer_title, kind: o.row.layer_kind, items: [] }));
    layer.items.push(o);
  }
  const overlapItem = (o: Overlap): [number, number[][][] | 0] => {
    const caseIndex = index.get(o.row.alert_id) ?? -1;
    // a piece wholly inside the layer overlaps it with its whole shape: the page reuses the case's shape
    return [caseIndex, o.row.relation === 'inside' && caseIndex >= 0 ? 0 : encodeShape(o.geometry, project, tol)];
  };
  const worst: number[] = [];
  for (let i = 0; i < ordered.length && worst.length < REPORT_WORST_CASES; i++) if (ordered[i]!.row.change_type !== 'gain') worst.push(i);
  const villages = new Table<ReportData['villages'][number]>();
  const ruleSets = new Table<string>();
  const landUseNames: Record<string, string> = {};
  return {
    cases: new LazyJsonArray(() => lazyMap(ordered, (d) => caseRow(d, villages, ruleSets, landUseNames))),
    villages: new LazyJsonArray(() => villages.rows),
    landUseNames,
    ruleSets: new LazyJsonArray(() => ruleSets.rows),
    shapes: new LazyJsonArray(() => lazyMap(ordered, (d) => encodeShape(d.geometry, project, tol))),
    overlaps: new LazyJsonArray(() =>
      lazyMap(
        [...overlaps.values()].filter((l) => l.items.length > 0),
        (l) => new JsonFields([['id', l.id], ['title', l.title], ['kind', l.kind], ['items', new LazyJsonArray(() => lazyMap(l.items, overlapItem))]]),
      ),
    ),
    worst,
  };
}
