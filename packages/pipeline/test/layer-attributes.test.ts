// layers.json "fields" and the default attribute columns of approval, filing and temporary-use layers.
import { describe, expect, it } from 'vitest';
import { attributesOf, resolveAttributeColumns } from '../src/layer-attributes.ts';
import { LayerRegistryError, parseLayerRegistry } from '../src/layer-registry.ts';

describe('layer attributes', () => {
  it('uses the national defaults, matched case-insensitively', () => {
    expect(resolveAttributeColumns('approved-construction', undefined, ['pzjg', 'PzWh', 'PZRQ', 'BSM'])).toEqual({
      columns: { authority: 'pzjg', reference: 'PzWh', date: 'PZRQ' },
      problems: [],
    });
    expect(resolveAttributeColumns('temporary-use', undefined, ['QSRQ', 'JSRQ'])).toEqual({ columns: { start: 'QSRQ', end: 'JSRQ' }, problems: [] });
    expect(resolveAttributeColumns('permanent-farmland', undefined, ['PZJG'])).toEqual({ columns: {}, problems: [] });
  });

  it('lets layers.json name the columns, and reports a named column the layer lacks', () => {
    expect(resolveAttributeColumns('approved-construction', { authority: 'SPJG' }, ['spjg', 'PZWH'])).toEqual({
      columns: { authority: 'spjg', reference: 'PZWH' },
      problems: [],
    });
    expect(resolveAttributeColumns('temporary-use', { end: 'ZZRQ' }, ['JSRQ']).problems).toEqual(['field end: the layer has no column ZZRQ']);
  });

  it('reads text and dates of one feature', () => {
    const columns = { authority: 'PZJG', reference: 'PZWH', date: 'PZRQ' } as const;
    expect(attributesOf({ PZJG: ' 国务院 ', PZWH: '国函〔2024〕3号', PZRQ: '2024/6/30' }, columns)).toEqual({
      authority: '国务院',
      reference: '国函〔2024〕3号',
      date: '2024-06-30',
    });
    expect(attributesOf({ PZJG: null, PZWH: '', PZRQ: 'unknown' }, columns)).toBeUndefined();
  });

  it('parses "fields" in layers.json and names bad entries', () => {
    const [entry] = parseLayerRegistry(JSON.stringify([{ id: 'pz', kind: 'approved-construction', path: 'pz.fgb', fields: { authority: 'SPJG' } }]), 'layers.json');
    expect(entry.fields).toEqual({ authority: 'SPJG' });
    const bad = () => parseLayerRegistry(JSON.stringify([{ id: 'pz', kind: 'approved-construction', path: 'pz.fgb', fields: { approver: 'X', date: 3 } }]), 'layers.json');
    expect(bad).toThrow(LayerRegistryError);
    try {
      bad();
    } catch (err) {
      expect((err as LayerRegistryError).reasons).toEqual([
        'layer 0 (pz): field fields.approver: unknown attribute (known: authority, reference, date, start, end)',
        'layer 0 (pz): field fields.date: must be a column name',
      ]);
    }
  });
});
