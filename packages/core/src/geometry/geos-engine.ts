// GEOS (geos-wasm, GEOS 3.13) as a clip engine: the oracle for tests and a second engine. geos-wasm is a
// development dependency loaded on demand; bundles that never call createGeosEngine do not need it.
import type { MultiPolygon } from '../types.ts';
import { bboxIntersects, bboxOf } from './bbox.ts';
import type { ClipEngine } from './clip-engine.ts';
import { EMPTY_MULTI_POLYGON, vertexCount } from './multi-polygon.ts';
import { collection, geosToMultiPolygon, multiPolygonToGeos, type Geos } from './geos-convert.ts';
import { OverlayError } from './overlay-error.ts';

const GEOS_GEOMETRYCOLLECTION = 7;

let loading: Promise<Geos> | null = null;
let lastGeosError = '';

/**
 * The geos-wasm module (a process-wide singleton). GEOS errors are recorded instead of thrown through the
 * WebAssembly stack (which would leak its memory): failing GEOS calls return 0 and `takeGeosError()` says why.
 * Notices are discarded (library code never logs).
 */
export function loadGeos(): Promise<Geos> {
  loading ??= import('geos-wasm').then((m) =>
    m.default({
      errorHandler: (message: string) => {
        lastGeosError = message;
      },
      noticeHandler: () => {},
    }),
  );
  return loading;
}

/** The message of the last GEOS error, cleared. */
function takeGeosError(): string {
  const message = lastGeosError || 'GEOS returned no result';
  lastGeosError = '';
  return message;
}

export async function createGeosEngine(): Promise<ClipEngine & { dispose(): void }> {
  const geos = await loadGeos();
  let disposed = false;

  function fail(subject: MultiPolygon, clips: MultiPolygon[], message: string, cause?: unknown): OverlayError {
    return new OverlayError(`geos: ${message}`, {
      engine: 'geos',
      subjectVertices: vertexCount(subject),
      clipVertices: clips.map(vertexCount),
    }, { cause });
  }

  function intersect(subject: MultiPolygon, clips: MultiPolygon[]): MultiPolygon {
    if (disposed) throw fail(subject, clips, 'engine used after dispose()');
    if (subject.polygonEnds.length === 0) return EMPTY_MULTI_POLYGON;
    const box = bboxOf(subject);
    const near = clips.filter((c) => c.polygonEnds.length > 0 && bboxIntersects(bboxOf(c), box));
    if (near.length === 0) return EMPTY_MULTI_POLYGON;
    let s = 0;
    const parts: number[] = [];
    let result = 0;
    try {
      s = multiPolygonToGeos(geos, subject);
      for (const clip of near) {
        const c = multiPolygonToGeos(geos, clip);
        const r = geos.GEOSIntersection(s, c);
        geos.GEOSGeom_destroy(c);
        if (!r) throw fail(subject, clips, takeGeosError());
        parts.push(r);
      }
      if (parts.length === 1) {
        result = parts.pop()!;
      } else {
        const all = collection(geos, GEOS_GEOMETRYCOLLECTION, parts.splice(0)); // owns the parts now
        result = geos.GEOSUnaryUnion(all);
        geos.GEOSGeom_destroy(all);
        if (!result) throw fail(subject, clips, takeGeosError());
      }
      return geosToMultiPolygon(geos, result);
    } catch (err) {
      if (err instanceof OverlayError) throw err;
      throw fail(subject, clips, (err as Error).message, err);
    } finally {
      if (result) geos.GEOSGeom_destroy(result);
      for (const p of parts) geos.GEOSGeom_destroy(p);
      if (s) geos.GEOSGeom_destroy(s);
    }
  }

  return {
    name: 'geos',
    intersect,
    dispose() {
      // The WebAssembly module is shared by the process; every geometry was freed by the call that made it.
      disposed = true;
    },
  };
}
