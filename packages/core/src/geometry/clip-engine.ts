// What an overlay engine does for the detector: one piece intersected with the union of some polygons.
import type { MultiPolygon } from '../types.ts';

export interface ClipEngine {
  readonly name: string;
  /**
   * subject ∩ union(clips): no polygon when empty. Clips may overlap each other (their overlap counts once). The result
   * never self-intersects: shells counter-clockwise, holes clockwise, rings closed. Throws OverlayError when the
   * engine cannot compute it.
   */
  intersect(subject: MultiPolygon, clips: MultiPolygon[]): MultiPolygon;
}
