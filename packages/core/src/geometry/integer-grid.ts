// The integer grid on which Clipper2 computes: a local origin near the region's centre and, per axis, a
// power-of-two step equal to the spacing of doubles at the region's largest magnitude (its ulp). Input
// coordinates are then exact integers and every grid point maps back to a double exactly, so the engine's
// output is exactly what it computed (a valid integer result stays valid) and untouched vertices come back
// bit-for-bit. Gauss-Krüger metres: x ≈ 4e7 gives a step of 2^-27 m ≈ 7.5e-9 m, y ≈ 3e6 gives 2^-31 m; degrees:
// 2^-46° in longitude, 2^-48° in latitude. When a region is too wide for MAX_UNITS the step doubles until it fits.
// Boolean operations commute with scaling each axis by a positive factor, so the two steps may differ.
import type { Bbox } from '../types.ts';

/** Largest region width in grid units: keeps Clipper2's double-precision cross products far from 2^53 issues. */
const MAX_UNITS = 2 ** 44;

export interface IntegerGrid {
  readonly originX: number;
  readonly originY: number;
  readonly stepX: number;
  readonly stepY: number;
}

/** The grid for a region that contains every coordinate to be converted (inputs and outputs). */
export function gridFor(region: Bbox): IntegerGrid {
  const stepX = stepFor(region.minX, region.maxX);
  const stepY = stepFor(region.minY, region.maxY);
  return {
    originX: Math.round((region.minX + region.maxX) / 2 / stepX) * stepX,
    originY: Math.round((region.minY + region.maxY) / 2 / stepY) * stepY,
    stepX,
    stepY,
  };
}

function stepFor(min: number, max: number): number {
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  let step = magnitude > 0 ? ulpOf(magnitude) : Number.MIN_VALUE;
  const width = max - min;
  if (width / step > MAX_UNITS) step = 2 ** Math.ceil(Math.log2(width / MAX_UNITS));
  return step;
}

/** Spacing of doubles in the binade of x (x > 0): 2^(exponent − 52). */
function ulpOf(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return 2 ** Math.max(e - 52, -1074);
}

export function toGridX(grid: IntegerGrid, x: number): number {
  return Math.round((x - grid.originX) / grid.stepX);
}

export function toGridY(grid: IntegerGrid, y: number): number {
  return Math.round((y - grid.originY) / grid.stepY);
}

export function fromGridX(grid: IntegerGrid, X: number): number {
  return X * grid.stepX + grid.originX;
}

export function fromGridY(grid: IntegerGrid, Y: number): number {
  return Y * grid.stepY + grid.originY;
}
