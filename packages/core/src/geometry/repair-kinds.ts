// What repairGeometry can find and fix.

export type RepairKind =
  /** A ring whose last position differs from its first: closed. */
  | 'unclosed-ring'
  /** Consecutive equal positions: dropped. */
  | 'repeated-points'
  /** Edges crossing or overlapping inside one polygon, or a ring touching itself: rebuilt. */
  | 'self-intersection'
  /** A ring identical to another (any start, either direction): dropped. */
  | 'duplicate-ring'
  /** A ring with fewer than 3 distinct positions, or all on one line: dropped (a dropped shell takes its holes). */
  | 'degenerate-ring'
  /** A hole not inside its shell: rebuilt (it becomes a part of its own). */
  | 'hole-outside-shell'
  /** A position with a NaN or infinite coordinate: dropped. */
  | 'non-finite'
  /** A ring doubling back on itself (a zero-width spike): rebuilt without it. */
  | 'spike'
  /** A hole inside another hole of the same polygon: rebuilt (the inner one becomes an island). */
  | 'nested-hole'
  /** Polygons of the MultiPolygon overlapping or sharing an edge: rebuilt as their union. */
  | 'overlapping-polygons';
