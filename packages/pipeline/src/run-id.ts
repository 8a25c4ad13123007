// Run ids (docs/ARCHITECTURE.md, "Run identity"): `{surveyYear}-{first 12 hex of sha256(name, ETag, configHash)}`,
// where name is the upload's file name (the last part of its key or path) and ETag its version, so that the same
// file run by the CLI and by the Lambdas gets the same id.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** What identifies a run: one upload (pinned by its ETag) processed with one configuration. */
export interface RunIdInput {
  surveyYear: number;
  /** The upload's key or path, URL-decoded; only its file name counts. */
  name: string;
  /** The upload's ETag (a local file: its MD5, which is S3's ETag for an object put in one part), quotes optional. */
  etag: string;
  /** configHash() of everything else that shapes the results (layer registry with layer ETags, rules version…). */
  configHash: string;
}

/** A run id is malformed or its input is out of range. */
export class RunIdError extends Error {
  override readonly name = 'RunIdError';
}

export const RUN_ID_PATTERN = /^(\d{4})-([0-9a-f]{12})$/;

/**
 * The run id. The hash input is the UTF-8 of the JSON array `[name, etag, configHash]` with the ETag normalised
 * by normaliseEtag(), e.g. `["a.fgb","9b2cf535f27731c974343645a3985328","…"]`.
 */
export function runIdFor(input: RunIdInput): string {
  const { surveyYear, etag, configHash: hash } = input;
  if (!Number.isInteger(surveyYear) || surveyYear < 1000 || surveyYear > 9999) {
    throw new RunIdError(`survey year must be a 4-digit integer, got ${surveyYear}`);
  }
  return `${surveyYear}-${runHash(input.name, etag, hash)}`;
}

/** The id of a rejected upload whose survey year is unknown: `unknown-{12 hex}`. */
export function unknownYearRunId(input: Pick<RunIdInput, 'name' | 'etag'>): string {
  return `unknown-${runHash(input.name, input.etag, 'no-survey-year')}`;
}

function runHash(path: string, etag: string, hash: string): string {
  const name = path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
  if (!name || !etag || !hash) throw new RunIdError('name, etag and configHash must all be non-empty');
  return sha256Hex(JSON.stringify([name, normaliseEtag(etag), hash])).slice(0, 12);
}

/** Splits a run id into its parts; throws RunIdError when it does not match RUN_ID_PATTERN. */
export function parseRunId(runId: string): { surveyYear: number; hash: string } {
  const match = RUN_ID_PATTERN.exec(runId);
  if (!match) throw new RunIdError(`not a run id: ${JSON.stringify(runId)}`);
  return { surveyYear: Number(match[1]), hash: match[2] };
}

/**
 * An ETag as S3 event notifications spell it: without surrounding quotes or a weak `W/` prefix, lower case.
 * HeadObject/GetObject return it quoted; S3 events do not.
 */
export function normaliseEtag(etag: string): string {
  return etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
}

/** The survey year of an upload key `changes/{surveyYear}/{anything}.fgb` (or .gpkg/.zip/.shp, docs/FORMATS.md);
 * undefined when the key does not match. */
export function surveyYearFromKey(key: string): number | undefined {
  const match = /^changes\/(\d{4})\/.+\.(?:fgb|gpkg|zip|shp)$/i.exec(key); // [issue-9] delivery formats
  return match ? Number(match[1]) : undefined;
}

/** sha256 (hex, 64 chars) of the canonical JSON of `value`: the same configuration gives the same hash. */
export function configHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
