// Geometry of a planned patch. Grid corners are jittered, and every grid edge is subdivided with noise that
// depends only on the edge itself, computed once per patch: the two pieces on either side of an edge use the very
// same vertex objects (in opposite order), so shared edges are shared exactly. Holes are star-shaped; the piece
// that fills a hole uses the hole's own vertices.
import type { NestedMultiPolygon, Polygon, Position, Ring } from '@landwatch/core';
import { GeneratorInvariantError } from './errors.ts';
import { Rng, Stream } from './random.ts';
import { lobedShape, roundMm, starRing } from './star-shape.ts';
import type { PatchPlan, PiecePlan } from './patch-plan.ts';

/** Corner jitter, as a fraction of the mean cell size. */
const CORNER_JITTER = 0.1;
/** Edge noise amplitude, as a fraction of the edge length. */
const EDGE_NOISE = 0.05;

interface Edge {
  /** World positions from the edge's first to its last vertex (canonical direction), interior included. */
  points: Position[];
  /** Local coordinates of the two ends and the noise, to evaluate the edge at any t. */
  ax: number;
  ay: number;
  bx: number;
  by: number;
  coefficients: [number, number, number];
  /** Parameter t of each interior point. */
  ts: number[];
}

export class PatchGeometry {
  private readonly cos: number;
  private readonly sin: number;
  /** Local corner coordinates, (cols + 1) × (rows + 1), x then y. */
  private readonly corners: Float64Array;
  private readonly horizontal: Edge[] = [];
  private readonly vertical: Edge[] = [];
  private readonly holes = new Map<number, Ring>();

  constructor(
    private readonly seed: number,
    readonly plan: PatchPlan,
  ) {
    const f = plan.frame;
    this.cos = Math.cos(f.rotation);
    this.sin = Math.sin(f.rotation);
    const xs = [-sum(f.colWidths) / 2];
    for (const w of f.colWidths) xs.push(xs[xs.length - 1] + w);
    const ys = [-sum(f.rowHeights) / 2];
    for (const h of f.rowHeights) ys.push(ys[ys.length - 1] + h);
    this.corners = new Float64Array((f.cols + 1) * (f.rows + 1) * 2);
    for (let r = 0; r <= f.rows; r++) {
      for (let c = 0; c <= f.cols; c++) {
        const rng = Rng.of(seed, Stream.gridVertex, plan.index, c, r);
        const k = 2 * (c + r * (f.cols + 1));
        this.corners[k] = xs[c] + rng.range(-CORNER_JITTER, CORNER_JITTER) * f.cell;
        this.corners[k + 1] = ys[r] + rng.range(-CORNER_JITTER, CORNER_JITTER) * f.cell;
      }
    }
    for (let r = 0; r <= f.rows; r++) {
      for (let c = 0; c < f.cols; c++) this.horizontal.push(this.makeEdge(c, r, c + 1, r, 0));
    }
    for (let r = 0; r < f.rows; r++) {
      for (let c = 0; c <= f.cols; c++) this.vertical.push(this.makeEdge(c, r, c, r + 1, 1));
    }
  }

  /** The piece as a MultiPolygon: its cells' outline (one polygon per connected part), its hole, its islands. */
  piece(piece: PiecePlan): NestedMultiPolygon {
    const polygons: NestedMultiPolygon = [];
    if (piece.cells.length > 0) {
      for (const ring of this.outline(piece.cells)) polygons.push([ring]);
      if (piece.holeCell >= 0) polygons[0].push(reversed(this.holeRing(piece.holeCell)));
    }
    if (piece.enclaveOf >= 0) polygons.push([this.holeRing(piece.enclaveOf)]);
    for (const cell of piece.islandCells) polygons.push([this.holeRing(cell)]);
    return polygons;
  }

  /** Outer rings (counter-clockwise) of the union of grid cells, one per connected part. */
  outline(cells: number[]): Ring[] {
    const { cols } = this.plan.frame;
    const inPiece = new Set(cells);
    // Directed boundary edges, counter-clockwise around each cell, keyed by their start corner.
    const next = new Map<number, { to: number; points: Position[] }>();
    const corner = (c: number, r: number) => c + r * (cols + 1);
    for (const cell of cells) {
      const c = cell % cols;
      const r = Math.floor(cell / cols);
      const sides: [boolean, number, number, Edge, boolean][] = [
        [r > 0 && inPiece.has(cell - cols), corner(c, r), corner(c + 1, r), this.horizontal[c + r * cols], true],
        [c < cols - 1 && inPiece.has(cell + 1), corner(c + 1, r), corner(c + 1, r + 1), this.vertical[c + 1 + r * (cols + 1)], true],
        [inPiece.has(cell + cols) && r < this.plan.frame.rows - 1, corner(c + 1, r + 1), corner(c, r + 1), this.horizontal[c + (r + 1) * cols], false],
        [c > 0 && inPiece.has(cell - 1), corner(c, r + 1), corner(c, r), this.vertical[c + r * (cols + 1)], false],
      ];
      for (const [shared, from, to, edge, forward] of sides) {
        if (shared) continue;
        const pts = edge.points;
        next.set(from, { to, points: forward ? pts.slice(0, -1) : pts.slice(1).reverse() });
      }
    }
    const rings: Ring[] = [];
    while (next.size > 0) {
      const start = next.keys().next().value as number;
      const ring: Ring = [];
      let at = start;
      do {
        const step = next.get(at);
        if (!step) throw new GeneratorInvariantError('patch outline', `open outline at corner ${at} of patch ${this.plan.index}`);
        next.delete(at);
        ring.push(...step.points);
        at = step.to;
      } while (at !== start);
      ring.push(ring[0]);
      rings.push(ring);
    }
    return rings;
  }

  /** Counter-clockwise ring of the hole in a cell (the enclave's outline). */
  holeRing(cell: number): Ring {
    let ring = this.holes.get(cell);
    if (!ring) {
      const f = this.plan.frame;
      const c = cell % f.cols;
      const r = Math.floor(cell / f.cols);
      let lx = 0;
      let ly = 0;
      for (const [dc, dr] of [[0, 0], [1, 0], [1, 1], [0, 1]]) {
        const k = 2 * (c + dc + (r + dr) * (f.cols + 1));
        lx += this.corners[k] / 4;
        ly += this.corners[k + 1] / 4;
      }
      const rng = Rng.of(this.seed, Stream.hole, this.plan.index, cell);
      const radius = rng.range(0.16, 0.2) * Math.min(f.colWidths[c], f.rowHeights[r]);
      const [cx, cy] = this.toWorld(lx, ly);
      const shape = lobedShape(rng, { cx, cy, rotation: f.rotation, halfX: radius, halfY: radius * rng.range(0.7, 1), exponent: 2, lobeAmplitude: 0.2, lobes: [2, 3] });
      ring = starRing(shape, rng.int(6, 10), rng, 0.03);
      this.holes.set(cell, ring);
    }
    return ring;
  }

  /**
   * The left half of a cell: its own left edge and the first halves of its bottom and top edges, closed by a
   * straight cut. The cut's ends lie on the edge polylines themselves (interpolated, not rounded), so the half
   * never reaches into the neighbouring cells.
   */
  halfCell(cell: number): Polygon {
    const { cols } = this.plan.frame;
    const c = cell % cols;
    const r = Math.floor(cell / cols);
    const bottom = this.horizontal[c + r * cols];
    const top = this.horizontal[c + (r + 1) * cols];
    const left = this.vertical[c + r * (cols + 1)];
    const ring: Ring = [];
    const [bottomPoints, bottomCut] = firstHalf(bottom);
    const [topPoints, topCut] = firstHalf(top);
    ring.push(...bottomPoints, bottomCut, topCut, ...topPoints.reverse());
    ring.push(...left.points.slice(1, -1).reverse());
    ring.push(ring[0]);
    return [ring];
  }

  /** Local → world, rounded to millimetres. */
  toWorld(lx: number, ly: number): Position {
    const f = this.plan.frame;
    return [roundMm(f.cx + this.cos * lx - this.sin * ly), roundMm(f.cy + this.sin * lx + this.cos * ly)];
  }

  /** Local corner position. */
  corner(c: number, r: number): [number, number] {
    const k = 2 * (c + r * (this.plan.frame.cols + 1));
    return [this.corners[k], this.corners[k + 1]];
  }

  private makeEdge(c0: number, r0: number, c1: number, r1: number, axis: number): Edge {
    const [ax, ay] = this.corner(c0, r0);
    const [bx, by] = this.corner(c1, r1);
    const rng = Rng.of(this.seed, Stream.gridEdge, this.plan.index, c0 + r0 * 4096, axis);
    const interior = rng.chance(0.15) ? 0 : rng.int(1, 6);
    const coefficients: [number, number, number] = [rng.range(-1, 1) / 3, rng.range(-1, 1) / 3, rng.range(-1, 1) / 3];
    const edge: Edge = { points: [], ax, ay, bx, by, coefficients, ts: [] };
    const points: Position[] = [this.toWorld(ax, ay)];
    for (let i = 0; i < interior; i++) {
      const t = (i + 1 + rng.range(-0.3, 0.3)) / (interior + 1);
      edge.ts.push(t);
      points.push(this.localAt(edge, t, rng.range(-0.01, 0.01)));
    }
    points.push(this.toWorld(bx, by));
    edge.points = points;
    return edge;
  }

  /** The noisy edge at parameter t: straight line + offset along the left normal, plus `jitter` × length. */
  private localAt(edge: Edge, t: number, jitter: number): Position {
    const dx = edge.bx - edge.ax;
    const dy = edge.by - edge.ay;
    const [a1, a2, a3] = edge.coefficients;
    const offset = EDGE_NOISE * (a1 * Math.sin(Math.PI * t) + a2 * Math.sin(2 * Math.PI * t) + a3 * Math.sin(3 * Math.PI * t)) + jitter;
    // Left normal of (dx, dy) scaled by the edge length is (−dy, dx).
    return this.toWorld(edge.ax + t * dx - offset * dy, edge.ay + t * dy + offset * dx);
  }
}

/** The polyline of an edge up to its middle (t = 0.5): the vertices before it and the interpolated middle point. */
function firstHalf(edge: Edge): [Position[], Position] {
  const ts = [0, ...edge.ts, 1];
  let i = 0;
  while (ts[i + 1] < 0.5) i++;
  const f = (0.5 - ts[i]) / (ts[i + 1] - ts[i]);
  const a = edge.points[i];
  const b = edge.points[i + 1];
  return [edge.points.slice(0, i + 1), [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]];
}

function reversed(ring: Ring): Ring {
  return ring.slice().reverse();
}

function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Planar area of a MultiPolygon (outer minus holes), m², from the shoelace formula. */
export function planarArea(geometry: NestedMultiPolygon): number {
  let total = 0;
  for (const polygon of geometry) {
    polygon.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** Signed shoelace area of a ring (positive = counter-clockwise). Coordinates are offset by the first vertex. */
export function ringArea(ring: Ring): number {
  if (ring.length < 3) return 0;
  const [x0, y0] = ring[0];
  let s = 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    s += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return s / 2;
}
