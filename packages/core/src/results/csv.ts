// CSV tables for analysts: UTF-8 with a byte-order mark (so Excel detects the encoding), RFC 4180 quoting, CRLF.
import { muFromM2, roundHalfAwayFromZero } from '../area/index.ts';
import { DETECTION_COLUMNS, fileValue, type Detection } from '../detect/detection.ts';
import type { CountyResult } from './county-results.ts';

const BOM = '\uFEFF';

function cell(v: unknown): string {
  const value = fileValue(v);
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: string[], rows: unknown[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const DETECTION_CSV_HEADER = [...DETECTION_COLUMNS.map((c) => c.name), 'centroid_lon', 'centroid_lat'];

/** detections.csv a line at a time (BOM and header first): a writer streams them to a file or joins them; either
 * way the bytes are those of detectionsCsv. */
export function* detectionsCsvParts(detections: readonly Detection[]): Iterable<string> {
  const names = DETECTION_COLUMNS.map((c) => c.name);
  yield BOM + DETECTION_CSV_HEADER.map(cell).join(',') + '\r\n';
  for (const d of detections) {
    const row = d.row as unknown as Record<string, unknown>;
    let line = '';
    for (const n of names) line += `${cell(row[n])},`;
    yield `${line}${cell(d.lonLat[0])},${cell(d.lonLat[1])}\r\n`;
  }
}

/** detections.csv: the detection columns without geometry, plus the centroid lon/lat (CGCS2000). */
export function detectionsCsv(detections: readonly Detection[]): string {
  return [...detectionsCsvParts(detections)].join('');
}

/** balance.csv: the 耕地 balance per township (docs/RULES.md "Balance ledger"), then a county total row. */
export function balanceCsv(result: CountyResult): string {
  const names = new Map(result.summary.townships.map((t) => [t.code, t.name]));
  const mu = (m2: number) => roundHalfAwayFromZero(muFromM2(m2), 4);
  const line = (code: string, name: string, r: Omit<CountyResult['summary']['balance']['rows'][number], 'townshipCode'>) => [
    code,
    name,
    r.outM2,
    mu(r.outM2),
    r.inM2,
    mu(r.inM2),
    r.paddyOutM2,
    r.paddyInM2,
    r.eligibleInM2,
    r.eligiblePaddyInM2,
    r.netM2,
    mu(r.netM2),
    r.balanced ? 'yes' : 'no',
    r.occupiedM2,
    r.pbfOutM2,
    r.paddyToDryM2,
    r.dryToPaddyM2,
    r.notCountedWaterM2,
    r.notCountedDisasterM2,
  ];
  const { rows, total } = result.summary.balance;
  return table(
    [
      'township_code',
      'township_name',
      'out_m2',
      'out_mu',
      'in_m2',
      'in_mu',
      'paddy_out_m2',
      'paddy_in_m2',
      'eligible_in_m2',
      'eligible_paddy_in_m2',
      'net_m2',
      'net_mu',
      'balanced',
      'occupied_m2',
      'pbf_out_m2',
      'paddy_to_dry_m2',
      'dry_to_paddy_m2',
      'not_counted_river_lake_expansion_m2',
      'not_counted_disaster_m2',
    ],
    [
      ...rows.map((r) => line(r.townshipCode, names.get(r.townshipCode) ?? '', r)),
      line(result.countyCode, `${result.countyName} 合计`, total),
    ],
  );
}
