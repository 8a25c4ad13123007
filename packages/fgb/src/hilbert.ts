// Hilbert ordering of bounding boxes, identical to flatgeobuf's C++ (and so GDAL's) hilbertSort:
// bbox centres scaled to a 16-bit grid over the extent, sorted by descending Hilbert value.

/** Largest grid coordinate. */
const HILBERT_MAX = (1 << 16) - 1;

/** Hilbert curve index of a point on the 2^16 × 2^16 grid (rawrunprotected/hilbert_curves, public domain). */
export function hilbert(x: number, y: number): number {
  let a = x ^ y;
  let b = 0xffff ^ a;
  let c = 0xffff ^ (x | y);
  let d = x & (y ^ 0xffff);

  let A = a | (b >> 1);
  let B = (a >> 1) ^ a;
  let C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
  let D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;

  a = A; b = B; c = C; d = D;
  A = (a & (a >> 2)) ^ (b & (b >> 2));
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
  C ^= (a & (c >> 2)) ^ (b & (d >> 2));
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));

  a = A; b = B; c = C; d = D;
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C ^= (a & (c >> 4)) ^ (b & (d >> 4));
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));

  a = A; b = B; c = C; d = D;
  C ^= (a & (c >> 8)) ^ (b & (d >> 8));
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));

  a = C ^ (C >> 1);
  b = D ^ (D >> 1);

  let i0 = x ^ y;
  let i1 = b | (0xffff ^ (i0 | a));

  i0 = (i0 | (i0 << 8)) & 0x00ff00ff;
  i0 = (i0 | (i0 << 4)) & 0x0f0f0f0f;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;

  i1 = (i1 | (i1 << 8)) & 0x00ff00ff;
  i1 = (i1 | (i1 << 4)) & 0x0f0f0f0f;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;

  return ((i1 << 1) | i0) >>> 0;
}

/**
 * The order in which to write `count` items with boxes (minX, minY, maxX, maxY per item): indices sorted by
 * descending Hilbert value of the box centre, ties kept in input order.
 */
export function hilbertOrder(boxes: Float64Array, count: number): Uint32Array {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const b = i * 4;
    if (boxes[b] < minX) minX = boxes[b];
    if (boxes[b + 1] < minY) minY = boxes[b + 1];
    if (boxes[b + 2] > maxX) maxX = boxes[b + 2];
    if (boxes[b + 3] > maxY) maxY = boxes[b + 3];
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const b = i * 4;
    // A zero width or height (a single item, or centres on one line) divides by zero in the C++ code; use 0.
    const x = width > 0 ? Math.floor((HILBERT_MAX * ((boxes[b] + boxes[b + 2]) / 2 - minX)) / width) : 0;
    const y = height > 0 ? Math.floor((HILBERT_MAX * ((boxes[b + 1] + boxes[b + 3]) / 2 - minY)) / height) : 0;
    values[i] = hilbert(x, y);
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((p, q) => values[q] - values[p] || p - q);
  return order;
}
