// Consistency of the packed R-tree, checked node by node before anyone searches it. A search trusts every box and
// pointer: a zeroed root or a shrunken box silently hides features from bbox reads, which for a protection layer
// reads as "nothing protected here". Checked: every box finite and not inverted, each parent points at exactly its
// children and its box contains theirs, leaf offsets start at 0 and increase inside the feature section.
import type { ByteSource } from './byte-source.ts';
import { FgbNoIndexError } from './errors.ts';
import { NODE_ITEM_BYTES } from './format.ts';
import type { FgbHeader } from './header.ts';
import type { IndexLeaves } from './index-leaves.ts';
import { levelBounds } from './packed-rtree.ts';

export interface IndexCheck {
  /** One line per problem (the first `maxProblems`, then a count of the rest); empty when the tree is consistent. */
  problems: string[];
  /** The leaf level (one box and feature offset per feature, file order), for comparing with the features. */
  leaves: IndexLeaves;
}

/** Nodes read per request. */
const NODES_PER_READ = Math.floor((4 * 1024 * 1024) / NODE_ITEM_BYTES);

interface Level {
  boxes: Float64Array;
  offsets: Float64Array;
}

async function readLevel(src: ByteSource, header: FgbHeader, start: number, end: number): Promise<Level> {
  const count = end - start;
  const boxes = new Float64Array(count * 4);
  const offsets = new Float64Array(count);
  for (let first = 0; first < count; first += NODES_PER_READ) {
    const n = Math.min(NODES_PER_READ, count - first);
    const bytes = await src.read(header.headerSize + (start + first) * NODE_ITEM_BYTES, n * NODE_ITEM_BYTES);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let k = 0; k < n; k++) {
      const at = k * NODE_ITEM_BYTES;
      const i = first + k;
      for (let c = 0; c < 4; c++) boxes[i * 4 + c] = view.getFloat64(at + 8 * c, true);
      offsets[i] = view.getUint32(at + 32, true) + view.getUint32(at + 36, true) * 2 ** 32;
    }
  }
  return { boxes, offsets };
}

/** Reads the whole tree level by level (memory: 40 bytes per node of the largest level) and checks it. */
export async function checkPackedTree(src: ByteSource, header: FgbHeader, maxProblems = 20): Promise<IndexCheck> {
  const count = header.featuresCount;
  if (header.indexNodeSize === 0 || count === 0) throw new FgbNoIndexError(src.name, 'checking the index');
  const nodeSize = header.indexNodeSize;
  const bounds = levelBounds(count, nodeSize);
  const problems: string[] = [];
  let more = 0;
  const problem = (line: string): void => {
    if (problems.length < maxProblems) problems.push(line);
    else more++;
  };
  let parent: Level | null = null;
  let level: Level = { boxes: new Float64Array(0), offsets: new Float64Array(0) };
  for (let l = bounds.length - 1; l >= 0; l--) {
    const [start, end] = bounds[l];
    level = await readLevel(src, header, start, end);
    const isLeaf = l === 0;
    const name = (i: number): string => (isLeaf ? `index leaf ${i} (feature ${i})` : `index node ${start + i}`);
    const { boxes, offsets } = level;
    for (let i = 0; i < end - start; i++) {
      const minX = boxes[i * 4], minY = boxes[i * 4 + 1], maxX = boxes[i * 4 + 2], maxY = boxes[i * 4 + 3];
      if (!(Number.isFinite(minX) && Number.isFinite(minY) && Number.isFinite(maxX) && Number.isFinite(maxY)) || minX > maxX || minY > maxY) {
        problem(`${name(i)}: box (${minX}, ${minY}, ${maxX}, ${maxY}) is not a finite, non-inverted box`);
        continue;
      }
      if (parent) {
        const p = Math.floor(i / nodeSize);
        const b = parent.boxes;
        if (!(b[p * 4] <= minX && b[p * 4 + 1] <= minY && b[p * 4 + 2] >= maxX && b[p * 4 + 3] >= maxY)) {
          problem(`${name(i)}: box (${minX}, ${minY}, ${maxX}, ${maxY}) is not inside its parent node ${bounds[l + 1][0] + p} (${b[p * 4]}, ${b[p * 4 + 1]}, ${b[p * 4 + 2]}, ${b[p * 4 + 3]})`);
        }
      }
      if (!isLeaf) {
        const expected = bounds[l - 1][0] + i * nodeSize;
        if (offsets[i] !== expected) problem(`${name(i)}: points to node ${offsets[i]}, its first child is node ${expected}`);
      } else {
        const previous = i === 0 ? -1 : offsets[i - 1];
        if ((i === 0 && offsets[i] !== 0) || offsets[i] <= previous || offsets[i] >= header.dataSize) {
          problem(`${name(i)}: feature offset ${offsets[i]} does not point at a feature (leaves start at 0 and increase inside the ${header.dataSize}-byte feature section)`);
        }
      }
    }
    parent = level;
  }
  if (more > 0) problems.push(`… and ${more} more index problems`);
  return { problems, leaves: { count, offsets: level.offsets, boxes: level.boxes } };
}

/** Whether leaf `i`'s box contains the given box: a feature outside its leaf box is missed by bbox reads. */
export function leafContains(leaves: IndexLeaves, i: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
  const b = leaves.boxes;
  return b[i * 4] <= minX && b[i * 4 + 1] <= minY && b[i * 4 + 2] >= maxX && b[i * 4 + 3] >= maxY;
}
