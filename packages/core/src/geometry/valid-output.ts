// Makes sure an overlay result is valid. Clipper2 rounds each intersection point to the grid but does not
// snap-round, so once in a few thousand overlays an output edge passes a fraction of a grid unit on the wrong
// side of another ring's vertex: a micro-crossing that OGC validity rejects. Such a result is snap-rounded
// (hot-pixel-snap.ts) and united with itself under the Positive rule (its rings are oriented).
import { FillRule, type Paths64 } from '@countertype/clipper2-ts';
import type { MultiPolygon } from '../types.ts';
import { ringToPath, unite } from './clipper-union.ts';
import { snapToHotPixels } from './hot-pixel-snap.ts';
import type { IntegerGrid } from './integer-grid.ts';
import { pathsToMultiPolygon } from './output-rings.ts';
import { topologyIssues } from './topology-check.ts';

/** The geometry when valid, else the first valid snapped union within `attempts`, else null. */
export function validOrSnapped(geom: MultiPolygon, grid: IntegerGrid, attempts = 2): MultiPolygon | null {
  let current = geom;
  for (let i = 0; ; i++) {
    if (topologyIssues(current).size === 0) return current;
    if (i === attempts) return null;
    const paths: Paths64 = [];
    const { xy, ringEnds } = current;
    for (let r = 0; r < ringEnds.length; r++) paths.push(ringToPath(xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r], grid));
    current = pathsToMultiPolygon(unite(snapToHotPixels(paths), FillRule.Positive), grid);
  }
}
