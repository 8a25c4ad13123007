// The leaf level of the packed R-tree: one box and byte offset per feature, in file order.
import type { ByteSource } from './byte-source.ts';
import { FgbFormatError, FgbNoIndexError } from './errors.ts';
import { NODE_ITEM_BYTES } from './format.ts';
import type { FgbHeader } from './header.ts';
import { levelBounds } from './packed-rtree.ts';

export interface IndexLeaves {
  count: number;
  /** Byte offset of each feature relative to header.featuresOffset, strictly increasing. */
  offsets: Float64Array;
  /** minX, minY, maxX, maxY per feature. */
  boxes: Float64Array;
}

/** Leaves read per request. */
const LEAVES_PER_READ = Math.floor((4 * 1024 * 1024) / NODE_ITEM_BYTES);

/**
 * Reads the leaf level (the last `featuresCount` nodes of the index). In a valid file the leaves are in file order;
 * this is checked (offsets start at 0 and strictly increase inside the feature section).
 */
export async function readIndexLeaves(src: ByteSource, header: FgbHeader): Promise<IndexLeaves> {
  const count = header.featuresCount;
  if (count === 0) return { count: 0, offsets: new Float64Array(0), boxes: new Float64Array(0) };
  if (header.indexNodeSize === 0) throw new FgbNoIndexError(src.name, 'reading the index leaves');
  const [leafStart] = levelBounds(count, header.indexNodeSize)[0];
  const offsets = new Float64Array(count);
  const boxes = new Float64Array(count * 4);
  for (let first = 0; first < count; first += LEAVES_PER_READ) {
    const n = Math.min(LEAVES_PER_READ, count - first);
    const bytes = await src.read(header.headerSize + (leafStart + first) * NODE_ITEM_BYTES, n * NODE_ITEM_BYTES);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let k = 0; k < n; k++) {
      const i = first + k;
      const at = k * NODE_ITEM_BYTES;
      boxes[i * 4] = view.getFloat64(at, true);
      boxes[i * 4 + 1] = view.getFloat64(at + 8, true);
      boxes[i * 4 + 2] = view.getFloat64(at + 16, true);
      boxes[i * 4 + 3] = view.getFloat64(at + 24, true);
      const offset = view.getUint32(at + 32, true) + view.getUint32(at + 36, true) * 2 ** 32;
      const previous = i === 0 ? -1 : offsets[i - 1];
      if ((i === 0 && offset !== 0) || offset <= previous || offset >= header.dataSize) {
        throw new FgbFormatError(src.name, `index leaf ${i} has feature offset ${offset}; leaves must start at 0 and increase inside the ${header.dataSize}-byte feature section (is the file Hilbert-sorted with its features in index order?)`, { featureIndex: i });
      }
      offsets[i] = offset;
    }
  }
  return { count, offsets, boxes };
}
