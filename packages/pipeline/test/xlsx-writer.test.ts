// The workbook writer read back with the readers users' tools use: exceljs (as the workbook tests do) and yauzl for
// the zip itself. The detection sheet of a big county is deflated in many chunks: a sheet larger than one chunk must
// still inflate to exactly the text written, and the same input must give the same bytes.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipEntries } from '../../../test/support/zip-entries.ts';
import { columnLetters, writeXlsx, xmlText, type XlsxSheet } from '../src/xlsx-writer.ts';

const WHEN = new Date('2024-12-31T08:09:10Z');

async function bytesOf(sheets: XlsxSheet[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writeXlsx((c) => void chunks.push(c), sheets, WHEN, 'LandWatch');
  return Buffer.concat(chunks);
}

const columns = [
  { title: '图斑标识码', name: 'piece_id', kind: 'text', width: 20 },
  { title: '面积', name: 'area_m2', kind: 'number', width: 12 },
  { title: '理由', name: 'reasons', kind: 'text', width: 40 },
] as const;

function manyRows(n: number): (string | number | null)[][] {
  return Array.from({ length: n }, (_, i) => [`4311020000${String(i).padStart(8, '0')}`, i + 0.25, `理由 ${i} <a & "b">`]);
}

describe('writeXlsx', () => {
  it('names columns A…Z, AA…', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes XML specials and drops characters XML cannot hold', () => {
    expect(xmlText('a<b>&"c"\u0001\u0008d')).toBe('a&lt;b&gt;&amp;&quot;c&quot;d');
    expect(xmlText('耕地 0101')).toBe('耕地 0101');
  });

  it('writes a sheet bigger than one deflate chunk that exceljs reads back cell for cell, ids as text', async () => {
    const rows = manyRows(30_000); // about 3 MB of sheet XML: several chunks
    const bytes = await bytesOf([{ name: '图斑清单', columns, rows }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('图斑清单')!;
    expect(ws.rowCount).toBe(rows.length + 2);
    expect(ws.getRow(1).values).toEqual([undefined, '图斑标识码', '面积', '理由']);
    expect(ws.getRow(2).values).toEqual([undefined, 'piece_id', 'area_m2', 'reasons']);
    for (const i of [0, 1, 12_345, rows.length - 1]) expect((ws.getRow(i + 3).values as unknown[]).slice(1)).toEqual(rows[i]);
    expect(ws.getCell(3, 1).numFmt).toBe('@');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const entries = await zipEntries(bytes);
    expect(entries.get('xl/worksheets/sheet1.xml')!.length).toBeGreaterThan(2 << 20);
  });

  it('writes empty text cells as empty text, leaves empty number cells out', async () => {
    const bytes = await bytesOf([{ name: 's', columns, rows: [['', null, undefined]] }]);
    const sheet = (await zipEntries(bytes)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<row r="3"><c r="A3" s="1" t="str"><v></v></c><c r="C3" s="1" t="str"><v></v></c></row>');
  });

  it('gives the same bytes for the same sheets', async () => {
    const a = await bytesOf([{ name: 'a', columns, rows: manyRows(20_000) }]);
    const b = await bytesOf([{ name: 'a', columns, rows: manyRows(20_000) }]);
    expect(a.equals(b)).toBe(true);
  });
});
