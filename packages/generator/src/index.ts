// @landwatch/generator — a deterministic synthetic county: a DLTBGXGC change layer and protection layers.
export { generateCounty, type GeneratedCounty, type Expected } from './generate-county.ts'; // the entry point
export type { GenerateOptions } from './options.ts'; // seed, changes, county, CRS, sizes
export type { GeneratedLayer, LayerField } from './layer-types.ts'; // a protection layer and its schema
export type { GeneratedFeature, Properties } from './change-pieces.ts'; // { geometry: MultiPolygon, properties }
export type { ChangeField } from './change-fields.ts'; // DLTBGXGC field schema entry
export type { InvalidKind } from './invalid-geometry.ts'; // kinds of deliberately broken geometry
export { divisionsOf, shortVillageName, type CountyDivisions, type Township, type Village } from './divisions.ts'; // real codes
export { GenerateOptionsError, UnknownCountyError, LayoutCapacityError } from './errors.ts';
export { HISTORY_KINDS, nextSurveyYear, type HistoryKind, type HistoryOptions, type HistoryPlan } from './history.ts'; // year N+1 from year N
