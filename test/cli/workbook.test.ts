// detections.xlsx read back as a clerk's spreadsheet reads it (exceljs, and GDAL's XLSX driver): codes and ids stay
// text, Chinese titles over English names, most urgent first, frozen header with filters, the three sheets.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAndRun, type CountyRun } from '../support/county-run.ts';
import { ogrinfo } from '../support/gdal.ts';

let run: CountyRun;
const wb = new ExcelJS.Workbook();
let csvRows: Map<string, Record<string, string>>;

function parseCsv(text: string): Record<string, string>[] {
  // the detections CSV quotes only values with commas/quotes; none of the columns read here has them
  const [head, ...lines] = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const names = head!.split(',');
  return lines.map((l) => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < l.length; i++) {
      const ch = l[i]!;
      if (quoted) {
        if (ch === '"' && l[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') cells.push(cur), (cur = '');
      else cur += ch;
    }
    cells.push(cur);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

beforeAll(async () => {
  run = await generateAndRun('lw-xlsx-');
  await wb.xlsx.load(readFileSync(join(run.resultDir, 'detections.xlsx')) as unknown as ArrayBuffer);
  csvRows = new Map(parseCsv(readFileSync(join(run.resultDir, 'detections.csv'), 'utf8')).map((r) => [r.alert_id!, r]));
});

afterAll(() => rmSync(run.work, { recursive: true, force: true }));

const sheetRows = (name: string) => {
  const ws = wb.getWorksheet(name)!;
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
};

describe('detections.xlsx', () => {
  it('has the sheets 图斑清单, 乡镇汇总, 进出平衡 in that order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['图斑清单', '乡镇汇总', '进出平衡']);
  });

  it('图斑清单: Chinese titles in row 1, English names in row 2, frozen under row 2, filters on row 2', () => {
    const [titles, names] = sheetRows('图斑清单');
    expect(names!.slice(0, 3)).toEqual(['severity_rank', 'alert_id', 'county_code']);
    expect(titles!.slice(0, 3)).toEqual(['严重程度序号(1最严重)', '预警编号', '县级行政区代码']);
    expect(names!.slice(-5)).toEqual(['centroid_lon', 'centroid_lat', 'status', 'deadline', 'overdue']);
    expect(titles!.slice(-3)).toEqual(['核查状态', '整改时限', '已逾期']);
    const ws = wb.getWorksheet('图斑清单')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(String(ws.autoFilter)).toMatch(/^A2:[A-Z]+2$/);
  });

  it('has one row per detection; codes, ids and location codes are text cells equal to the CSV values', () => {
    const [, names, ...rows] = sheetRows('图斑清单');
    expect(rows.length).toBe(csvRows.size);
    const col = (n: string) => names!.indexOf(n);
    for (const r of rows) {
      const csv = csvRows.get(r[col('alert_id')] as string)!;
      for (const n of ['piece_id', 'before_parcel_id', 'after_parcel_id', 'village_code', 'township_code', 'county_code', 'before_code', 'after_code']) {
        expect(typeof r[col(n)], n).toBe('string');
        expect(r[col(n)], n).toBe(csv[n]);
      }
      expect(r[col('area_m2')]).toBe(Number(csv.area_m2));
    }
    // the ids that spreadsheets mangle: 18-digit piece ids and 0-led land-use codes, all distinct as in the CSV
    const pieceIds = rows.map((r) => r[col('piece_id')] as string);
    expect(pieceIds.every((id) => /^\d{18}$/.test(id))).toBe(true);
    expect(new Set(pieceIds).size).toBe(new Set([...csvRows.values()].map((r) => r.piece_id)).size);
    expect(rows.some((r) => r[col('before_code')] === '0101')).toBe(true);
    // text format on the cells, so that editing keeps them text
    const ws = wb.getWorksheet('图斑清单')!;
    expect(ws.getCell(3, col('piece_id') + 1).numFmt).toBe('@');
  });

  it('shows severity and change type in Chinese, with a numeric rank 1 = critical … 5 = info', () => {
    const [, names, ...rows] = sheetRows('图斑清单');
    const col = (n: string) => names!.indexOf(n);
    const rankOf: Record<string, number> = { critical: 1, high: 2, medium: 3, low: 4, info: 5 };
    const labelOf: Record<string, string> = { critical: '极严重', high: '严重', medium: '较重', low: '一般', info: '提示' };
    for (const r of rows) {
      const csv = csvRows.get(r[col('alert_id')] as string)!;
      expect(r[col('severity_rank')]).toBe(rankOf[csv.severity!]);
      expect(r[col('severity')]).toBe(labelOf[csv.severity!]);
    }
    const nonAgri = rows.find((r) => csvRows.get(r[col('alert_id')] as string)!.change_type === 'non_agricultural')!;
    expect(nonAgri[col('change_type')]).toBe('非农化(转为建设用地)');
  });

  it("shows each case's register status in Chinese: a first run's losses are all 待核查, not overdue; gains have no case", () => {
    const [, names, ...rows] = sheetRows('图斑清单');
    const col = (n: string) => names!.indexOf(n);
    const isGain = (r: ExcelJS.CellValue[]) => csvRows.get(r[col('alert_id')] as string)!.change_type === 'gain';
    expect(rows.some(isGain)).toBe(true);
    expect(rows.filter((r) => !isGain(r)).map((r) => [r[col('status')], r[col('overdue')]])).toEqual(rows.filter((r) => !isGain(r)).map(() => ['待核查', '否']));
    expect(rows.filter(isGain).every((r) => !r[col('status')] && !r[col('overdue')])).toBe(true);
    expect([...csvRows.values()].every((r) => r.repeat === 'false')).toBe(true);
  });

  it('is sorted by severity rank, then area descending', () => {
    const [, names, ...rows] = sheetRows('图斑清单');
    const rank = names!.indexOf('severity_rank');
    const area = names!.indexOf('area_m2');
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      const ok = (a[rank] as number) < (b[rank] as number) || (a[rank] === b[rank] && (a[area] as number) >= (b[area] as number));
      expect(ok, `row ${i + 3}`).toBe(true);
    }
  });

  it('乡镇汇总 and 进出平衡 match summary.json, township codes as text', () => {
    const summary = JSON.parse(readFileSync(join(run.resultDir, 'summary.json'), 'utf8'));
    const [, tNames, ...towns] = sheetRows('乡镇汇总');
    expect(towns.map((r) => [r[0], r[1], r[2]])).toEqual(summary.townships.map((t: any) => [t.code, t.name, t.count]));
    const [, bNames, ...balance] = sheetRows('进出平衡');
    expect(tNames!.slice(0, 2)).toEqual(['township_code', 'township_name']);
    expect(bNames!.slice(0, 4)).toEqual(['township_code', 'township_name', 'out_m2', 'out_mu']);
    expect(balance.length).toBe(summary.balance.rows.length + 1);
    const total = balance.at(-1)!;
    expect(total[0]).toBe('431102');
    expect(total[bNames!.indexOf('out_m2')]).toBe(summary.balance.total.outM2);
    expect(total[bNames!.indexOf('balanced')]).toBe(summary.balance.total.balanced ? '是' : '否');
  });

  it("GDAL's XLSX driver opens the three sheets and reads piece ids and codes as strings", () => {
    const file = join(run.resultDir, 'detections.xlsx');
    expect(ogrinfo(['-ro', '-so', file])).toMatch(/1: 图斑清单[\s\S]*2: 乡镇汇总[\s\S]*3: 进出平衡/);
    const [, names, first] = sheetRows('图斑清单');
    // GDAL sees two text header rows as data: feature 3 is the first detection
    const feature = ogrinfo(['-ro', '-q', file, '图斑清单', '-fid', '3']);
    const field = (n: string) => new RegExp(`Field${names!.indexOf(n) + 1} \\(String\\) = (.*)`).exec(feature)?.[1];
    expect(field('piece_id')).toBe(first![names!.indexOf('piece_id')]);
    expect(field('before_code')).toBe(first![names!.indexOf('before_code')]);
  });
});
