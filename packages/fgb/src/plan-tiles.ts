// Tile planning: cut the features, in file (= Hilbert) order, into contiguous runs, each one byte range + bbox.
import type { Bbox } from '@landwatch/core';
import type { IndexLeaves } from './index-leaves.ts';

export interface TilePlan {
  /** 't00000', 't00001', … in file order. */
  tileId: string;
  /** File-order index of the first feature. */
  firstIndex: number;
  count: number;
  /** Byte range [start, end) relative to header.featuresOffset (feed to readFeatures' `range`). */
  start: number;
  end: number;
  /** Union of the features' index boxes. */
  bbox: Bbox;
}

export interface PlanTilesOptions {
  /** Most features in one tile (≥ 1). */
  maxFeatures: number;
  /** Most bytes in one tile; a single larger feature still gets a tile of its own. */
  maxBytes?: number;
}

export function planTiles(leaves: IndexLeaves, dataSize: number, opts: PlanTilesOptions): TilePlan[] {
  const { maxFeatures } = opts;
  const maxBytes = opts.maxBytes ?? Infinity;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new RangeError(`maxFeatures must be a positive integer, got ${maxFeatures}`);
  if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${maxBytes}`);
  const { count, offsets, boxes } = leaves;
  const endOf = (i: number): number => (i + 1 < count ? offsets[i + 1] : dataSize);
  const tiles: TilePlan[] = [];
  let first = 0;
  while (first < count) {
    const start = offsets[first];
    let last = first + 1;
    while (last < count && last - first < maxFeatures && endOf(last) - start <= maxBytes) last++;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = first; i < last; i++) {
      if (boxes[i * 4] < minX) minX = boxes[i * 4];
      if (boxes[i * 4 + 1] < minY) minY = boxes[i * 4 + 1];
      if (boxes[i * 4 + 2] > maxX) maxX = boxes[i * 4 + 2];
      if (boxes[i * 4 + 3] > maxY) maxY = boxes[i * 4 + 3];
    }
    tiles.push({
      tileId: `t${String(tiles.length).padStart(5, '0')}`,
      firstIndex: first,
      count: last - first,
      start,
      end: endOf(last - 1),
      bbox: { minX, minY, maxX, maxY },
    });
    first = last;
  }
  return tiles;
}
