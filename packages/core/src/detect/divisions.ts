// Administrative names by code (county = 6 digits, township = 9). The lookup data is supplied by the adapter, so the
// core stays free of any particular data package.
export interface DivisionNames {
  county(code6: string): string | undefined;
  township(code9: string): string | undefined;
}

/** Builds a lookup from a plain code → name record holding both 6- and 9-digit codes. */
export function divisionNamesFrom(record: Record<string, string>): DivisionNames {
  return { county: (c) => record[c], township: (c) => record[c] };
}

/** County, township and village codes of a 19-character 坐落单位代码 (first 6 / 9 / 12 characters: county / township / village). */
export function locationParts(locationCode: string): { county: string; township: string; village: string } {
  return { county: locationCode.slice(0, 6), township: locationCode.slice(0, 9), village: locationCode.slice(0, 12) };
}
