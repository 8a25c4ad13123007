// `landwatch index FILE --out FILE`: a Hilbert-sorted copy with a packed R-tree spatial index.
import { dirname } from 'node:path';
import { openFileByteSource, readHeader } from '@landwatch/fgb';
import { indexedCopy } from '@landwatch/pipeline';
import type { Progress } from '../progress.ts';

export async function indexFile(input: string, output: string, progress: Progress): Promise<number> {
  const source = await openFileByteSource(input);
  try {
    const header = await readHeader(source);
    progress.stage('index');
    const writer = await indexedCopy(source, header, {
      spillDir: dirname(output),
      onProgress: (n) => progress.update(n, header.featuresCount, 'features'),
    });
    await writer.finishToFile(output);
    progress.done();
    return writer.count;
  } finally {
    await source.close();
  }
}
