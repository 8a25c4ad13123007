// Area units (docs/LAND-SURVEY.md (Official area)): 1 亩 = 2000/3 m².

/** 亩 per square metre. */
export const MU_PER_M2 = 0.0015;

/** Square metres → 亩, unrounded (computed as m² · 3 / 2000, the exact rational factor). */
export function muFromM2(m2: number): number {
  return (m2 * 3) / 2000;
}
