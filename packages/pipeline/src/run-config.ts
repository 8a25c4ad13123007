// Run configuration: everything besides the upload that shapes a run's results (hashed into the run id).
import type { FieldMap } from '@landwatch/core';
import { configHash } from './run-id.ts';

export interface RunConfig {
  /** features per tile (contiguous Hilbert runs) */
  tileMaxFeatures: number;
  /** field renames for the change layer */
  fieldMap: FieldMap;
  /** version of the land-use code table */
  codeTableVersion: string;
  /** version of the rule set */
  ruleSetVersion: string;
  /** the layer registry's entries and each layer's ETag / file hash */
  layers: { id: string; kind: string; path: string; version: string }[];
}

export const DEFAULT_TILE_MAX_FEATURES = 2_000;


/** sha256 of the canonical JSON of the configuration: equal configurations hash equally. */
export function runConfigHash(config: RunConfig): string {
  return configHash(config);
}
