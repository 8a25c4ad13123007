// detections.qml beside detections.fgb: parsed as XML, categories by severity with Chinese labels, colours and field
// names that exist in the layer GDAL reads.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAndRun, type CountyRun } from '../support/county-run.ts';
import { ogrinfo } from '../support/gdal.ts';

let run: CountyRun;
let qml: any;
let text = '';

beforeAll(async () => {
  run = await generateAndRun('lw-qml-', 300);
  text = readFileSync(join(run.resultDir, 'detections.qml'), 'utf8');
  qml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
});

afterAll(() => rmSync(run.work, { recursive: true, force: true }));

describe('detections.qml', () => {
  it('is well-formed XML with a qgis root', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    expect(qml.qgis.version).toBe('3.22.0');
  });

  it('categorises by the severity column, one Chinese-labelled category per severity, critical first', () => {
    const r = qml.qgis['renderer-v2'];
    expect(r.type).toBe('categorizedSymbol');
    expect(r.attr).toBe('severity');
    expect(r.categories.category.map((c: any) => [c.value, c.label, c.symbol])).toEqual([
      ['critical', '极严重 critical', '0'],
      ['high', '严重 high', '1'],
      ['medium', '较重 medium', '2'],
      ['low', '一般 low', '3'],
      ['info', '提示 info', '4'],
    ]);
    const critical = r.symbols.symbol.find((s: any) => s.name === '0');
    const color = critical.layer.prop.find((p: any) => p.k === 'color').v;
    expect(color).toBe('178,24,43,200');
    expect(r.orderby.orderByClause['#text']).toBe(
      `CASE WHEN "severity" = 'critical' THEN 1 WHEN "severity" = 'high' THEN 2 WHEN "severity" = 'medium' THEN 3 WHEN "severity" = 'low' THEN 4 WHEN "severity" = 'info' THEN 5 ELSE 9 END`,
    );
  });

  it('names only fields that detections.fgb has, and gives them their Chinese aliases', () => {
    const info = ogrinfo(['-ro', '-so', '-al', join(run.resultDir, 'detections.fgb')]);
    const fields = [...info.matchAll(/^(\w+): (String|Real|Integer)/gm)].map((m) => m[1]);
    const aliases = qml.qgis.aliases.alias.map((a: any) => a.field);
    expect(aliases).toEqual(fields);
    expect(qml.qgis.aliases.alias.find((a: any) => a.field === 'piece_id').name).toBe('图斑标识码');
    for (const f of [...qml.qgis.mapTip.matchAll(/"(\w+)"/g)].map((m: RegExpMatchArray) => m[1])) expect(fields).toContain(f);
  });
});
