// A county delivered in 用地用海 codes: auto detects it, the detections equal those of the same county in 三调 codes
// (codes and names aside), summary.json records the classification; colliding codes alone are rejected with exit 2
// unless --classification says which table they are in.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landUseCodeTable, YDYH_VERSION } from '@landwatch/core';
import { makeDeliveries, removeDir, type Deliveries } from '../../packages/formats/test/support/deliveries.ts';
import { runCli } from '../support/cli.ts';
import { ogr2ogr, ogrinfo } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-cli-ydyh-'));
let county: Deliveries;

/** The 用地用海 code the rules read as 三调 `code` (a suffixed code: its parent's). */
function ydyhTwin(code: string): string {
  const ydyh = landUseCodeTable(YDYH_VERSION);
  const sandiao = landUseCodeTable();
  for (const c of [code, sandiao.get(code)?.parent]) {
    const twin = ydyh.all().find((e) => ydyh.ruleConcept(e.code)?.code === c); // table order: land before sea
    if (twin) return twin.code;
  }
  throw new Error(`no 用地用海 twin for ${code}`);
}

/** Runs and returns summary.json and the detections.csv rows without alert and run ids, codes and names. */
async function runOn(name: string, changes: string, extra: string[] = []): Promise<{ summary: any; rows: string[]; code: number; stderr: string }> {
  const out = join(work, `out-${name}`);
  const r = await runCli(['run', '--changes', changes, '--layers', county.layers, '--out', out, '--workers', '0', ...extra]);
  if (r.code !== 0) return { summary: undefined, rows: [], code: r.code, stderr: r.stderr };
  const dir = join(out, 'results', '2024', '431102');
  const runId = readdirSync(dir)[0];
  const csv = readFileSync(join(dir, runId, 'detections.csv'), 'utf8').trim().split('\n');
  const header = csv[0].replace(/^\ufeff/, '').split(',');
  // alert ids hash the codes, so they differ with the codes
  const drop = new Set(['alert_id', 'run_id', 'before_code', 'before_name', 'after_code', 'after_name'].map((c) => header.indexOf(c)));
  const rows = csv.map((line) => line.split(',').filter((_, i) => !drop.has(i)).join(','));
  return { summary: JSON.parse(readFileSync(join(dir, runId, 'summary.json'), 'utf8')), rows, code: 0, stderr: r.stderr };
}

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 300, 33);
});
afterAll(() => removeDir(work));

describe('用地用海-coded uploads', () => {
  it('auto detects ydyh; the detections are those of the 三调 county; summary.json records it', async () => {
    // 用地用海 has no K-suffixed codes (the 三调 mark of land kept restorable to 耕地, which the rules read as
    // restorable): the 三调 side of the comparison uses their parent codes too, so both say the same thing
    const sandiaoGpkg = join(work, 'sandiao-unsuffixed.gpkg');
    copyFileSync(county.gpkg, sandiaoGpkg);
    const table = landUseCodeTable();
    const suffixed = table.all().filter((c) => /K$/.test(c.code));
    const parentOf = (field: string) => `CASE ${field} ${suffixed.map((c) => `WHEN '${c.code}' THEN '${table.get(c.code)!.parent}'`).join(' ')} ELSE ${field} END`;
    ogrinfo([sandiaoGpkg, '-sql', `UPDATE DLTBGXGC SET BGQDLBM = ${parentOf('BGQDLBM')}, BGHDLBM = ${parentOf('BGHDLBM')}`]);
    const ydyhGpkg = join(work, 'ydyh.gpkg');
    copyFileSync(sandiaoGpkg, ydyhGpkg);
    const codes = table.all().map((c) => c.code);
    const caseOf = (field: string) => `CASE ${field} ${codes.map((c) => `WHEN '${c}' THEN '${ydyhTwin(c)}'`).join(' ')} ELSE ${field} END`;
    ogrinfo([ydyhGpkg, '-sql', `UPDATE DLTBGXGC SET BGQDLBM = ${caseOf('BGQDLBM')}, BGHDLBM = ${caseOf('BGHDLBM')}`]);
    const sandiao = await runOn('sandiao', sandiaoGpkg);
    const ydyh = await runOn('ydyh', ydyhGpkg);
    expect(ydyh.code, ydyh.stderr).toBe(0);
    expect(sandiao.summary.run.classification).toBe('sandiao');
    expect(ydyh.summary.run.classification).toBe('ydyh');
    expect(ydyh.summary.run.codeTableVersion).toBe('ydyh-2023');
    expect(ydyh.rows).toEqual(sandiao.rows);
  });

  it('only codes that collide (0101→1101, 0103→1202): exit 2 naming them and the option; --classification ydyh runs them as ydyh', async () => {
    const colliding = join(work, 'colliding.gpkg');
    ogr2ogr(['-f', 'GPKG', colliding, county.fgb, '-nln', 'DLTBGXGC', '-where', "BGQDLBM IN ('0101', '0103') AND BGHDLBM IN ('1101', '1202')"]);
    const refused = await runOn('colliding-auto', colliding);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe(
      `${colliding}: cannot tell the classification: the land-use codes 1101 (河流水面 / 物流仓储用地), 1202 (设施农用地 / 公路用地) are valid in both 三调工作分类 and 用地用海分类 with different meanings, and no code belongs to only one of them; set --classification sandiao or --classification ydyh (for an upload: S3 user metadata landwatch-classification)`,
    );
    const declared = await runOn('colliding-ydyh', colliding, ['--classification', 'ydyh']);
    expect(declared.code, declared.stderr).toBe(0);
    expect(declared.summary.run.classification).toBe('ydyh');
    // 1101 物流仓储 and 1202 公路 are construction: every piece is 非农化 (as 三调 they were water and facilities)
    expect(declared.summary.totals.count).toBeGreaterThan(0);
    expect(declared.summary.totals.byChangeType.non_agricultural.count).toBe(declared.summary.totals.count);
  });
});
