// Run configuration, its hash, and the run id of DESIGN §2:
// runId = {surveyYear}-{first 12 hex of sha256(bucket, key, ETag, configHash)}.
import { createHash } from 'node:crypto';
import type { FieldMap } from '@landwatch/core';

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

/** JSON with object keys sorted, so that equal configurations hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function configHash(config: RunConfig): string {
  return sha256Hex(canonicalJson(config));
}

/** Strips the quotes S3 puts around ETags. */
export function normalizeEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '');
}

export function runIdFor(args: { surveyYear: number; bucket: string; key: string; etag: string; configHash: string }): string {
  const digest = sha256Hex(JSON.stringify([args.bucket, args.key, normalizeEtag(args.etag), args.configHash]));
  return `${args.surveyYear}-${digest.slice(0, 12)}`;
}

/** The survey year of an upload key `changes/{surveyYear}/…`, or undefined. */
export function surveyYearFromKey(key: string): number | undefined {
  const m = /(?:^|\/)changes\/(\d{4})\//.exec(key);
  return m ? Number(m[1]) : undefined;
}
