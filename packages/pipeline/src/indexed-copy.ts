// An indexed, Hilbert-sorted copy of a FlatGeobuf file, streamed feature by feature (bounded memory when the writer
// spills to disk).
import { FgbWriter, readFeatures, type ByteSource, type FgbHeader } from '@landwatch/fgb';

export async function indexedCopy(
  source: ByteSource,
  header: FgbHeader,
  opts: { spillDir?: string; onProgress?: (n: number) => void } = {},
): Promise<FgbWriter> {
  const writer = new FgbWriter({
    name: header.name ?? 'layer',
    title: header.title,
    description: header.description,
    crs: header.crs ?? { code: 0 },
    columns: header.columns,
    geometryType: header.geometryType === 3 ? 'Polygon' : 'MultiPolygon',
    spillDir: opts.spillDir,
  });
  let n = 0;
  for await (const f of readFeatures(source, header)) {
    if (!f.geometry) throw new Error(`${source.name}: feature ${f.featureIndex}: geometry ${f.geometryTypeName} cannot be indexed`);
    writer.add(f.geometry, f.properties);
    if (++n % 10_000 === 0) opts.onProgress?.(n);
  }
  return writer;
}
