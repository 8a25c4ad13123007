// `landwatch convert IN --out OUT.fgb [--layer NAME]`: a delivery (GeoPackage, Shapefile set, .gdb folder, zip of a
// Shapefile set or .gdb) into the indexed FlatGeobuf a run reads (docs/FORMATS.md). Nothing is written on rejection.
import { dirname, resolve } from 'node:path';
import { convertToFlatGeobuf, type ConvertResult } from '@landwatch/formats';
import type { Progress } from '../progress.ts';

const FORMAT_NAMES = { fgb: 'FlatGeobuf', gpkg: 'GeoPackage', shp: 'Shapefile', gdb: 'File Geodatabase', zip: 'zip' } as const;

export async function convertFile(input: string, output: string, layer: string | undefined, progress: Progress): Promise<ConvertResult> {
  progress.stage('convert');
  const out = resolve(output);
  const result = await convertToFlatGeobuf(resolve(input), { outPath: out, tmpDir: dirname(out), layer });
  progress.done();
  return result;
}

/** One line for stdout. */
export function describeConversion(result: ConvertResult): string {
  const from = `${FORMAT_NAMES[result.format]}${result.layer ? `, layer ${result.layer}` : ''}${result.encoding ? `, attributes in ${result.encoding}` : ''}`;
  return `wrote ${result.outPath} (${result.features} features from ${from}; ${result.indexed ? 'Hilbert-sorted, spatial index' : "the delivery's feature order, no index"})`;
}
