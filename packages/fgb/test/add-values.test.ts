// FgbWriter.addValues (values in column order, one array refilled per feature) writes the bytes that add (a record per
// feature) writes, and checks each value against its column the same way.
import { describe, expect, it } from 'vitest';
import { FgbWriter, FgbWriterError } from '@landwatch/fgb';
import { multiPolygon } from '@landwatch/core';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { ALL_KINDS_COLUMNS, GK39_EXTENT, randomGeometry, randomProperties, seededRandom } from './support/random-layer.ts';

const options = { name: 'values', crs: handWrittenCrs(4527), columns: ALL_KINDS_COLUMNS, geometryType: 'MultiPolygon' } as const;

describe('FgbWriter.addValues', () => {
  it('writes the same bytes as add, with one array refilled for every feature', async () => {
    const rand = seededRandom(17);
    const features = Array.from({ length: 500 }, (_, i) => ({ geometry: randomGeometry(rand, GK39_EXTENT), properties: randomProperties(rand, i) }));
    const byRecord = new FgbWriter(options);
    const byValues = new FgbWriter(options);
    const values: unknown[] = [];
    for (const f of features) {
      byRecord.add(f.geometry, f.properties);
      ALL_KINDS_COLUMNS.forEach((c, i) => (values[i] = f.properties[c.name]));
      byValues.addValues(f.geometry, values);
    }
    const [a, b] = await Promise.all([byRecord.finishToBytes(), byValues.finishToBytes()]);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('rejects a value that does not match its column, naming the column and the feature', () => {
    const w = new FgbWriter(options);
    const square = multiPolygon([[[[37_500_000, 2_900_000], [37_500_010, 2_900_000], [37_500_010, 2_900_010], [37_500_000, 2_900_000]]]]);
    w.addValues(square, [1, true, 2, 3, 4.5, 'a', '2024-06-01']);
    const bad: [unknown[], RegExp][] = [
      [[1.5], /expected a 32-bit integer.*feature 1.*column id/],
      [[1, 'yes'], /boolean.*column flag/],
      [[1, null, null, null, null, 3], /string.*column label/],
      [[null, true], /non-nullable.*column id/],
    ];
    for (const [values, message] of bad) {
      expect(() => w.addValues(square, values), String(values)).toThrow(FgbWriterError);
      expect(() => w.addValues(square, values)).toThrow(message);
    }
    expect(w.count).toBe(1);
    w.discard();
  });
});
