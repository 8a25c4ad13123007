// @landwatch/fgb: FlatGeobuf reading (bounds-checked, range reads, packed R-tree) and writing (Hilbert-sorted, indexed).
// Byte sources: memory buffer or local file with positional reads.
export { type ByteSource, memoryByteSource, openFileByteSource } from './byte-source.ts';
// Errors: format problems (with file and feature index), missing index, writer input, byte ranges.
export { ByteRangeError, FgbFormatError, FgbNoIndexError, FgbWriterError } from './errors.ts';
// Column kinds and their FlatGeobuf storage types.
export type { ColumnKind } from './column-kind.ts';
// Header: types and readHeader (magic, header, index bounds).
export { type FgbColumn, type FgbCrs, type FgbHeader, readHeader } from './header.ts';
// Features: decoded shape and readFeatures (sequential, byte range, bbox).
export type { FgbFeature, GeometryWhen, PropertyValue } from './decode-feature.ts';
export { type FeatureRange, type ReadFeaturesOptions, readFeatures } from './read-features.ts';
// Index leaves (one box + offset per feature, file order) and tile planning over them.
export { type IndexLeaves, readIndexLeaves } from './index-leaves.ts';
// Index consistency (boxes nest, pointers and leaf offsets right) and the geometry pass without building geometry.
export { type IndexCheck, checkPackedTree, leafContains } from './check-index.ts';
export { type GeometrySummary, summarizeGeometries } from './geometry-summary.ts';
export { type PlanTilesOptions, type TilePlan, planTiles } from './plan-tiles.ts';
// Writer: Hilbert-sorted, indexed FlatGeobuf with CRS code + WKT and column titles.
export { FgbWriter, type FgbWriterOptions, type HeldFeatures } from './writer.ts';
// One feature's encoding (what the writer does at add), for splitting a layer without decoding it twice.
export { FeatureEncoder } from './encode-feature.ts';
export { columnNameProblems } from './column-names.ts';
