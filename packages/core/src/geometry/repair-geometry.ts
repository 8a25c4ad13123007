// Validity repair of a piece's geometry. Valid input is returned as the same object after a cheap check;
// otherwise ring-level faults are fixed in place of the ring (ring-cleanup.ts) and topological faults by a
// rebuild (rebuild-area.ts: even-odd within a polygon, union across polygons).
import type { MultiPolygon } from '../types.ts';
import { rebuildArea } from './rebuild-area.ts';
import type { RepairKind } from './repair-kinds.ts';
import { cleanRings } from './ring-cleanup.ts';
import { topologyIssues } from './topology-check.ts';

export type RepairResult =
  | { ok: true; geometry: MultiPolygon; repairs: RepairKind[] }
  | { ok: false; reason: string };

/**
 * ok with the same object and no repairs when the geometry is valid; ok with a new geometry and the kinds of fault
 * fixed when it could be repaired; not ok (with the reason) when no area remains or the rebuild fails.
 */
export function repairGeometry(geom: MultiPolygon): RepairResult {
  const found = new Set<RepairKind>();
  const cleaned = cleanRings(geom, found);
  if (cleaned.polygonEnds.length === 0) {
    return { ok: false, reason: found.size > 0 ? `no ring with 3 or more distinct positions remains (${[...found].join(', ')})` : 'empty geometry' };
  }
  const issues = topologyIssues(cleaned);
  if (issues.size === 0) return { ok: true, geometry: cleaned, repairs: [...found] };
  for (const kind of issues) found.add(kind);
  let rebuilt: MultiPolygon | null;
  try {
    rebuilt = rebuildArea(cleaned);
  } catch (err) {
    return { ok: false, reason: `rebuild failed (${[...found].join(', ')}): ${(err as Error).message}` };
  }
  if (rebuilt === null) return { ok: false, reason: `still invalid after repair (${[...found].join(', ')})` };
  if (rebuilt.polygonEnds.length === 0) return { ok: false, reason: `no area remains after repair (${[...found].join(', ')})` };
  return { ok: true, geometry: rebuilt, repairs: [...found] };
}
