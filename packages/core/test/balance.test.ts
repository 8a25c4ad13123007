import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BalanceLedger, RuleInputError, classifyChange, createRuleSet, type BalanceEntry, type Classification } from '../src/rules/index.ts';

const rules = createRuleSet({ surveyYear: 2023 });
const cls = (beforeCode: string, afterCode: string, beforePlanting?: string, afterPlanting?: string): Classification =>
  classifyChange({ beforeCode, afterCode, beforePlanting, afterPlanting }, rules)!;

const T1 = '431102001';
const T2 = '431102002';

describe('BalanceLedger', () => {
  it('counts 转出 (other 农用地, 农业设施, 1103/1107) and 转进, keeps the not-counted losses apart, ignores the rest', () => {
    const ledger = new BalanceLedger();
    ledger.add({ townshipCode: T1, classification: cls('0101', '0201'), areaM2: 100, paddyM2: 100 });
    ledger.add({ townshipCode: T1, classification: cls('0102', '1202'), areaM2: 50.25, paddyM2: 0 });
    ledger.add({ townshipCode: T1, classification: cls('0103', '1107'), areaM2: 10, paddyM2: 0 });
    // not 转出: 非农化 (占补平衡, another account before 2025), 1101/1102 and 未利用地 (own columns), planting changes
    ledger.add({ townshipCode: T1, classification: cls('0101', '0601'), areaM2: 999, paddyM2: 999 });
    ledger.add({ townshipCode: T1, classification: cls('0101', '1101'), areaM2: 999, paddyM2: 999 });
    ledger.add({ townshipCode: T1, classification: cls('0101', '1206'), areaM2: 999, paddyM2: 999 });
    ledger.add({ townshipCode: T1, classification: cls('0101', '0101', 'LS', 'FLS'), areaM2: 999, paddyM2: 999 });
    ledger.add({ townshipCode: T2, classification: cls('0101', '0702'), areaM2: 999, paddyM2: 999 }); // no row for T2
    // 转进
    ledger.add({ townshipCode: T1, classification: cls('0201', '0101'), areaM2: 80, paddyM2: 80, eligible: true });
    ledger.add({ townshipCode: T1, classification: cls('0301', '0103'), areaM2: 90, paddyM2: 0, eligible: true });
    ledger.add({ townshipCode: T1, classification: cls('0301', '0102'), areaM2: 40, paddyM2: 0, eligible: false });
    ledger.add({ townshipCode: T1, classification: cls('0301', '0101'), areaM2: 30, paddyM2: 30 }); // not assessed
    expect(ledger.rows()).toEqual([
      {
        townshipCode: T1,
        outM2: 160.25,
        inM2: 240,
        paddyOutM2: 100,
        paddyInM2: 110,
        eligibleInM2: 170,
        eligiblePaddyInM2: 80,
        occupiedM2: 0,
        pbfOutM2: 0,
        paddyToDryM2: 0,
        dryToPaddyM2: 0,
        notCountedWaterM2: 999, // 1101: possibly 河湖水面自然扩大
        notCountedDisasterM2: 0,
        netM2: 9.75,
        balanced: false, // 80 m² eligible 水田 < 100 m² 水田 out
      },
    ]);
  });

  it('books the 永久基本农田 part of a loss as pbf_out (restored), never as 转出 or 占用', () => {
    const ledger = new BalanceLedger();
    ledger.add({ townshipCode: T1, classification: cls('0101', '0201'), areaM2: 100, paddyM2: 100, permanentFarmlandM2: 40 });
    ledger.add({ townshipCode: T1, classification: cls('0103', '0601'), areaM2: 50, paddyM2: 0, permanentFarmlandM2: 50 });
    expect(ledger.rows()[0]).toMatchObject({ outM2: 60, paddyOutM2: 60, pbfOutM2: 90, occupiedM2: 0 });
  });

  it('from 2025 (unified 占补平衡) counts 非农化 as 占用 and balances gains against 转出 + 占用', () => {
    const rules2025 = createRuleSet({ surveyYear: 2025 });
    const c25 = (b: string, a: string) => classifyChange({ beforeCode: b, afterCode: a }, rules2025)!;
    const ledger = new BalanceLedger();
    ledger.add({ townshipCode: T1, classification: c25('0103', '0601'), areaM2: 70, paddyM2: 0, permanentFarmlandM2: 20 });
    ledger.add({ townshipCode: T1, classification: c25('0103', '0201'), areaM2: 10, paddyM2: 0 });
    ledger.add({ townshipCode: T1, classification: c25('1206', '0103'), areaM2: 55, paddyM2: 0, eligible: true });
    expect(ledger.rows()[0]).toMatchObject({ occupiedM2: 50, pbfOutM2: 20, outM2: 10, eligibleInM2: 55, netM2: -5, balanced: false });
  });

  it('keeps 水改旱, 旱改水 and the two not-counted exemptions in their own columns', () => {
    const ledger = new BalanceLedger();
    ledger.add({ townshipCode: T1, classification: cls('0101', '0103', 'LS', 'LS'), areaM2: 12, paddyM2: 12 });
    ledger.add({ townshipCode: T1, classification: cls('0102', '0101', 'LS', 'LS'), areaM2: 7, paddyM2: 7 });
    ledger.add({ townshipCode: T1, classification: cls('0101', '1105'), areaM2: 3, paddyM2: 3 });
    ledger.add({ townshipCode: T1, classification: cls('0101', '1204'), areaM2: 4, paddyM2: 4 });
    expect(ledger.rows()[0]).toMatchObject({
      outM2: 0,
      inM2: 0,
      paddyToDryM2: 12,
      dryToPaddyM2: 7,
      notCountedWaterM2: 3,
      notCountedDisasterM2: 4,
      balanced: true,
    });
  });

  it('balanced needs both eligibleIn ≥ out and eligible 水田 in ≥ 水田 out', () => {
    const row = (entries: Omit<BalanceEntry, 'townshipCode'>[]) => {
      const ledger = new BalanceLedger();
      for (const e of entries) ledger.add({ townshipCode: T1, ...e });
      return ledger.rows()[0];
    };
    const out = { classification: cls('0101', '0201'), areaM2: 100, paddyM2: 60 };
    const gainPaddy = (m2: number) => ({ classification: cls('0201', '0101'), areaM2: m2, paddyM2: m2, eligible: true });
    const gainDry = (m2: number) => ({ classification: cls('0201', '0103'), areaM2: m2, paddyM2: 0, eligible: true });
    expect(row([out, gainPaddy(60), gainDry(40)]).balanced).toBe(true); // exactly even
    expect(row([out, gainPaddy(59.99), gainDry(40.01)]).balanced).toBe(false); // 水田 clause
    expect(row([out, gainPaddy(60), gainDry(39.99)])).toMatchObject({ balanced: false, netM2: -0.01 });
    expect(row([out, gainPaddy(200)])).toMatchObject({ balanced: true, netM2: 100 });
    expect(row([gainDry(1)])).toMatchObject({ balanced: true, outM2: 0 });
  });

  it('sorts rows by township code and totals them (the total can balance when townships do not)', () => {
    const ledger = new BalanceLedger();
    ledger.add({ townshipCode: T2, classification: cls('0102', '0301'), areaM2: 10, paddyM2: 0 });
    ledger.add({ townshipCode: T1, classification: cls('0301', '0102'), areaM2: 15, paddyM2: 0, eligible: true });
    expect(ledger.rows().map((r) => [r.townshipCode, r.balanced])).toEqual([
      [T1, true],
      [T2, false],
    ]);
    expect(ledger.total()).toEqual({
      outM2: 10,
      inM2: 15,
      paddyOutM2: 0,
      paddyInM2: 0,
      eligibleInM2: 15,
      eligiblePaddyInM2: 0,
      occupiedM2: 0,
      pbfOutM2: 0,
      paddyToDryM2: 0,
      dryToPaddyM2: 0,
      notCountedWaterM2: 0,
      notCountedDisasterM2: 0,
      netM2: 5,
      balanced: true,
    });
    expect(new BalanceLedger().total()).toMatchObject({ outM2: 0, balanced: true });
  });

  it('sums exactly in hundredths of m² (0.1 + 0.2 = 0.3)', () => {
    const ledger = new BalanceLedger();
    for (const m2 of [0.1, 0.2, 1.005, 2.675]) ledger.add({ townshipCode: T1, classification: cls('0102', '0204'), areaM2: m2, paddyM2: 0 });
    expect(ledger.rows()[0].outM2).toBe(3.99); // 0.10 + 0.20 + 1.01 + 2.68: each rounded half away from zero, as reported
  });

  it('merging tile ledgers in any order gives the rows of one ledger (property test, seeded)', () => {
    const kinds = [cls('0101', '0201'), cls('0102', '1006'), cls('0201', '0101'), cls('1104', '0103'), cls('0101', '0601')];
    const entry = fc.record({
      township: fc.constantFrom(T1, T2, '431102003'),
      kind: fc.integer({ min: 0, max: kinds.length - 1 }),
      areaM2: fc.double({ min: 0, max: 1e6, noNaN: true }),
      paddyShare: fc.double({ min: 0, max: 1, noNaN: true }),
      eligible: fc.option(fc.boolean()),
      tile: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const one = new BalanceLedger();
        const tiles = Array.from({ length: 5 }, () => new BalanceLedger());
        for (const e of entries) {
          const add: BalanceEntry = {
            townshipCode: e.township,
            classification: kinds[e.kind],
            areaM2: e.areaM2,
            paddyM2: e.areaM2 * e.paddyShare,
            ...(e.eligible === null ? {} : { eligible: e.eligible }),
          };
          one.add(add);
          tiles[e.tile].add(add);
        }
        const forward = tiles.reduce((acc, t) => acc.merge(t), new BalanceLedger());
        const backward = [...tiles].reverse().reduce((acc, t) => acc.merge(t), new BalanceLedger());
        const viaJson = tiles
          .map((t) => BalanceLedger.fromRows(JSON.parse(JSON.stringify(t)) as never))
          .reduce((acc, t) => acc.merge(t), new BalanceLedger());
        expect(forward.rows()).toEqual(one.rows());
        expect(backward.rows()).toEqual(one.rows());
        expect(viaJson.rows()).toEqual(one.rows());
        expect(forward.total()).toEqual(one.total());
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });

  it('rejects bad entries', () => {
    const c = cls('0101', '0201');
    const ledger = new BalanceLedger();
    expect(() => ledger.add({ townshipCode: '', classification: c, areaM2: 1, paddyM2: 0 })).toThrow(RuleInputError);
    expect(() => ledger.add({ townshipCode: T1, classification: c, areaM2: -1, paddyM2: 0 })).toThrow(RuleInputError);
    expect(() => ledger.add({ townshipCode: T1, classification: c, areaM2: Number.POSITIVE_INFINITY, paddyM2: 0 })).toThrow(RuleInputError);
    expect(() => ledger.add({ townshipCode: T1, classification: c, areaM2: 1, paddyM2: 2 })).toThrow(/paddyM2/);
    expect(() => ledger.add({ townshipCode: T1, classification: c, areaM2: 1, paddyM2: 1 + 1e-9 })).not.toThrow();
    expect(() => BalanceLedger.fromRows([{ ...ledger.rows()[0], outM2: -3 }])).toThrow(RuleInputError);
  });
});
