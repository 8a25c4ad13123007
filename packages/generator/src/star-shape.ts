// Star-shaped outlines: a radius for every direction around a centre. Sampling directions in increasing order
// always gives a simple polygon, however noisy the radius — the basis of every blob-like shape we generate
// (county outline, farmland parcels, red lines, boundaries, holes).
import type { Ring } from '@landwatch/core';
import type { Rng } from './random.ts';

export interface StarShape {
  cx: number;
  cy: number;
  /** Rotation of the shape's local frame, radians counter-clockwise. */
  rotation: number;
  /** Radius in the local direction (cos θ, sin θ), metres (> 0). Direction given as a unit vector: no trigonometry. */
  radius(cosT: number, sinT: number): number;
  /** An upper bound of the radius. */
  maxRadius: number;
}

/** Radius in the local direction θ (radians). */
export function radiusAt(shape: StarShape, theta: number): number {
  return shape.radius(Math.cos(theta), Math.sin(theta));
}

export interface LobedShapeOptions {
  cx: number;
  cy: number;
  rotation: number;
  /** Half-width along the local x axis, metres. */
  halfX: number;
  /** Half-height along the local y axis, metres. */
  halfY: number;
  /** Superellipse exponent: 2 = ellipse, 4 or 6 = rounded rectangle, above 8 = rectangle (others are rounded to these). */
  exponent: number;
  /** Total relative amplitude of the lobes (sum of |b_k|), < 1. */
  lobeAmplitude: number;
  /** Lowest and highest lobe frequency (≤ 12). */
  lobes: [number, number];
}

/**
 * A superellipse whose radius is modulated by low-frequency lobes: r(θ) = r_se(θ)·(1 + Σ b_k cos(kθ + φ_k)).
 * cos(kθ + φ) is evaluated from (cos θ, sin θ) by complex powers, so a vertex costs no trigonometric call.
 */
export function lobedShape(rng: Rng, o: LobedShapeOptions): StarShape {
  const lo = o.lobes[0];
  const hi = o.lobes[1];
  const raw = Array.from({ length: hi - lo + 1 }, () => rng.range(0.2, 1) / Math.sqrt(1 + rng.next()));
  const total = raw.reduce((a, v) => a + v, 0);
  // b_k cos(kθ + φ_k) = (b_k cos φ_k)·cos kθ − (b_k sin φ_k)·sin kθ
  const ca = new Float64Array(hi + 1);
  const sa = new Float64Array(hi + 1);
  raw.forEach((v, i) => {
    const b = (v / total) * o.lobeAmplitude;
    const phase = rng.range(0, 2 * Math.PI);
    ca[lo + i] = b * Math.cos(phase);
    sa[lo + i] = b * Math.sin(phase);
  });
  const invA = 1 / o.halfX;
  const invB = 1 / o.halfY;
  const p = o.exponent < 3 ? 2 : o.exponent < 5 ? 4 : o.exponent <= 8 ? 6 : Infinity;
  return {
    cx: o.cx,
    cy: o.cy,
    rotation: o.rotation,
    radius(cosT, sinT) {
      const c = cosT * invA;
      const s = sinT * invB;
      const c2 = c * c;
      const s2 = s * s;
      let base: number;
      if (p === 2) base = 1 / Math.sqrt(c2 + s2);
      else if (p === 4) base = 1 / Math.sqrt(Math.sqrt(c2 * c2 + s2 * s2));
      else if (p === 6) base = 1 / Math.cbrt(Math.sqrt(c2 * c2 * c2 + s2 * s2 * s2));
      else base = 1 / Math.sqrt(Math.max(c2, s2));
      let f = 1;
      let ck = 1;
      let sk = 0;
      for (let k = 1; k <= hi; k++) {
        const nc = ck * cosT - sk * sinT;
        sk = sk * cosT + ck * sinT;
        ck = nc;
        if (k >= lo) f += ca[k] * ck - sa[k] * sk;
      }
      return base * f;
    },
    maxRadius: Math.hypot(o.halfX, o.halfY) * (1 + o.lobeAmplitude),
  };
}

/** True when (x, y) lies within `fraction` of the shape's radius in its direction. */
export function starContains(shape: StarShape, x: number, y: number, fraction = 1): boolean {
  const dx = x - shape.cx;
  const dy = y - shape.cy;
  const d = Math.hypot(dx, dy);
  if (d > shape.maxRadius * fraction) return false;
  if (d === 0) return true;
  const cosR = Math.cos(shape.rotation);
  const sinR = Math.sin(shape.rotation);
  return d < shape.radius((dx * cosR + dy * sinR) / d, (dy * cosR - dx * sinR) / d) * fraction;
}

/**
 * A closed counter-clockwise ring of `vertexCount` vertices on the shape. Directions are spaced evenly with a
 * little random spread; `roughness` adds independent radial jitter (relative), like a hand-digitised line.
 */
export function starRing(shape: StarShape, vertexCount: number, rng: Rng, roughness: number): Ring {
  const n = Math.max(3, Math.floor(vertexCount));
  const step = (2 * Math.PI) / n;
  const cosR = Math.cos(shape.rotation);
  const sinR = Math.sin(shape.rotation);
  const ring: Ring = new Array(n + 1);
  for (let i = 0; i < n; i++) {
    const theta = step * (i + rng.range(-0.3, 0.3));
    const cosT = Math.cos(theta);
    const sinT = Math.sin(theta);
    const r = shape.radius(cosT, sinT) * (1 + roughness * rng.range(-1, 1));
    const lx = r * cosT;
    const ly = r * sinT;
    ring[i] = [roundMm(shape.cx + cosR * lx - sinR * ly), roundMm(shape.cy + sinR * lx + cosR * ly)];
  }
  ring[n] = [ring[0][0], ring[0][1]];
  return ring;
}

/** Rounds plane coordinates to millimetres, so equal computations give equal, printable numbers. */
export function roundMm(v: number): number {
  return Math.round(v * 1000) / 1000;
}
