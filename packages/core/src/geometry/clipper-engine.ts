// Clipper2 (@countertype/clipper2-ts) as the clip engine. Per call: the subject's box, widened by a margin,
// bounds everything; each clip ring is cut to that box first (Sutherland–Hodgman), so kilometre-wide
// protection polygons shrink to the few vertices near the piece; all rings are oriented with the interior on
// their left (shells counter-clockwise, holes clockwise) and intersected under the Positive fill rule, which
// is the union of overlapping clips counted once. Coordinates go through the exact integer grid of
// integer-grid.ts; output paths are cut into simple loops (output-rings.ts) and the result is checked for
// validity, snap-rounded in the rare case it needs it (valid-output.ts).
import { ClipType, Clipper64, FillRule, type Path64, type Paths64 } from '@countertype/clipper2-ts';
import type { Bbox, MultiPolygon } from '../types.ts';
import { installExactClipperPredicates } from './clipper-exact-predicates.ts';
import type { ClipEngine } from './clip-engine.ts';
import { gridFor, toGridX, toGridY, type IntegerGrid } from './integer-grid.ts';
import { EMPTY_MULTI_POLYGON, vertexCount } from './multi-polygon.ts';
import { pathsToMultiPolygon } from './output-rings.ts';
import { OverlayError } from './overlay-error.ts';
import { prepareArea, type PreparedArea } from './prepared-area.ts';
import { clipRingToRect } from './rect-clip.ts';
import { validOrSnapped } from './valid-output.ts';

installExactClipperPredicates();

/** Margin added around the subject's box before clip rings are cut to it, as a fraction of its larger side. */
const RECT_MARGIN = 1 / 16;

export const clipperEngine: ClipEngine = {
  name: 'clipper2',
  intersect(subject: MultiPolygon, clips: MultiPolygon[]): MultiPolygon {
    try {
      return intersectWithClipper(subject, clips);
    } catch (err) {
      if (err instanceof OverlayError) throw err;
      throw failure(subject, clips, (err as Error).message, err);
    }
  },
};

function intersectWithClipper(subject: MultiPolygon, clips: MultiPolygon[]): MultiPolygon {
  const s = prepareArea(subject);
  if (s.ringCount === 0) return EMPTY_MULTI_POLYGON;
  const box = s.box;
  if (!s.finite) throw failure(subject, clips, 'the subject has non-finite coordinates');
  const margin = Math.max(box.maxX - box.minX, box.maxY - box.minY) * RECT_MARGIN;
  const rect: Bbox = { minX: box.minX - margin, minY: box.minY - margin, maxX: box.maxX + margin, maxY: box.maxY + margin };
  const grid = gridFor(rect);

  const clipPaths: Paths64 = [];
  for (const clip of clips) {
    const c = prepareArea(clip);
    const cb = c.box;
    if (cb.minX > box.maxX || cb.maxX < box.minX || cb.minY > box.maxY || cb.maxY < box.minY) continue;
    if (!c.finite) throw failure(subject, clips, 'a clip polygon has non-finite coordinates');
    addRings(c, rect, grid, clipPaths);
  }
  if (clipPaths.length === 0) return EMPTY_MULTI_POLYGON;
  const subjectPaths: Paths64 = [];
  addRings(s, rect, grid, subjectPaths);

  const clipper = new Clipper64();
  clipper.addSubject(subjectPaths);
  clipper.addClip(clipPaths);
  const solution: Paths64 = [];
  if (!clipper.execute(ClipType.Intersection, FillRule.Positive, solution)) {
    throw failure(subject, clips, 'Clipper2 could not complete the intersection');
  }
  const result = validOrSnapped(pathsToMultiPolygon(solution, grid), grid);
  if (result === null) throw failure(subject, clips, 'the result stays self-intersecting after rounding to the grid');
  return result;
}

/** Every ring of `area` that reaches `rect`, cut to it, on the grid, with the interior on its left. */
function addRings(area: PreparedArea, rect: Bbox, grid: IntegerGrid, out: Paths64): void {
  const { xy, ringStart, ringBox, ringLeft } = area;
  for (let r = 0; r < area.ringCount; r++) {
    const x0 = ringBox[4 * r];
    const y0 = ringBox[4 * r + 1];
    const x1 = ringBox[4 * r + 2];
    const y1 = ringBox[4 * r + 3];
    if (x0 > rect.maxX || x1 < rect.minX || y0 > rect.maxY || y1 < rect.minY) continue;
    const reverse = ringLeft[r] === 0;
    let path: Path64;
    if (x0 >= rect.minX && x1 <= rect.maxX && y0 >= rect.minY && y1 <= rect.maxY) {
      path = toPath(xy, 2 * ringStart[r], 2 * (ringStart[r + 1] - 1), grid, reverse);
    } else {
      const clipped = clipRingToRect(xy, ringStart[r], ringStart[r + 1], rect);
      path = toPath(clipped.xy, 0, clipped.length, grid, reverse);
    }
    if (path.length >= 3) out.push(path);
  }
}

/** Grid points of the open ring held in xy[from, to) (x, y pairs), optionally reversed. */
function toPath(xy: Float64Array, from: number, to: number, grid: IntegerGrid, reverse: boolean): Path64 {
  const n = (to - from) / 2;
  const path: Path64 = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = from + 2 * i;
    path[reverse ? n - 1 - i : i] = { x: toGridX(grid, xy[k]), y: toGridY(grid, xy[k + 1]) };
  }
  return path;
}

function failure(subject: MultiPolygon, clips: MultiPolygon[], message: string, cause?: unknown): OverlayError {
  return new OverlayError(`clipper2: ${message}`, {
    engine: 'clipper2',
    subjectVertices: vertexCount(subject),
    clipVertices: clips.map(vertexCount),
  }, { cause });
}
