// detections.xlsx: the county's detections as a workbook a clerk can open by double-click (docs/OUTPUTS.md).
// Spreadsheets turn CSV values such as `0101` into 101 and 18-digit piece ids into floating point (distinct ids
// collapse); only cells typed as text keep them. So every string column is written as a text cell with the text
// number format '@', numbers stay numbers, and people read Chinese labels where the CSV has English codes.
//
// Written with our streaming writer (xlsx-writer.ts): rows go to the zip as they are made, so memory stays flat.
import {
  DETECTION_COLUMNS,
  muFromM2,
  readableValue,
  roundHalfAwayFromZero,
  SEVERITIES,
  SEVERITY_LABELS,
  severityRank,
  type ColumnDef,
  type CountyResult,
  type Detection,
} from '@landwatch/core';
import { writeXlsx, type XlsxColumn, type XlsxSheet } from './xlsx-writer.ts';
import type { ZipSink } from './zip-writer.ts';

/** One column of a sheet: Chinese title (row 1), English name (row 2), cell kind. */
type SheetColumn = XlsxColumn;

/** Detections sheet columns: the rank first (sort key), then the detection columns, the centroid, the case's state. */
function detectionSheetColumns(defs: readonly ColumnDef<string>[]): SheetColumn[] {
  return [
    { name: 'severity_rank', title: '严重程度序号(1最严重)', kind: 'number', width: 10 },
    ...defs.map((c): SheetColumn => ({
      name: c.name,
      title: c.title,
      kind: c.type === 'string' ? 'text' : 'number',
      width: c.type === 'string' ? (c.name === 'reasons' ? 60 : 20) : 14,
    })),
    { name: 'centroid_lon', title: '中心点经度', kind: 'number', width: 13 },
    { name: 'centroid_lat', title: '中心点纬度', kind: 'number', width: 13 },
    // the case register's view (docs/VERIFICATION.md); blank for gains and when the run read no register
    { name: 'status', title: '核查状态', kind: 'text', width: 16 },
    { name: 'deadline', title: '整改时限', kind: 'text', width: 12 },
    { name: 'overdue', title: '已逾期', kind: 'text', width: 8 },
  ];
}

/** How a sheet column reads its value from a detection: the rank, the centroid and the case's status, deadline and
 * overdue are derived; every other column is the detection column of that name. */
function cellReader(name: string): (d: Detection) => unknown {
  switch (name) {
    case 'severity_rank':
      return (d) => severityRank(d.row.severity);
    case 'centroid_lon':
      return (d) => d.lonLat[0];
    case 'centroid_lat':
      return (d) => d.lonLat[1];
    case 'status':
      return (d) => d.case?.status;
    case 'deadline':
      return (d) => d.case?.deadline;
    case 'overdue':
      return (d) => d.case?.overdue;
    default:
      return (d) => (d.row as unknown as Record<string, unknown>)[name];
  }
}

/** Most urgent first: severity rank, then area descending, then alert id (stable for equal areas). */
export function workbookOrder(a: Detection, b: Detection): number {
  return (
    severityRank(a.row.severity) - severityRank(b.row.severity) ||
    b.row.area_m2 - a.row.area_m2 ||
    (a.row.alert_id < b.row.alert_id ? -1 : a.row.alert_id > b.row.alert_id ? 1 : 0)
  );
}

function cellValue(col: SheetColumn, v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return col.kind === 'text' ? '' : null;
  if (col.kind === 'text') return String(readableValue(col.name, typeof v === 'boolean' ? (v ? '是' : '否') : v));
  return typeof v === 'number' ? v : Number(v);
}

function* cells(columns: readonly SheetColumn[], rows: Iterable<readonly unknown[]>): Iterable<(string | number | null)[]> {
  for (const values of rows) yield values.map((v, i) => cellValue(columns[i]!, v));
}

function sheet(name: string, columns: readonly SheetColumn[], rows: Iterable<readonly unknown[]>): XlsxSheet {
  return { name, columns, rows: cells(columns, rows) };
}

function* detectionRows(result: CountyResult, columns: readonly SheetColumn[]): Iterable<unknown[]> {
  const readers = columns.map((c) => cellReader(c.name));
  for (const d of [...result.detections].sort(workbookOrder)) yield readers.map((read) => read(d));
}

const mu = (m2: number) => roundHalfAwayFromZero(muFromM2(m2), 4);

function townshipSheet(result: CountyResult): { columns: SheetColumn[]; rows: unknown[][] } {
  const columns: SheetColumn[] = [
    { name: 'township_code', title: '乡镇代码', kind: 'text', width: 14 },
    { name: 'township_name', title: '乡镇名称', kind: 'text', width: 16 },
    { name: 'detections', title: '图斑数', kind: 'number', width: 10 },
    { name: 'area_mu', title: '面积(亩)', kind: 'number', width: 12 },
    { name: 'permanent_farmland_mu', title: '占永久基本农田(亩)', kind: 'number', width: 14 },
    ...SEVERITIES.map((s): SheetColumn => ({ name: s, title: `${SEVERITY_LABELS[s]}(个)`, kind: 'number', width: 10 })),
  ];
  const rows = result.summary.townships.map((t) => [
    t.code,
    t.name,
    t.count,
    t.areaMu,
    mu(t.permanentFarmlandM2),
    ...SEVERITIES.map((s) => t.bySeverity[s] ?? 0),
  ]);
  return { columns, rows };
}

/** 中文 titles of balance fields; a field added later is still written, titled by its English name. */
const BALANCE_TITLES: Record<string, string> = {
  outM2: '转出(平方米)',
  inM2: '转进(平方米)',
  paddyOutM2: '水田转出(平方米)',
  paddyInM2: '水田转进(平方米)',
  eligibleInM2: '可计入转进(平方米)',
  eligiblePaddyInM2: '可计入水田转进(平方米)',
  netM2: '净增(平方米)',
  pbfOutM2: '永久基本农田转出，必须整改恢复(平方米)',
  paddyToDryM2: '水改旱(平方米)',
  dryToPaddyM2: '旱改水(平方米)',
  occupiedM2: '非农建设占用(平方米)',
  balanced: '是否平衡',
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The 进出平衡 sheet: balance.csv's table, one column per field of the ledger's rows (m² and 亩). */
function balanceSheet(result: CountyResult): { columns: SheetColumn[]; rows: unknown[][] } {
  const { rows, total } = result.summary.balance;
  const fields = Object.keys(total) as (keyof typeof total)[];
  const columns: SheetColumn[] = [
    { name: 'township_code', title: '乡镇代码', kind: 'text', width: 14 },
    { name: 'township_name', title: '乡镇名称', kind: 'text', width: 16 },
  ];
  const getters: ((r: Record<string, unknown>) => unknown)[] = [];
  for (const f of fields) {
    const title = BALANCE_TITLES[f] ?? f;
    if (typeof total[f] === 'number' && f.endsWith('M2')) {
      columns.push({ name: snake(f), title, kind: 'number', width: 14 });
      getters.push((r) => r[f]);
      columns.push({ name: snake(f).replace(/_m2$/, '_mu'), title: title.replace('平方米', '亩'), kind: 'number', width: 12 });
      getters.push((r) => mu(r[f] as number));
    } else {
      columns.push({ name: snake(f), title, kind: typeof total[f] === 'number' ? 'number' : 'text', width: 10 });
      getters.push((r) => r[f]);
    }
  }
  const names = new Map(result.summary.townships.map((t) => [t.code, t.name]));
  const line = (code: string, name: string, r: object) => [code, name, ...getters.map((g) => g(r as Record<string, unknown>))];
  return {
    columns,
    rows: [...rows.map((r) => line(r.townshipCode, names.get(r.townshipCode) ?? '', r)), line(result.countyCode, `${result.countyName} 合计`, total)],
  };
}

/** The sheets of detections.xlsx, in order. */
export const WORKBOOK_SHEETS = ['图斑清单', '乡镇汇总', '进出平衡'] as const;

/** Writes detections.xlsx to `sink`. Deterministic: the run's generatedAt is the workbook's and every member's date. */
export async function writeDetectionsXlsx(result: CountyResult, sink: ZipSink): Promise<void> {
  const detectionColumns = detectionSheetColumns(DETECTION_COLUMNS);
  const t = townshipSheet(result);
  const b = balanceSheet(result);
  await writeXlsx(
    sink,
    [sheet(WORKBOOK_SHEETS[0], detectionColumns, detectionRows(result, detectionColumns)), sheet(WORKBOOK_SHEETS[1], t.columns, t.rows), sheet(WORKBOOK_SHEETS[2], b.columns, b.rows)],
    new Date(result.summary.generatedAt),
    'LandWatch',
  );
}

/** detections.xlsx as bytes. */
export async function detectionsXlsx(result: CountyResult): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeDetectionsXlsx(result, (c) => void chunks.push(c));
  return Buffer.concat(chunks); // a Uint8Array already: `new Uint8Array(buffer)` would copy it
}
