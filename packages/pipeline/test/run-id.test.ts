import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, NotCanonicalJsonError } from '../src/canonical-json.ts';
import { configHash, normaliseEtag, parseRunId, runIdFor, RunIdError, surveyYearFromKey, unknownYearRunId } from '../src/run-id.ts';

const input = {
  surveyYear: 2024,
  contentSha256: createHash('sha256').update('the bytes of an upload').digest('hex'),
  configHash: configHash({ layers: [{ id: 'pbf', etag: 'abc' }], rules: 'v1' }),
};

describe('runIdFor', () => {
  it('is {year}-{12 hex}, stable, and fixed by the documented serialisation', () => {
    const id = runIdFor(input);
    expect(id).toMatch(/^2024-[0-9a-f]{12}$/);
    expect(runIdFor({ ...input })).toBe(id);
    // The serialisation is part of the contract: pin it.
    const expected = createHash('sha256').update(JSON.stringify([input.contentSha256, input.configHash])).digest('hex').slice(0, 12);
    expect(id).toBe(`2024-${expected}`);
  });

  it('depends on the bytes, not on how they were uploaded; changes with every input', () => {
    const id = runIdFor(input);
    expect(runIdFor({ ...input, contentSha256: input.contentSha256.toUpperCase() })).toBe(id);
    expect(runIdFor({ ...input, contentSha256: createHash('sha256').update('other bytes').digest('hex') })).not.toBe(id);
    expect(runIdFor({ ...input, configHash: configHash({ rules: 'v2' }) })).not.toBe(id);
    expect(runIdFor({ ...input, surveyYear: 2025 }).slice(5)).toBe(id.slice(5));
  });

  it('rejects bad years, a checksum that is not sha256 and an empty config hash; parseRunId round-trips', () => {
    expect(() => runIdFor({ ...input, surveyYear: 24 })).toThrow(RunIdError);
    expect(() => runIdFor({ ...input, contentSha256: '9b2cf535f27731c974343645a3985328' })).toThrow(RunIdError);
    expect(() => runIdFor({ ...input, configHash: '' })).toThrow(RunIdError);
    expect(parseRunId(runIdFor(input))).toEqual({ surveyYear: 2024, hash: runIdFor(input).slice(5) });
    expect(() => parseRunId('2024-xyz')).toThrow(RunIdError);
    expect(unknownYearRunId(input)).toMatch(/^unknown-[0-9a-f]{12}$/);
  });
});

describe('surveyYearFromKey / normaliseEtag', () => {
  it('reads changes/{year}/… keys of the delivery formats only (.fgb, .gpkg, .zip, .shp)', () => {
    expect(surveyYearFromKey('changes/2024/431102.fgb')).toBe(2024);
    expect(surveyYearFromKey('changes/2023/hunan/零陵区.FGB')).toBe(2023);
    expect(surveyYearFromKey('changes/24/a.fgb')).toBeUndefined();
    expect(surveyYearFromKey('uploads/2024/a.fgb')).toBeUndefined();
    expect(surveyYearFromKey('changes/2024/a.shp')).toBe(2024);
    expect(surveyYearFromKey('changes/2024/county.GDB.ZIP')).toBe(2024);
    expect(surveyYearFromKey('changes/2024/a.dbf')).toBeUndefined();
  });
  it('strips quotes and weak prefixes', () => {
    expect(normaliseEtag('"abc-2"')).toBe('abc-2');
    expect(normaliseEtag('abc')).toBe('abc');
  });
});

describe('canonicalJson / configHash', () => {
  it('sorts keys by code unit, including integer-like keys, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { '9': 1, '10': 2, z: [3, { y: 1, x: 2 }] } })).toBe(
      '{"a":{"10":2,"9":1,"z":[3,{"x":2,"y":1}]},"b":1}',
    );
  });
  it('pretty-prints like JSON.stringify(…, null, 2) for already sorted input', () => {
    const value = { a: [1, { b: 'x' }, []], c: {}, d: null };
    expect(canonicalJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
  it('omits undefined properties, refuses non-finite numbers and undefined array items', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow(NotCanonicalJsonError);
    expect(() => canonicalJson([undefined])).toThrow(/\/0/);
  });
  it('gives the same hash whatever the key order', () => {
    expect(configHash({ a: 1, b: [1, 2] })).toBe(configHash({ b: [1, 2], a: 1 }));
    expect(configHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
  });
});
