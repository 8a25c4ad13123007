// `landwatch index FILE --out FILE`: a Hilbert-sorted copy with a packed R-tree spatial index. The input is checked
// first as a run checks it (format, CRS, geometry type, every feature's geometry), so bad input exits 2 with every
// reason instead of failing half-way through the write (docs/INPUT-CHECKS.md).
import { dirname } from 'node:path';
import { crsFromDescription, RejectedInputError } from '@landwatch/core';
import { columnNameProblems, FgbWriterError, openFileByteSource, readHeader, type FgbHeader } from '@landwatch/fgb';
import { indexedCopy, messageNaming, validateProtectionLayer } from '@landwatch/pipeline';
import type { Progress } from '../progress.ts';

/** Reasons why `header` cannot be indexed as a LandWatch layer (empty = fine). */
function headerReasons(file: string, header: FgbHeader): string[] {
  const reasons: string[] = columnNameProblems(header.columns.map((c) => c.name)).map((p) => `${file}: ${p}`);
  if (![0, 3, 6].includes(header.geometryType)) reasons.push(`${file}: geometry type ${header.geometryTypeName} is not Polygon or MultiPolygon`);
  try {
    crsFromDescription(header.crs ?? {});
  } catch (err) {
    reasons.push(`${file}: ${(err as Error).message}`);
  }
  return reasons;
}

export async function indexFile(input: string, output: string, progress: Progress): Promise<number> {
  let source;
  try {
    source = await openFileByteSource(input);
  } catch (err) {
    throw new RejectedInputError([`${input}: cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  try {
    let header: FgbHeader;
    try {
      header = await readHeader(source);
    } catch (err) {
      throw new RejectedInputError([messageNaming(input, err)]);
    }
    const reasons = headerReasons(input, header);
    if (reasons.length > 0) throw new RejectedInputError(reasons);
    progress.stage('validate');
    const check = await validateProtectionLayer(input, source, header, crsFromDescription(header.crs ?? {}), undefined, false);
    if (check.reasons.length > 0) throw new RejectedInputError(check.reasons);
    if (check.features === 0) throw new RejectedInputError([`${input}: no features to index`]);
    progress.stage('index');
    let writer;
    try {
      writer = await indexedCopy(source, header, {
        spillDir: dirname(output),
        keepUploadIndex: false,
        onProgress: (n) => progress.update(n, check.features, 'features'),
      });
    } catch (err) {
      // what validation cannot see (a property value the writer refuses) is still the input's fault
      if (err instanceof FgbWriterError) throw new RejectedInputError([`${input}: ${err.message}`]);
      throw err;
    }
    await writer.finishToFile(output);
    progress.done();
    return writer.count;
  } finally {
    await source.close();
  }
}
