// Fixture cases (turf/earcut style): fixtures/rules/in/<case>.json → fixtures/rules/out/<case>.json.
// Each case classifies one piece (DOMAIN §6.3) and evaluates the decision table (DOMAIN §6.6 + DESIGN §4).
// Expected outputs are regenerated only on purpose: LANDWATCH_UPDATE_FIXTURES=1 npx vitest run packages/core/test/rules-fixtures
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DECISION_TABLE, classifyChange, createRuleSet, traceAssessment, type RuleSetConfig } from '../src/rules/index.ts';
import type { ChangePiece, ProtectionKind } from '../src/types.ts';

interface FixtureInput {
  description: string;
  config: RuleSetConfig;
  piece: Pick<ChangePiece, 'beforeCode' | 'afterCode' | 'beforePlanting' | 'afterPlanting'>;
  areaM2: number;
  overlapsM2: Partial<Record<ProtectionKind, number>>;
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
    for (const t of ['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water', 'to_unused', 'non_grain_planting', 'tree_intercrop', 'abandoned', 'gain']) {
      expect(types).toContain(t);
    }
    for (const s of ['critical', 'high', 'medium', 'low', 'info']) expect(severities).toContain(s);
  });
});
