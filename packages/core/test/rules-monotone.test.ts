// Property: a protection overlap can only make a verdict stricter as it grows. Shrinking the overlap with a
// protective layer (永久基本农田, 高标准农田, 生态保护红线, 储备区) never raises a severity; growing it never lowers one.
// The other overlaps (approvals, filings, temporary use, boundaries) are drawn at random and kept fixed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { landUseCodeTable } from '../src/codes/index.ts';
import { assessDetection, classifyChange, createRuleSet, type OverlapsM2, type PieceFact } from '../src/rules/index.ts';
import { severityRank } from '../src/rules/severity.ts';

const PROTECTIVE = ['permanent-farmland', 'high-standard-farmland', 'ecological-redline', 'farmland-reserve'] as const;
const codes = landUseCodeTable().all().map((c) => c.code);
const plantings = [undefined, 'LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG', 'JKHF', 'GCHF'];

const piece = fc.record({
  beforeCode: fc.oneof(fc.constantFrom('0101', '0102', '0103'), fc.constantFrom(...codes)),
  afterCode: fc.constantFrom(...codes),
  beforePlanting: fc.constantFrom(...plantings),
  afterPlanting: fc.constantFrom(...plantings),
});
const share = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));

describe('verdicts are monotone in protective overlaps', () => {
  it('shrinking a protective overlap never raises the severity; growing it never lowers it', () => {
    fc.assert(
      fc.property(
        piece,
        fc.constantFrom(100, 1000, 50_000, 1_000_000),
        fc.constantFrom(...PROTECTIVE),
        share, // the protective overlap
        share, // how much of it remains after shrinking
        fc.record({ approved: share, stateCouncil: share, filing: share, temporary: share, expired: share, urban: share, others: share }),
        fc.boolean(),
        fc.constantFrom(2023, 2025),
        (p, areaM2, kind, overlap, keep, o, afterChange, surveyYear) => {
          const rules = createRuleSet({ surveyYear });
          const c = classifyChange(p, rules);
          if (c === null) return;
          const fixed: OverlapsM2 = {
            'approved-construction': o.approved * areaM2,
            'approved-state-council': o.approved * o.stateCouncil * areaM2,
            'facility-filing': o.filing * areaM2,
            'temporary-use': o.temporary * areaM2,
            'temporary-use-expired': o.expired * areaM2,
            'urban-development-boundary': o.urban * areaM2,
          };
          for (const other of PROTECTIVE) if (other !== kind) fixed[other] = o.others * areaM2;
          const facts: PieceFact[] = afterChange ? ['approval-after-change'] : [];
          const severity = (m2: number) =>
            severityRank(assessDetection(c, { areaM2, overlapsM2: { ...fixed, [kind]: m2 }, facts, afterCode: p.afterCode }, rules).severity);
          const big = overlap * areaM2;
          expect(severity(big * keep)).toBeLessThanOrEqual(severity(big));
          expect(severity(areaM2)).toBeGreaterThanOrEqual(severity(big));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
