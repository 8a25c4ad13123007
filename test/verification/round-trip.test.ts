// The verification round trip on the command line over two survey years of a generated county: year 2024 is run,
// the county office answers (two files, one with a bad row), `landwatch generate --history` plants restored,
// repeated, false-change and continued cases into 2025, 2025 is run into the same folder, and the register
// remembers: close suggestions, repeats, suppressed false changes, overdue cases. A register rebuilt from scratch,
// or from the answers applied in the other order, is the same bytes.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FIELDS } from '../../packages/core/src/results/report-data.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { answersFor, caseRows, csvRows } from './answer-files.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-round-trip-'));
const out = join(work, 'out');
const AS_OF = '2026-06-01';
let plan: { surveyYear: number; pieces: Record<'restored' | 'repeated' | 'false-change' | 'continued', { from: string; to: string }[]> };
let alertOfPiece: Map<string, string>;
let fileA = '';
let fileB = '';
let verifyA: CliResult;
let verifyB: CliResult;
let verifyAgain: CliResult;
let registerOut: CliResult;

const resultDir = (year: number) => {
  const dir = join(out, 'results', String(year), '431102');
  return join(dir, readdirSync(dir)[0]);
};
const cli = async (args: string[]) => {
  const r = await runCli(args);
  return r;
};
const cases = () => caseRows(readFileSync(join(out, 'register', '431102', 'cases.csv')));

beforeAll(async () => {
  expect((await cli(['generate', '--out', join(work, 'y2024'), '--changes', '400', '--seed', '7'])).code).toBe(0);
  const r2024 = await cli(['run', '--changes', join(work, 'y2024', 'DLTBGXGC-431102-2024.fgb'), '--layers', join(work, 'y2024', 'layers.json'), '--out', out]);
  expect(r2024.code, r2024.stderr).toBe(0);
  const hist = await cli(['generate', '--history', join(work, 'y2024'), '--out', join(work, 'y2025'), '--seed', '7']);
  expect(hist.code, hist.stderr).toBe(0);
  plan = JSON.parse(readFileSync(join(work, 'y2025', 'history.json'), 'utf8'));
  alertOfPiece = new Map(csvRows(readFileSync(join(resultDir(2024), 'detections.csv'))).map((r) => [r.piece_id, r.alert_id]));
  const ids = (kind: keyof typeof plan.pieces) => plan.pieces[kind].map((p) => alertOfPiece.get(p.from)!);

  // file A: the repeated places were rectified (closed), the false changes found false
  fileA = join(work, 'answers-a.csv');
  writeFileSync(fileA, answersFor([
    ...ids('repeated').map((alert_id) => ({ alert_id, check_result: 'real', legality: 'illegal', action: 'restore', rectified_on: '2025-04-01', checked_at: '2025-04-02' })),
    ...ids('false-change').map((alert_id) => ({ alert_id, check_result: 'false_change', checked_at: '2025-03-01' })),
  ]));
  // file B: the restored and continued places are illegal, being rectified; the continued ones had a deadline;
  // one row has a bad value
  fileB = join(work, 'answers-b.csv');
  writeFileSync(fileB, answersFor([
    ...ids('restored').map((alert_id) => ({ alert_id, check_result: 'real', legality: 'illegal', action: 'restore', checked_at: '2025-03-05' })),
    ...ids('continued').map((alert_id) => ({ alert_id, check_result: 'real', legality: 'illegal', action: 'demolish', deadline: '2025-09-30', responsible: '=HYPERLINK("http://evil")', checked_at: '2025-03-05' })),
    { alert_id: ids('continued')[0], check_result: 'perhaps', checked_at: '2025-03-06' },
  ]));
  verifyA = await cli(['verify', '--results', out, '--county', '431102', '--file', fileA, '--by', '零陵区自然资源局 张三', '--as-of', AS_OF]);
  verifyB = await cli(['verify', '--results', out, '--county', '431102', '--file', fileB, '--by', '零陵区自然资源局 李四', '--as-of', AS_OF]);
  verifyAgain = await cli(['verify', '--results', out, '--county', '431102', '--file', fileB, '--by', '零陵区自然资源局 李四', '--as-of', AS_OF]);

  const r2025 = await cli(['run', '--changes', join(work, 'y2025', 'DLTBGXGC-431102-2025.fgb'), '--layers', join(work, 'y2025', 'layers.json'), '--out', out]);
  expect(r2025.code, r2025.stderr).toBe(0);
  registerOut = await cli(['register', '--results', out, '--county', '431102', '--as-of', AS_OF]);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('two survey years of a county through landwatch verify and landwatch register', () => {
  it('verify applies every valid row and exits 2 when a row is rejected, naming its line', () => {
    expect([verifyA.code, verifyA.stderr]).toEqual([0, '']);
    expect(verifyB.code).toBe(2);
    expect(verifyB.stderr.split('\n').filter((l) => l.includes('rejected'))).toEqual([
      `answers-b.csv line 12: ${alertOfPiece.get(plan.pieces.continued[0].from)}: rejected: check_result 'perhaps' is not one of real, false_change`,
    ]);
    expect(verifyB.stdout).toContain('applied 10 rows, rejected 1, skipped 0 blank (sent by 零陵区自然资源局 李四)');
  });

  it('the same file again changes nothing', () => {
    expect(verifyAgain.stdout.split('\n')[0]).toBe('answers-b.csv: this file was applied before (same content); nothing changed');
  });

  it('year 2025 remembers year 2024: repeats, suppressed false changes, close suggestions, overdue cases', () => {
    const rows = cases();
    const caseOf = (kind: keyof typeof plan.pieces) => plan.pieces[kind].map((p) => rows.find((r) => r.first_alert_id === alertOfPiece.get(p.from))!);
    expect(caseOf('restored').map((c) => [c.status, c.close_suggested])).toEqual(Array(5).fill(['rectifying', 'true']));
    expect(caseOf('repeated').map((c) => c.status)).toEqual(Array(5).fill('closed'));
    expect(rows.filter((r) => r.repeat === 'true').map((r) => r.repeat_of).sort()).toEqual(caseOf('repeated').map((c) => c.case_id).sort());
    expect(caseOf('false-change').map((c) => [c.status, c.survey_years, c.suppressed_alert_ids !== ''])).toEqual(Array(5).fill(['false_change', '2024;2025', true]));
    expect(caseOf('continued').map((c) => [c.status, c.overdue, c.survey_years, c.responsible, c.sent_by])).toEqual(
      Array(5).fill(['rectifying', 'true', '2024;2025', `'=HYPERLINK("http://evil")`, '零陵区自然资源局 李四']),
    );
    expect(registerOut.stdout.split('\n').slice(0, 3)).toEqual([
      `county 431102: ${rows.length} cases (as of ${AS_OF})`,
      `  pending ${rows.length - 20}, verified_real 0, false_change 5, rectifying 10, closed 5`,
      '  overdue 5, close suggested 5, repeats 5, suppressed false changes 5',
    ]);
  });

  it("the 2025 run's summary.json and task CSV carry the history", () => {
    const summary = JSON.parse(readFileSync(join(resultDir(2025), 'summary.json'), 'utf8'));
    expect([summary.history.repeats, summary.history.suppressed]).toEqual([5, 5]);
    expect(summary.history.repeatAlertIds.length).toBe(5);
    const taskRows = readdirSync(join(resultDir(2025), 'tasks'))
      .filter((f) => f.endsWith('.csv'))
      .flatMap((f) => csvRows(readFileSync(join(resultDir(2025), 'tasks', f))));
    expect(taskRows.filter((r) => r.repeat === 'true').map((r) => r.alert_id).sort()).toEqual([...summary.history.repeatAlertIds].sort());
    expect(taskRows.filter((r) => summary.history.suppressedAlertIds.includes(r.alert_id))).toEqual([]);
    // the continued places: still being rectified, their deadline shown for the field team
    expect(taskRows.filter((r) => r.previous_deadline === '2025-09-30').map((r) => r.status)).toEqual(Array(5).fill('rectifying'));
  });

  it("the 2025 run's detections.csv marks the repeats in its repeat column, every other detection false", () => {
    const summary = JSON.parse(readFileSync(join(resultDir(2025), 'summary.json'), 'utf8'));
    const rows = csvRows(readFileSync(join(resultDir(2025), 'detections.csv')));
    expect(rows.filter((r) => r.repeat === 'true').map((r) => r.alert_id).sort()).toEqual([...summary.history.repeatAlertIds].sort());
    expect(rows.filter((r) => r.repeat !== 'true').every((r) => r.repeat === 'false')).toBe(true);
  });

  it("the 2025 workbook, report and alert show each case's status, deadline and overdue; overdue cases lead the alert", async () => {
    const rows = cases();
    const continued = plan.pieces.continued.map((p) => rows.find((r) => r.first_alert_id === alertOfPiece.get(p.from))!.last_alert_id).sort();
    const repeats: string[] = JSON.parse(readFileSync(join(resultDir(2025), 'summary.json'), 'utf8')).history.repeatAlertIds;
    // the workbook, read back as a clerk's spreadsheet reads it
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(resultDir(2025), 'detections.xlsx')) as unknown as ArrayBuffer);
    const sheet: ExcelJS.CellValue[][] = [];
    wb.getWorksheet('图斑清单')!.eachRow((row) => sheet.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const [titles, names] = sheet;
    const col = (name: string) => names!.indexOf(name);
    expect(['status', 'deadline', 'overdue'].map((n) => titles![col(n)])).toEqual(['核查状态', '整改时限', '已逾期']);
    const cells = (alertId: string) => {
      const r = sheet.find((row) => row[col('alert_id')] === alertId)!;
      return [r[col('status')], r[col('deadline')], r[col('overdue')]];
    };
    expect(continued.map(cells)).toEqual(Array(5).fill(['整改中', '2025-09-30', '是']));
    expect(repeats.map((id) => cells(id)[0])).toEqual(Array(5).fill('待核查'));
    // the report's data: the same, by case
    const html = readFileSync(join(resultDir(2025), 'report.html'), 'utf8');
    const data = JSON.parse(html.match(/<script id="lw-data" type="application\/json">(.*?)<\/script>/s)![1]!);
    const extra = (alertId: string) => data.cases.find((c: unknown[]) => c[0] === alertId)[CASE_FIELDS.indexOf('extra')];
    expect(continued.map((id) => [extra(id).status, extra(id).deadline, extra(id).overdue])).toEqual(Array(5).fill(['rectifying', '2025-09-30', true]));
    expect(repeats.map((id) => [extra(id).status, extra(id).overdue, extra(id).repeat])).toEqual(Array(5).fill(['pending', false, true]));
    // the alert: the overdue cases first
    const alert = JSON.parse(readFileSync(join(resultDir(2025), 'alert.json'), 'utf8'));
    expect(alert.worst.slice(0, 5).map((w: { alertId: string }) => w.alertId).sort()).toEqual(continued);
  });

  it('a register rebuilt from scratch, or with the answers applied in the other order, is the same bytes', async () => {
    const incremental = readFileSync(join(out, 'register', '431102', 'cases.csv'));
    const incrementalFgb = readFileSync(join(out, 'register', '431102', 'cases.fgb'));
    // from scratch: the stored runs and answer files only
    const scratch = join(work, 'scratch');
    cpSync(out, scratch, { recursive: true });
    rmSync(join(scratch, 'register', '431102', 'cases.csv'));
    rmSync(join(scratch, 'register', '431102', 'cases.fgb'));
    expect((await cli(['register', '--results', scratch, '--county', '431102', '--as-of', AS_OF])).code).toBe(0);
    expect(readFileSync(join(scratch, 'register', '431102', 'cases.csv')).equals(incremental)).toBe(true);
    expect(readFileSync(join(scratch, 'register', '431102', 'cases.fgb')).equals(incrementalFgb)).toBe(true);
    // the other order: both runs first, then B, then A
    const other = join(work, 'other');
    cpSync(join(out, 'results'), join(other, 'results'), { recursive: true });
    expect((await cli(['verify', '--results', other, '--county', '431102', '--file', fileB, '--by', '零陵区自然资源局 李四', '--as-of', AS_OF])).code).toBe(2);
    expect((await cli(['verify', '--results', other, '--county', '431102', '--file', fileA, '--by', '零陵区自然资源局 张三', '--as-of', AS_OF])).code).toBe(0);
    expect(readFileSync(join(other, 'register', '431102', 'cases.csv')).equals(incremental)).toBe(true);
  });
});
