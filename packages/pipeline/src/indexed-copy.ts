// An indexed, Hilbert-sorted copy of a FlatGeobuf file, streamed feature by feature (bounded memory when the writer
// spills to disk). The run's copy keeps each feature's number in the upload (column UPLOAD_INDEX_COLUMN), so that
// messages about a piece name it as the uploader numbers it, not by its place in the sorted copy.
import { crsFromDescription, UPLOAD_INDEX_COLUMN } from '@landwatch/core';
import { FgbWriter, readFeatures, type ByteSource, type FgbHeader, type FgbWriterOptions } from '@landwatch/fgb';

/** The writer options of a copy of `header`'s layer: its name, CRS and columns, plus the upload's feature numbers
 * unless they are off or the layer has them already (a copy of a copy). The county split (county-split.ts) encodes
 * with the same columns, so that its per-county copies hold exactly what a single-county copy holds. */
export function copyWriterOptions(header: FgbHeader, keepUploadIndex = true): FgbWriterOptions & { keepIndex: boolean } {
  const keepIndex = keepUploadIndex && !header.columns.some((c) => c.name.toUpperCase() === UPLOAD_INDEX_COLUMN);
  return {
    name: header.name ?? 'layer',
    title: header.title,
    description: header.description,
    crs: copyCrs(header),
    columns: keepIndex ? [...header.columns, { name: UPLOAD_INDEX_COLUMN, type: 'long', title: '上传文件中的要素序号' }] : header.columns,
    geometryType: header.geometryType === 3 ? 'Polygon' : 'MultiPolygon',
    keepIndex,
  };
}

/**
 * The header's CRS, with the EPSG code the run recognised from its WKT where the file stores none (a .prj in ESRI's
 * words that GDAL wrote without a code): the copy is a file the run itself reads back and must say what it is.
 */
function copyCrs(header: FgbHeader): NonNullable<FgbHeader['crs']> | { code: number } {
  const crs = header.crs;
  if (!crs || (crs.code ?? 0) > 0) return crs ?? { code: 0 };
  try {
    return { ...crs, org: 'EPSG', code: crsFromDescription(crs).epsg };
  } catch {
    return crs; // no CRS the run knows: validation has refused the layer already
  }
}

export async function indexedCopy(
  source: ByteSource,
  header: FgbHeader,
  opts: { spillDir?: string; onProgress?: (n: number) => void; keepUploadIndex?: boolean } = {},
): Promise<FgbWriter> {
  // default on: the run's copies need it; `landwatch index` writes a plain copy for users
  const { keepIndex, ...options } = copyWriterOptions(header, opts.keepUploadIndex !== false);
  const writer = new FgbWriter({ ...options, spillDir: opts.spillDir });
  let n = 0;
  try {
    for await (const f of readFeatures(source, header)) {
      if (!f.geometry) throw new Error(`${source.name}: feature ${f.featureIndex}: geometry ${f.geometryTypeName} cannot be indexed`);
      writer.add(f.geometry, keepIndex ? { ...f.properties, [UPLOAD_INDEX_COLUMN]: f.featureIndex } : f.properties);
      if (++n % 10_000 === 0) opts.onProgress?.(n);
    }
  } catch (err) {
    writer.discard(); // no spill file left behind
    throw err;
  }
  return writer;
}
