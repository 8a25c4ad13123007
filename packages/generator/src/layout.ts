// The county's layout: a grid of square slots over the outline (each slot holds one patch of change pieces, a
// block of farmland polygons, or nothing), township seats (街道 around the city centre, 镇/乡 spread out), village
// seeds inside each township's region (nearest-seed regions), urban development boundaries around the seats and
// ecological red lines over a few hills. Built once per county; O(slots + villages) memory, nothing per piece.
import { countyFrame, randomInOutline, type CountyFrame, type CountyPlace } from './county-frame.ts';
import type { CountyDivisions } from './divisions.ts';
import { Rng, Stream } from './random.ts';
import type { SettlementPlace, Theme } from './scenarios.ts';
import { placeVillages } from './villages.ts';
import { lobedShape, radiusAt, starContains, type StarShape } from './star-shape.ts';

export type SlotClass = 'city' | 'town' | 'hill' | 'plain';

export interface Slot {
  cx: number;
  cy: number;
  cls: SlotClass;
}

export interface PatchSite {
  slot: number;
  theme: Theme;
  place: SettlementPlace;
}

export interface LayoutVillage {
  code: string;
  name: string;
  x: number;
  y: number;
}

export interface LayoutTownship {
  code: string;
  name: string;
  /** 街道 / 镇 / 乡 */
  kind: 'street' | 'town' | 'township';
  x: number;
  y: number;
  villages: LayoutVillage[];
}

export interface Layout {
  frame: CountyFrame;
  /** Slot side, metres. */
  slotSize: number;
  slots: Slot[];
  /** Slot order for patches: shuffled, with every 6th patch (while they last) on a seat or a hill edge. */
  patchOrder: number[];
  /** Slots reserved for an urban patch at a township seat or a farmland patch on a red line's edge. */
  forcedRole: Map<number, 'seat' | 'hill-edge'>;
  townships: LayoutTownship[];
  /** Urban development boundary of the city (around the 街道) and of each 镇/乡 seat. */
  cityBoundary: StarShape;
  townBoundaries: { township: number; shape: StarShape }[];
  /** Hills covered by ecological red lines. */
  hills: StarShape[];
}

/** Demand the layout must hold. */
export interface LayoutDemand {
  changes: number;
  farmlandPolygons: number;
}

/** Average change pieces per patch (measured over the plan distribution) — used to size slots only. */
const PIECES_PER_PATCH = 14;
/** Smallest slot side: below it, the county grows instead of the pieces shrinking. */
const MIN_SLOT = 350;
const MAX_SLOT = 5000;
const FILLER_PER_SLOT = 9;

/** Slot side for a demand in a county of the given area; `tighten` (≥ 1) shrinks it on a retry. */
export function slotSizeFor(demand: LayoutDemand, areaM2: number, tighten: number): { slotSize: number; areaM2: number } {
  const patches = Math.ceil((demand.changes / PIECES_PER_PATCH) * 1.1);
  const filler = Math.max(0, demand.farmlandPolygons - patches * 0.7);
  const slots = ((patches + filler / FILLER_PER_SLOT) / 0.7) * tighten;
  let slotSize = Math.min(MAX_SLOT, Math.sqrt(areaM2 / slots));
  let area = areaM2;
  if (slotSize < MIN_SLOT) {
    slotSize = MIN_SLOT;
    area = slots * MIN_SLOT * MIN_SLOT;
  }
  return { slotSize, areaM2: area };
}

export function buildLayout(seed: number, place: CountyPlace, divisions: CountyDivisions, slotSize: number, areaM2: number): Layout {
  const frame = countyFrame(seed, place, areaM2);
  const outline = frame.outline;
  const rng = Rng.of(seed, Stream.townships);
  const radius = Math.sqrt(areaM2 / Math.PI);

  // Slot grid: keep slots whose four corners lie inside the outline.
  const [x0, y0] = frame.centre;
  const span = Math.ceil(outline.maxRadius / slotSize);
  const slotIndex = new Map<string, number>();
  const slots: Slot[] = [];
  for (let j = -span; j <= span; j++) {
    for (let i = -span; i <= span; i++) {
      const cx = x0 + i * slotSize;
      const cy = y0 + j * slotSize;
      const h = slotSize / 2;
      if ([[-h, -h], [h, -h], [h, h], [-h, h]].every(([dx, dy]) => starContains(outline, cx + dx, cy + dy))) {
        slotIndex.set(`${i},${j}`, slots.length);
        slots.push({ cx, cy, cls: 'plain' });
      }
    }
  }
  const slotAt = (x: number, y: number): number | undefined =>
    slotIndex.get(`${Math.round((x - x0) / slotSize)},${Math.round((y - y0) / slotSize)}`);
  const snap = (x: number, y: number): [number, number] => [
    x0 + Math.round((x - x0) / slotSize) * slotSize,
    y0 + Math.round((y - y0) / slotSize) * slotSize,
  ];

  // Township seats. The city (街道) lies off-centre; 镇/乡 seats spread over the rest, snapped to slot centres.
  const kinds = divisions.townships.map((t) => (t.name.endsWith('街道') ? 'street' : t.name.endsWith('乡') ? 'township' : 'town') as LayoutTownship['kind']);
  const streets = kinds.filter((k) => k === 'street').length;
  const offset = rng.range(0, 0.25 * radius);
  const bearing = rng.range(0, 2 * Math.PI);
  const [ccx, ccy] = snap(x0 + offset * Math.cos(bearing), y0 + offset * Math.sin(bearing));
  let cityRadius = Math.min(0.3 * radius, Math.max(1500, 1200 * Math.sqrt(Math.max(1, streets))));
  const seats: [number, number][] = [];
  const rural: number[] = [];
  divisions.townships.forEach((_, t) => {
    if (kinds[t] !== 'street') rural.push(t);
  });
  const ruralSeats = spreadPoints(rng, rural.length, (x, y) => {
    if (!starContains(outline, x, y, 0.85)) return false;
    return Math.hypot(x - ccx, y - ccy) > cityRadius + 2500;
  }, frame, Math.sqrt(areaM2 / Math.max(1, divisions.townships.length)) * 0.9).map(([x, y]) => snap(x, y));
  const streetSeats = spreadPoints(rng, streets, (x, y) => Math.hypot(x - ccx, y - ccy) < 0.85 * cityRadius, frame, cityRadius / Math.sqrt(Math.max(1, streets)));
  let r = 0;
  let s = 0;
  divisions.townships.forEach((_, t) => {
    seats.push(kinds[t] === 'street' ? streetSeats[s++] : ruralSeats[r++]);
  });
  // Keep the city clear of the nearest 镇/乡 boundary.
  const nearestRural = Math.min(Infinity, ...ruralSeats.map(([x, y]) => Math.hypot(x - ccx, y - ccy)));
  cityRadius = Math.min(cityRadius, Math.max(800, nearestRural - 1400));
  const cityBoundary = lobedShape(rng, { cx: ccx, cy: ccy, rotation: rng.range(0, Math.PI), halfX: cityRadius, halfY: cityRadius * rng.range(0.7, 0.95), exponent: 2, lobeAmplitude: 0.18, lobes: [2, 6] });

  const townBoundaries: Layout['townBoundaries'] = [];
  rural.forEach((t, k) => {
    const [x, y] = ruralSeats[k];
    let nearest = Math.hypot(x - ccx, y - ccy) - cityRadius * 1.2;
    ruralSeats.forEach(([ox, oy], m) => {
      if (m !== k) nearest = Math.min(nearest, Math.hypot(x - ox, y - oy) / 2);
    });
    const nominal = kinds[t] === 'town' ? rng.range(600, 1000) : rng.range(300, 500);
    const rad = Math.max(150, Math.min(nominal, 0.7 * nearest));
    townBoundaries.push({ township: t, shape: lobedShape(rng, { cx: x, cy: y, rotation: rng.range(0, Math.PI), halfX: rad, halfY: rad * rng.range(0.7, 0.95), exponent: 2, lobeAmplitude: 0.2, lobes: [2, 5] }) });
  });

  // Hills under ecological red lines, away from the settlements.
  const hillCount = Math.max(2, Math.min(6, Math.round(areaM2 / 400e6)));
  const hills: StarShape[] = [];
  const settlements: [number, number, number][] = [[ccx, ccy, cityRadius * 1.25], ...townBoundaries.map((b) => [b.shape.cx, b.shape.cy, b.shape.maxRadius] as [number, number, number])];
  for (let attempt = 0; hills.length < hillCount && attempt < 4000; attempt++) {
    const hillRadius = Math.sqrt((0.1 * areaM2) / (hillCount * Math.PI)) * rng.range(0.7, 1.3) * (attempt > 2000 ? 0.6 : 1);
    const [x, y] = randomInOutline(rng, frame, 0.8);
    const reach = hillRadius * 1.3;
    if (settlements.some(([sx, sy, sr]) => Math.hypot(x - sx, y - sy) < reach + sr + 300)) continue;
    if (hills.some((h) => Math.hypot(x - h.cx, y - h.cy) < reach + h.maxRadius / Math.SQRT2)) continue;
    hills.push(lobedShape(rng, { cx: x, cy: y, rotation: rng.range(0, Math.PI), halfX: hillRadius, halfY: hillRadius * rng.range(0.6, 0.95), exponent: 2, lobeAmplitude: 0.3, lobes: [2, 7] }));
  }

  for (const slot of slots) {
    if (starContains(cityBoundary, slot.cx, slot.cy)) slot.cls = 'city';
    else if (townBoundaries.some((b) => starContains(b.shape, slot.cx, slot.cy))) slot.cls = 'town';
    else if (hills.some((h) => starContains(h, slot.cx, slot.cy))) slot.cls = 'hill';
  }

  // Patch order: the city centre and every seat (urban fringe) and one slot on each hill's edge are interleaved
  // with the shuffled rest, so that a small county still gets farmland patches.
  const forced: number[] = [];
  const forcedRole = new Map<number, 'seat' | 'hill-edge'>();
  const add = (i: number | undefined, role: 'seat' | 'hill-edge') => {
    if (i !== undefined && !forcedRole.has(i)) {
      forced.push(i);
      forcedRole.set(i, role);
    }
  };
  add(slotAt(ccx, ccy), 'seat');
  for (const b of townBoundaries) add(slotAt(b.shape.cx, b.shape.cy), 'seat');
  for (const h of hills) {
    const theta = rng.range(0, 2 * Math.PI);
    const rad = radiusAt(h, theta);
    const lx = rad * Math.cos(theta);
    const ly = rad * Math.sin(theta);
    add(slotAt(h.cx + Math.cos(h.rotation) * lx - Math.sin(h.rotation) * ly, h.cy + Math.sin(h.rotation) * lx + Math.cos(h.rotation) * ly), 'hill-edge');
  }
  const rest = slots.map((_, i) => i).filter((i) => !forcedRole.has(i));
  const order = Rng.of(seed, Stream.slots);
  for (let i = rest.length - 1; i > 0; i--) {
    const k = order.int(0, i);
    [rest[i], rest[k]] = [rest[k], rest[i]];
  }
  // Seats alternate with hill edges so that both kinds appear early.
  const seatsFirst = forced.filter((i) => forcedRole.get(i) === 'seat');
  const edges = forced.filter((i) => forcedRole.get(i) === 'hill-edge');
  const interleaved: number[] = [];
  while (seatsFirst.length > 0 || edges.length > 0) {
    if (seatsFirst.length > 0) interleaved.push(seatsFirst.shift() as number);
    if (edges.length > 0) interleaved.push(edges.shift() as number);
  }
  const patchOrder: number[] = [];
  let restAt = 0;
  for (let p = 0; interleaved.length > 0 || restAt < rest.length; p++) {
    if (p % 6 === 0 && interleaved.length > 0) patchOrder.push(interleaved.shift() as number);
    else if (restAt < rest.length) patchOrder.push(rest[restAt++]);
    else patchOrder.push(interleaved.shift() as number);
  }

  const townships: LayoutTownship[] = divisions.townships.map((t, i) => ({
    code: t.code,
    name: t.name,
    kind: kinds[i],
    x: seats[i][0],
    y: seats[i][1],
    villages: [],
  }));
  placeVillages(seed, frame, divisions, townships);

  return {
    frame,
    slotSize,
    slots,
    patchOrder,
    forcedRole,
    townships,
    cityBoundary,
    townBoundaries,
    hills,
  };
}

/** Themes of patches by slot class. */
const URBAN_THEMES = [['urban', 70], ['village', 30]] as const;
const HILL_THEMES = [['forest', 80], ['farmland', 10], ['mixed', 10]] as const;
const PLAIN_THEMES = [['farmland', 55], ['village', 18], ['forest', 10], ['mixed', 17]] as const;

/** Theme and settlement place of the patch in a slot; forced slots: seats are urban, hill edges farmland. */
export function patchSite(seed: number, layout: Layout, patch: number): PatchSite {
  const slot = layout.patchOrder[patch];
  const cls = layout.slots[slot].cls;
  const rng = Rng.of(seed, Stream.slots, patch, 1);
  const place: SettlementPlace = cls === 'city' ? 'city' : cls === 'town' ? 'town' : 'rural';
  const role = layout.forcedRole.get(slot);
  let theme: Theme;
  if (role) theme = role === 'seat' ? 'urban' : 'farmland';
  else if (cls === 'city' || cls === 'town') theme = rng.weighted(URBAN_THEMES);
  else if (cls === 'hill') theme = rng.weighted(HILL_THEMES);
  else theme = rng.weighted(PLAIN_THEMES);
  return { slot, theme, place };
}

/** `count` points satisfying `accept`, at least `spacing` apart where possible (the spacing relaxes as needed). */
function spreadPoints(rng: Rng, count: number, accept: (x: number, y: number) => boolean, frame: CountyFrame, spacing: number): [number, number][] {
  const points: [number, number][] = [];
  let minDist = spacing;
  let failures = 0;
  while (points.length < count) {
    const [x, y] = randomInOutline(rng, frame, 0.95);
    if (accept(x, y) && points.every(([px, py]) => Math.hypot(x - px, y - py) >= minDist)) {
      points.push([x, y]);
      continue;
    }
    if (++failures % 300 === 0) minDist *= 0.85;
    if (failures > 100_000) {
      points.push([frame.centre[0], frame.centre[1]]);
    }
  }
  return points;
}
