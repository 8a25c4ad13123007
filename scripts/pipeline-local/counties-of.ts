// The counties of a change layer (the first 6 digits of its pieces' location codes): without --counties, the local
// runner gives each of them its own alert queue, as a deployment lists them in its CDK context.
import { landUseCodeTable } from '@landwatch/core';
import { openFileByteSource } from '@landwatch/fgb';
import { openChangeLayer, scanChangeLayer } from '@landwatch/pipeline';

export async function countiesOf(file: string): Promise<string[]> {
  const source = await openFileByteSource(file);
  try {
    const opened = await openChangeLayer(source);
    if (!opened.ok) return []; // a rejected upload: no county gets anything
    const scan = await scanChangeLayer(opened.layer, landUseCodeTable());
    return [...new Set([...scan.townshipCodes].map((t) => t.slice(0, 6)))].sort();
  } finally {
    await source.close();
  }
}
