// @landwatch/core — the pure domain: data in, data out (no file system, network, environment or logging).
export * from './types.ts'; // geometry and domain types
export * from './crs/index.ts'; // supported CRSs, WKT, reprojection
export * from './area/index.ts'; // official ellipsoidal area (DOMAIN §5), geodesic oracle
export * from './geometry/index.ts'; // bbox, relate, clipping, validity repair
export * from './codes/index.ts'; // versioned land-use code tables (DOMAIN §1, §3)
export * from './rules/index.ts'; // change classification, severity, 进出平衡 (DOMAIN §6)
export * from './input/change-fields.ts'; // change-layer fields → ChangePiece
export * from './input/validate-changes.ts'; // header and feature validation with every reason
export * from './detect/detection.ts'; // detection / overlap records and their columns
export * from './detect/divisions.ts'; // administrative codes and names
export * from './detect/alert-id.ts'; // stable alert ids
export * from './detect/detect-tile.ts'; // stage: detect one tile
export * from './results/county-results.ts'; // stage: merge tiles per county, summary, balance
export * from './results/csv.ts'; // detections.csv, balance.csv
export * from './results/report-html.ts'; // report.html
export * from './results/county-alert.ts'; // the county alert message
export * from './results/labels.ts'; // 中文 labels
