// Stage functions over byte sources, shared by the CLI and the Lambda handlers (which add only I/O).
export * from './layer-registry.ts'; // layers.json
export * from './change-layer.ts'; // open + validate the change layer
export * from './protection-layer.ts'; // open protection layers, bbox reads, reprojection
export * from './tile.ts'; // run one tile
export * from './county-files.ts'; // render one county's result files
export * from './run-config.ts'; // run configuration
export * from './run-id.ts'; // run ids (DESIGN §2), config hash, ETag normalisation
export * from './canonical-json.ts'; // canonical JSON (sorted keys)
export * from './division-names.ts'; // county and township names
export * from './indexed-copy.ts'; // indexed copy of an unindexed upload
export * from './input-limits.ts'; // bounds on per-feature and per-run work
export * from './validate-protection-layer.ts'; // protection layers validated like uploads
