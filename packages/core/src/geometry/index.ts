// Geometry for the detector: boxes, exact relate, clipping against protection layers, validity repair.
export { bboxOf, bboxIntersects } from './bbox.ts'; // bounding boxes
export { planarAreaOf } from './planar-area.ts'; // shoelace area, for tests and diagnostics only
export { relate, type Relation } from './relate.ts'; // exact inside / outside / crossing, no clipping
export type { ClipEngine } from './clip-engine.ts'; // what an overlay engine does
export { clipperEngine } from './clipper-engine.ts'; // Clipper2 on an exact integer grid: the default engine
export { createGeosEngine } from './geos-engine.ts'; // GEOS (geos-wasm): the test oracle and a second engine
export { OverlayError } from './overlay-error.ts'; // thrown when an engine cannot compute an overlay
export { clipToLayer, type LayerClip } from './clip-to-layer.ts'; // one piece against one layer's candidates
export { releasePreparedArea } from './prepared-area.ts'; // forget a geometry's cached prepared form
export { repairGeometry, type RepairResult } from './repair-geometry.ts'; // validity check and repair
export { type RepairKind } from './repair-kinds.ts'; // what repair finds and fixes
export {
  EMPTY_MULTI_POLYGON,
  MultiPolygonBuilder,
  mapVertices,
  multiPolygon,
  polygonAt,
  polygonCount,
  polygonEnd,
  polygonStart,
  ringCount,
  ringEnd,
  ringStart,
  toNested,
  vertexCount,
} from './multi-polygon.ts'; // the flat MultiPolygon: ranges, builder, nested literals
