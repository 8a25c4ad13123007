// FgbWriter.writeHeldToFile and heldToBytes (features the caller holds: boxes first, then each feature encoded once,
// in the file's order, straight into the output, the index placed in front last) write the bytes that add + finish
// write, for every shape of layer; a feature the encoder refuses (a coordinate, or a value that does not match its
// column) leaves no file behind.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FgbWriter, FgbWriterError, type FgbWriterOptions, type HeldFeatures } from '@landwatch/fgb';
import { multiPolygon, type MultiPolygon } from '@landwatch/core';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { ALL_KINDS_COLUMNS, GK39_EXTENT, randomGeometry, randomProperties, seededRandom } from './support/random-layer.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-fgb-held-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { name: 'held', crs: handWrittenCrs(4527), columns: ALL_KINDS_COLUMNS, geometryType: 'MultiPolygon' } as const;

interface Feature {
  geometry: MultiPolygon;
  properties: Record<string, string | number | boolean | null>;
}

function held(features: Feature[]): HeldFeatures {
  return {
    count: features.length,
    geometry: (i) => features[i]!.geometry,
    values: (i, into) => ALL_KINDS_COLUMNS.forEach((c, k) => (into[k] = features[i]!.properties[c.name])),
  };
}

/** add of every feature, then finishToBytes: the writer's established way. */
async function added(options: FgbWriterOptions, features: Feature[]): Promise<Buffer> {
  const w = new FgbWriter(options);
  for (const f of features) w.add(f.geometry, f.properties);
  return Buffer.from(await w.finishToBytes());
}

function randomFeatures(seed: number, count: number): Feature[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({ geometry: randomGeometry(rand, GK39_EXTENT), properties: randomProperties(rand, i) }));
}

describe('FgbWriter held features', () => {
  const cases: [string, FgbWriterOptions, Feature[]][] = [
    ['indexed, 700 features (several index levels, holes, every column kind, nulls)', base, randomFeatures(5, 700)],
    ['indexed, node size 4', { ...base, indexNodeSize: 4 }, randomFeatures(6, 90)],
    ['one feature', base, randomFeatures(7, 1)],
    ['no feature', base, []],
    ['unindexed (features in the order given)', { ...base, spatialIndex: false }, randomFeatures(8, 120)],
  ];
  for (const [name, options, features] of cases) {
    it(`writes the bytes of add + finish: ${name}`, async () => {
      const expected = await added(options, features);
      expect(Buffer.from(new FgbWriter(options).heldToBytes(held(features))).equals(expected), 'heldToBytes').toBe(true);
      const path = join(dir, `${name.replace(/\W+/g, '-')}.fgb`);
      await new FgbWriter(options).writeHeldToFile(path, held(features));
      expect(readFileSync(path).equals(expected), 'writeHeldToFile').toBe(true);
    });
  }

  it('writes a large feature that does not fit the output buffer (more than 4 MiB) in its place', async () => {
    const rand = seededRandom(9);
    const features = randomFeatures(10, 40);
    // a ring of 300 000 vertices: 4.8 MB of coordinates
    const n = 300_000;
    const ring: [number, number][] = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [39_530_000 + 1000 * Math.cos(a) + rand(), 2_930_000 + 1000 * Math.sin(a)];
    });
    ring.push(ring[0]!);
    features.splice(17, 0, { geometry: multiPolygon([[ring]]), properties: randomProperties(rand, 17) });
    const expected = await added(base, features);
    const path = join(dir, 'large-feature.fgb');
    await new FgbWriter(base).writeHeldToFile(path, held(features));
    expect(readFileSync(path).equals(expected)).toBe(true);
  });

  it('stops at a feature the encoder refuses, naming it, and leaves no file behind', async () => {
    const features = randomFeatures(11, 50);
    const nan = multiPolygon([[[[39_500_000, 2_900_000], [Number.NaN, 2_900_000], [39_500_010, 2_900_010], [39_500_000, 2_900_000]]]]);
    features[23] = { geometry: nan, properties: features[23]!.properties };
    const sub = mkdtempSync(join(dir, 'refused-'));
    const path = join(sub, 'refused.fgb');
    await expect(new FgbWriter(base).writeHeldToFile(path, held(features))).rejects.toThrow(/feature 23.*not a pair of finite numbers|not a pair of finite numbers.*feature 23/);
    expect(readdirSync(sub)).toEqual([]);
    expect(() => new FgbWriter(base).heldToBytes(held(features))).toThrow(FgbWriterError);
  });

  it('rejects a value that does not match its column, naming the column and the feature', () => {
    const square = multiPolygon([[[[37_500_000, 2_900_000], [37_500_010, 2_900_000], [37_500_010, 2_900_010], [37_500_000, 2_900_000]]]]);
    const good = [1, true, 2, 3, 4.5, 'a', '2024-06-01'];
    const bad: [unknown[], RegExp][] = [
      [[1.5], /expected a 32-bit integer.*feature 1.*column id/],
      [[1, 'yes'], /boolean.*column flag/],
      [[1, null, null, null, null, 3], /string.*column label/],
      [[null, true], /non-nullable.*column id/],
    ];
    for (const [values, message] of bad) {
      const rows = [good, values];
      // the values in column order, the ones not given null
      const features: HeldFeatures = {
        count: 2,
        geometry: () => square,
        values: (i, into) => {
          into.fill(null);
          rows[i]!.forEach((v, k) => (into[k] = v));
        },
      };
      expect(() => new FgbWriter(base).heldToBytes(features), String(values)).toThrow(FgbWriterError);
      expect(() => new FgbWriter(base).heldToBytes(features)).toThrow(message);
    }
  });

  it('is refused after add, and a writer is finished once', async () => {
    const [f] = randomFeatures(12, 1);
    const w = new FgbWriter(base);
    w.add(f!.geometry, f!.properties);
    expect(() => w.heldToBytes(held([f!]))).toThrow(/held features are written alone/);
    const once = new FgbWriter(base);
    once.heldToBytes(held([f!]));
    expect(() => once.heldToBytes(held([f!]))).toThrow(/finish called twice/);
    await expect(once.finishToBytes()).rejects.toThrow(/finish called twice/);
  });
});
