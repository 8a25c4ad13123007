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
 * name), returns the path of the FlatGeobuf to run on: the download itself for a .fgb, else a FlatGeobuf in the
 * delivery's feature order (unindexed; the ingest indexes it as any unindexed upload) written to `outPath` (default: beside the download, `<name>.converted.fgb`). Throws RejectedInputError with every
 * reason, naming `displayName` (the S3 key) instead of the local path.
 */
export async function convertUpload(
  localPath: string,
  opts: { tmpDir: string; outPath?: string; layer?: string; displayName?: string; zipLimits?: ZipLimits; spatialIndex?: boolean },
): Promise<string> {
  const format = await deliveryFormat(localPath);
  if (format === 'fgb') return localPath;
  const outPath = opts.outPath ?? `${localPath}.converted.fgb`;
  try {
    // source order, no index: the ingest validates it (feature numbers as in the delivery), then indexes it
    await convertToFlatGeobuf(localPath, { outPath, tmpDir: opts.tmpDir, layer: opts.layer, zipLimits: opts.zipLimits, spatialIndex: opts.spatialIndex ?? false });
  } catch (err) {
    if (opts.displayName === undefined || !(err instanceof RejectedInputError)) throw err;
    const named = opts.displayName;
    throw new RejectedInputError(err.reasons.map((r) => r.split(localPath).join(named)), { cause: err });
  }
  return outPath;
}

/** Copies one object of the uploads bucket to a local file; false when the object does not exist. */
export type UploadDownloader = (key: string, localPath: string) => Promise<boolean>;

/**
 * The ingest's whole conversion step for one upload key: undefined for a .fgb (read in place by range reads);
 * otherwise the upload (and a .shp's companions) is downloaded into `tmpDir` and converted, and the local path of
 * the indexed FlatGeobuf is returned. Rejections name the S3 keys. The caller removes `tmpDir`.
 */
export async function fetchAndConvertUpload(
  key: string,
  opts: { tmpDir: string; download: UploadDownloader; layer?: string; zipLimits?: ZipLimits },
): Promise<string | undefined> {
  if (!isAcceptedUploadKey(key)) {
    throw new RejectedInputError([`${key}: uploads are changes/{surveyYear}/{name} with .fgb, .gpkg, .zip or .shp (with .shx/.dbf beside it)`]);
  }
  if (/\.fgb$/i.test(key)) return undefined;
  const name = key.slice(key.lastIndexOf('/') + 1);
  // a GeoPackage must end in .gpkg for GDAL and for deliveryFormat; keep every name as uploaded
  const local = `${opts.tmpDir}/${name}`;
  await opts.download(key, local);
  const { required, optional } = uploadCompanionKeys(key);
  const missing: string[] = [];
  for (const companion of [...required, ...optional]) {
    const found = await opts.download(companion, `${opts.tmpDir}/${companion.slice(companion.lastIndexOf('/') + 1)}`);
    if (!found && required.includes(companion)) missing.push(companion);
  }
  if (missing.length > 0) {
    throw new RejectedInputError([`${key}: the Shapefile's ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not in the bucket; upload the set as one .zip, or upload these before the .shp`]);
  }
  return convertUpload(local, { tmpDir: opts.tmpDir, outPath: `${opts.tmpDir}/converted.fgb`, layer: opts.layer, displayName: key, zipLimits: opts.zipLimits });
}
