// The Lambda ingest's side of delivery formats: which upload keys it takes, which sibling objects a Shapefile upload
// needs, and the conversion of a downloaded upload into the FlatGeobuf the run reads (docs/FORMATS.md).
import { RejectedInputError } from '@landwatch/core';
import { convertToFlatGeobuf, deliveryFormat } from './convert.ts';
import type { ZipLimits } from './zip-contents.ts';

/** Upload keys the ingest starts a run for: changes/{surveyYear}/… with one of these suffixes, any case. */
const UPLOAD_KEY = /^changes\/\d{4}\/.+\.(fgb|gpkg|zip|shp)$/i;

export function isAcceptedUploadKey(key: string): boolean {
  return UPLOAD_KEY.test(key);
}

/**
 * The objects a .shp upload is read with: the same key with .shx, .dbf (required) and .prj, .cpg (when present),
 * in the case of the .shp's suffix. Other uploads are single objects: [].
 */
export function uploadCompanionKeys(key: string): { required: string[]; optional: string[] } {
  const match = /\.(shp)$/i.exec(key);
  if (!match) return { required: [], optional: [] };
  const base = key.slice(0, -4);
  const upper = match[1] === 'SHP';
  const k = (ext: string) => `${base}.${upper ? ext.toUpperCase() : ext}`;
  return { required: [k('shx'), k('dbf')], optional: [k('prj'), k('cpg')] };
}

/**
 * Given the local path of a downloaded upload (with a .shp's companions downloaded beside it under the same base
 * name), returns the path of the FlatGeobuf to run on: the download itself for a .fgb, else an indexed FlatGeobuf
 * written to `outPath` (default: beside the download, `<name>.converted.fgb`). Throws RejectedInputError with every
 * reason, naming `displayName` (the S3 key) instead of the local path.
 */
export async function convertUpload(
  localPath: string,
  opts: { tmpDir: string; outPath?: string; layer?: string; displayName?: string; zipLimits?: ZipLimits },
): Promise<string> {
  const format = await deliveryFormat(localPath);
  if (format === 'fgb') return localPath;
  const outPath = opts.outPath ?? `${localPath}.converted.fgb`;
  try {
    await convertToFlatGeobuf(localPath, { outPath, tmpDir: opts.tmpDir, layer: opts.layer, zipLimits: opts.zipLimits });
  } catch (err) {
    if (opts.displayName === undefined || !(err instanceof RejectedInputError)) throw err;
    const named = opts.displayName;
    throw new RejectedInputError(err.reasons.map((r) => r.split(localPath).join(named)), { cause: err });
  }
  return outPath;
}
