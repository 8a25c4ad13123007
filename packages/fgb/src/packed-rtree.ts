// The packed Hilbert R-tree of FlatGeobuf: sizes, level bounds, building (writer) and range-read search (reader).
// Layout: nodes stored root first, each level after its parent level, leaves last. A node is 4 float64
// (minX, minY, maxX, maxY) + uint64 offset: the index of its first child node, or for a leaf the byte offset of
// its feature relative to the start of the feature section.
import type { Bbox } from '@landwatch/core';
import type { ByteSource } from './byte-source.ts';
import { FgbFormatError } from './errors.ts';
import { NODE_ITEM_BYTES } from './format.ts';

/** [start, end) node indices of each level, leaves first (index 0), root last. */
export function levelBounds(numItems: number, nodeSize: number): Array<[number, number]> {
  if (nodeSize < 2) throw new RangeError(`node size ${nodeSize} must be at least 2`);
  if (numItems < 1) throw new RangeError('a packed R-tree needs at least one item');
  const counts = [numItems];
  let n = numItems;
  let numNodes = n;
  do {
    n = Math.ceil(n / nodeSize);
    counts.push(n);
    numNodes += n;
  } while (n !== 1);
  const bounds: Array<[number, number]> = [];
  let end = numNodes;
  for (const count of counts) {
    bounds.push([end - count, end]);
    end -= count;
  }
  return bounds;
}

/** Size in bytes of the tree for `numItems` features. */
export function packedTreeSize(numItems: number, nodeSize: number): number {
  const bounds = levelBounds(numItems, nodeSize);
  return bounds[0][1] * NODE_ITEM_BYTES;
}

/**
 * Builds the tree bytes. `boxes` holds minX, minY, maxX, maxY per item and `offsets` the feature byte offsets,
 * both already in the final (Hilbert) order.
 */
export function buildPackedTree(boxes: Float64Array, offsets: Float64Array, numItems: number, nodeSize: number): Uint8Array {
  const bounds = levelBounds(numItems, nodeSize);
  const numNodes = bounds[0][1];
  const out = new Uint8Array(numNodes * NODE_ITEM_BYTES);
  const view = new DataView(out.buffer);
  const writeNode = (node: number, minX: number, minY: number, maxX: number, maxY: number, offset: number): void => {
    const at = node * NODE_ITEM_BYTES;
    view.setFloat64(at, minX, true);
    view.setFloat64(at + 8, minY, true);
    view.setFloat64(at + 16, maxX, true);
    view.setFloat64(at + 24, maxY, true);
    view.setUint32(at + 32, offset % 2 ** 32, true);
    view.setUint32(at + 36, Math.floor(offset / 2 ** 32), true);
  };
  const leafStart = bounds[0][0];
  for (let i = 0; i < numItems; i++) {
    writeNode(leafStart + i, boxes[i * 4], boxes[i * 4 + 1], boxes[i * 4 + 2], boxes[i * 4 + 3], offsets[i]);
  }
  // Each parent covers nodeSize consecutive children and points to the first of them.
  for (let level = 0; level < bounds.length - 1; level++) {
    const [start, end] = bounds[level];
    let parent = bounds[level + 1][0];
    for (let pos = start; pos < end; pos += nodeSize, parent++) {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      const last = Math.min(pos + nodeSize, end);
      for (let c = pos; c < last; c++) {
        const at = c * NODE_ITEM_BYTES;
        minX = Math.min(minX, view.getFloat64(at, true));
        minY = Math.min(minY, view.getFloat64(at + 8, true));
        maxX = Math.max(maxX, view.getFloat64(at + 16, true));
        maxY = Math.max(maxY, view.getFloat64(at + 24, true));
      }
      writeNode(parent, minX, minY, maxX, maxY, pos);
    }
  }
  return out;
}

/** Where the index is and how big the feature section is. */
export interface TreeLocation {
  /** Byte offset of the first node in the file. */
  indexOffset: number;
  numItems: number;
  nodeSize: number;
  /** Size of the feature section; leaf offsets must lie inside it. */
  dataSize: number;
}

/** Features whose index box intersects the query: leaf index (= position in file order), byte range in the feature section. */
export interface TreeHits {
  count: number;
  indices: Float64Array;
  starts: Float64Array;
  ends: Float64Array;
}

/** Node reads closer than this are merged into one range read. */
const MERGE_GAP_NODES = Math.floor((64 * 1024) / NODE_ITEM_BYTES);
/** Upper bound of one merged node read. */
const MAX_READ_NODES = Math.floor((4 * 1024 * 1024) / NODE_ITEM_BYTES);

function readUint64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/**
 * Searches the tree level by level from the root, reading only the node ranges it needs (merged when close).
 * Hits come back in leaf order. Node offsets from the file are bounds-checked. `acceptLeaf`, when given, is asked
 * about each leaf box that meets `bbox`; a rejected leaf's feature is neither read nor decoded.
 */
export async function searchPackedTree(
  src: ByteSource,
  tree: TreeLocation,
  bbox: Bbox,
  acceptLeaf?: (minX: number, minY: number, maxX: number, maxY: number) => boolean,
): Promise<TreeHits> {
  const { indexOffset, numItems, nodeSize, dataSize } = tree;
  const bounds = levelBounds(numItems, nodeSize);
  const [leafStart, leafEnd] = bounds[0];
  let ranges: Array<[number, number]> = [[0, 1]];
  let hits: TreeHits = { count: 0, indices: new Float64Array(16), starts: new Float64Array(16), ends: new Float64Array(16) };
  for (let level = bounds.length - 1; level >= 0 && ranges.length > 0; level--) {
    const isLeaf = level === 0;
    const [childStart, childEnd] = isLeaf ? [0, 0] : bounds[level - 1];
    const next: Array<[number, number]> = [];
    for (const [s, e] of mergeRanges(ranges)) {
      // At leaf level read one node more: the next leaf's offset is where the last hit ends.
      const readEnd = isLeaf ? Math.min(e + 1, leafEnd) : e;
      const bytes = await src.read(indexOffset + s * NODE_ITEM_BYTES, (readEnd - s) * NODE_ITEM_BYTES);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let pos = s; pos < e; pos++) {
        const at = (pos - s) * NODE_ITEM_BYTES;
        if (bbox.maxX < view.getFloat64(at, true) || bbox.maxY < view.getFloat64(at + 8, true)) continue;
        if (bbox.minX > view.getFloat64(at + 16, true) || bbox.minY > view.getFloat64(at + 24, true)) continue;
        const offset = readUint64(view, at + 32);
        if (!isLeaf) {
          if (offset < childStart || offset >= childEnd) {
            throw new FgbFormatError(src.name, `index node ${pos} points to node ${offset}, outside its child level ${childStart}..${childEnd - 1}`, { offset: indexOffset + at });
          }
          next.push([offset, Math.min(offset + nodeSize, childEnd)]);
          continue;
        }
        if (acceptLeaf && !acceptLeaf(view.getFloat64(at, true), view.getFloat64(at + 8, true), view.getFloat64(at + 16, true), view.getFloat64(at + 24, true))) continue;
        const end = pos + 1 < leafEnd ? readUint64(view, at + 32 + NODE_ITEM_BYTES) : dataSize;
        if (offset >= dataSize || end <= offset || end > dataSize) {
          throw new FgbFormatError(src.name, `index leaf ${pos - leafStart} gives feature bytes ${offset}..${end}, outside the ${dataSize}-byte feature section or not increasing`, { featureIndex: pos - leafStart });
        }
        hits = pushHit(hits, pos - leafStart, offset, end);
      }
    }
    ranges = next;
  }
  return hits;
}

function pushHit(hits: TreeHits, index: number, start: number, end: number): TreeHits {
  if (hits.count === hits.indices.length) {
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    hits = { count: hits.count, indices: grow(hits.indices), starts: grow(hits.starts), ends: grow(hits.ends) };
  }
  hits.indices[hits.count] = index;
  hits.starts[hits.count] = start;
  hits.ends[hits.count] = end;
  hits.count++;
  return hits;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.slice().sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s - last[1] <= MERGE_GAP_NODES && Math.max(e, last[1]) - last[0] <= MAX_READ_NODES) {
      last[1] = Math.max(last[1], e);
    } else {
      out.push([s, e]);
    }
  }
  return out;
}
