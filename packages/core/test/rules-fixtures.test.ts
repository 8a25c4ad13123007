// Fixture cases (turf/earcut style): fixtures/rules/in/<case>.json → fixtures/rules/out/<case>.json.
// Each case classifies one piece and evaluates the decision table (docs/RULES.md).
// Expected outputs are regenerated only on purpose: LANDWATCH_UPDATE_FIXTURES=1 npx vitest run packages/core/test/rules-fixtures
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DECISION_TABLE, classifyChange, createRuleSet, traceAssessment, type OverlapsM2, type PieceFact, type RuleSetConfig } from '../src/rules/index.ts';
import { CHANGE_TYPES, SEVERITIES, type ChangePiece } from '../src/types.ts';

interface FixtureInput {
  description: string;
  config: RuleSetConfig;
  piece: Pick<ChangePiece, 'beforeCode' | 'afterCode' | 'beforePlanting' | 'afterPlanting'>;
  areaM2: number;
  overlapsM2: OverlapsM2;
  /** facts the overlay found from layer attributes (e.g. approval-after-change) */
  facts?: PieceFact[];
  afterSlopeClass?: string;
  afterRefinement?: string;
  afterSettlementCode?: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'rules');
const names = readdirSync(join(root, 'in'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();
const update = process.env.LANDWATCH_UPDATE_FIXTURES === '1';

function run(input: FixtureInput) {
  const rules = createRuleSet(input.config);
  const c = classifyChange(input.piece, rules);
  if (c === null) return null;
  const trace = traceAssessment(
    c,
    {
      areaM2: input.areaM2,
      overlapsM2: input.overlapsM2,
      facts: input.facts,
      afterCode: input.piece.afterCode,
      afterSlopeClass: input.afterSlopeClass,
      afterRefinement: input.afterRefinement,
      afterSettlementCode: input.afterSettlementCode,
      afterPlanting: input.piece.afterPlanting,
    },
    rules,
  );
  return {
    changeType: c.changeType,
    severity: trace.assessment.severity,
    ruleIds: trace.assessment.ruleIds,
    disposition: trace.assessment.disposition,
    inspectionCategory: trace.assessment.inspectionCategory,
    tags: c.tags,
    paddyLoss: c.paddyLoss,
    paddyGain: c.paddyGain,
    rows: trace.rowIds,
    ...(trace.eligibility ? { eligibility: trace.eligibility } : {}),
    reasons: trace.assessment.reasons,
  };
}

const read = (dir: string, name: string) => JSON.parse(readFileSync(join(root, dir, `${name}.json`), 'utf8'));

describe('rule fixtures', () => {
  it.each(names)('%s', (name) => {
    const input = read('in', name) as FixtureInput;
    const actual = run(input);
    if (update) writeFileSync(join(root, 'out', `${name}.json`), `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(read('out', name));
  });

  it('has a fixture for every decision-table row, and that row fires in it', () => {
    for (const row of DECISION_TABLE) {
      expect(names, `fixture for row ${row.id}`).toContain(row.id);
      const out = read('out', row.id) as { rows: string[] } | null;
      expect(out?.rows, `row ${row.id} fires in its fixture`).toContain(row.id);
    }
  });

  it('covers every change type and every severity', () => {
    const outs = names.map((name) => read('out', name) as { changeType: string; severity: string } | null);
    const types = new Set(outs.map((o) => o?.changeType));
    const severities = new Set(outs.map((o) => o?.severity));
    for (const t of CHANGE_TYPES) expect(types).toContain(t);
    for (const s of SEVERITIES) expect(severities).toContain(s);
  });

  it('gives every reason its legal basis (a document number or a law), never an internal note', () => {
    for (const name of names) {
      const out = read('out', name) as { reasons: string[] } | null;
      for (const reason of out?.reasons ?? []) {
        expect(reason, name).toMatch(/（依据：.*(〔\d{4}〕\d+号|《[^》]+》)/);
        expect(reason, name).not.toMatch(/DOMAIN|DESIGN|§|未核实|unverified/);
      }
    }
  });
});
