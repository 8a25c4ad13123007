// Run ids (docs/ARCHITECTURE.md, "Run identity"): `{surveyYear}-{first 12 hex of sha256(contentSha256, configHash)}`,
// where contentSha256 is the checksum of the upload's bytes. An S3 ETag depends on the part size of a multipart
// upload; the bytes do not, so the same file uploaded by another tool, or run by the CLI, is the same run.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** What identifies a run: the bytes of one upload processed with one configuration. */
export interface RunIdInput {
  surveyYear: number;
  /** sha256 (hex) of the upload's bytes. */
  contentSha256: string;
  /** configHash() of everything else that shapes the results (layer registry with layer ETags, rules version…). */
  configHash: string;
}

/** A run id is malformed or its input is out of range. */
export class RunIdError extends Error {
  override readonly name = 'RunIdError';
}

export const RUN_ID_PATTERN = /^(\d{4})-([0-9a-f]{12})$/;

/**
 * The run id. The hash input is the UTF-8 of the JSON array `[contentSha256, configHash]` (lower-case hex), e.g.
 * `["9f86d08188…","…"]`.
 */
export function runIdFor(input: RunIdInput): string {
  const { surveyYear, contentSha256, configHash: hash } = input;
  if (!Number.isInteger(surveyYear) || surveyYear < 1000 || surveyYear > 9999) {
    throw new RunIdError(`survey year must be a 4-digit integer, got ${surveyYear}`);
  }
  return `${surveyYear}-${runHash(contentSha256, hash)}`;
}

/** One file of a delivery and the sha256 (hex) of its bytes. */
export interface DeliveryPart {
  /** the file's suffix, e.g. `.dbf` (any case) */
  suffix: string;
  sha256: string;
}

/**
 * The content checksum of a delivery: the sha256 of its one file (FlatGeobuf, GeoPackage, zip: as it always was), or
 * for a set of files (a Shapefile's .shp, .shx, .dbf, .prj, .cpg, those present) the sha256 of the JSON array of
 * `[suffix, sha256]` pairs, suffixes in lower case and sorted, e.g. `[[".dbf","…"],[".prj","…"],[".shp","…"]]`.
 * Every part counts: attributes live in the .dbf, the CRS in the .prj, the text encoding in the .cpg, so a set that
 * differs only there is another run.
 */
export function deliveryContentSha256(parts: readonly DeliveryPart[]): string {
  if (parts.length === 1) return parts[0].sha256.toLowerCase();
  const pairs = parts.map((p) => [p.suffix.toLowerCase(), p.sha256.toLowerCase()]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sha256Hex(JSON.stringify(pairs));
}

/** The id of a rejected upload whose survey year is unknown: `unknown-{12 hex}`. */
export function unknownYearRunId(input: Pick<RunIdInput, 'contentSha256'>): string {
  return `unknown-${runHash(input.contentSha256, 'no-survey-year')}`;
}

function runHash(contentSha256: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/i.test(contentSha256)) throw new RunIdError(`contentSha256 must be 64 hex digits, got ${JSON.stringify(contentSha256)}`);
  if (!hash) throw new RunIdError('configHash must be non-empty');
  return sha256Hex(JSON.stringify([contentSha256.toLowerCase(), hash])).slice(0, 12);
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
  // the suffix in any case: `.FGB` or `.ZIP` from Windows tools is the same format
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
