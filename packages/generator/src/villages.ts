// Villages inside townships: village seeds are scattered over each township's region (the points nearest to its
// seat), and a position belongs to the nearest village seed of the nearest township seat.
import { randomInOutline, type CountyFrame } from './county-frame.ts';
import type { CountyDivisions } from './divisions.ts';
import type { Layout, LayoutTownship, LayoutVillage } from './layout.ts';
import { Rng, Stream } from './random.ts';

/** Village seeds: uniform points in the county, each kept for the township whose seat is nearest, up to its quota. */
export function placeVillages(seed: number, frame: CountyFrame, divisions: CountyDivisions, townships: LayoutTownship[]): void {
  const rng = Rng.of(seed, Stream.villages);
  const quota = divisions.townships.map((t) => t.villages.length);
  const seeds: [number, number][][] = townships.map(() => []);
  let missing = quota.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 200_000 && missing > 0; i++) {
    const [x, y] = randomInOutline(rng, frame, 0.98);
    const t = nearestTownship(townships, x, y);
    if (seeds[t].length < quota[t]) {
      seeds[t].push([x, y]);
      missing--;
    }
  }
  townships.forEach((t, i) => {
    while (seeds[i].length < quota[i]) {
      const a = rng.range(0, 2 * Math.PI);
      const d = 300 * Math.sqrt(rng.next());
      seeds[i].push([t.x + d * Math.cos(a), t.y + d * Math.sin(a)]);
    }
    t.villages = divisions.townships[i].villages.map((v, k) => ({ code: v.code, name: v.name, x: seeds[i][k][0], y: seeds[i][k][1] }));
  });
}

export function nearestTownship(townships: LayoutTownship[], x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < townships.length; i++) {
    const d = (townships[i].x - x) ** 2 + (townships[i].y - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** The village a point belongs to: nearest village seed of the nearest township seat. */
export function locate(layout: Layout, x: number, y: number): { township: LayoutTownship; village: LayoutVillage } {
  const township = layout.townships[nearestTownship(layout.townships, x, y)];
  let village = township.villages[0];
  let bestD = Infinity;
  for (const v of township.villages) {
    const d = (v.x - x) ** 2 + (v.y - y) ** 2;
    if (d < bestD) {
      bestD = d;
      village = v;
    }
  }
  return { township, village };
}
