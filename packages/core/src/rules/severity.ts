// Severity arithmetic for the decision table.

import { SEVERITIES, type Severity } from '../types.ts';

/** Least severe first (SEVERITIES, the one home of the order, lists the most severe first). */
const BY_RANK: readonly Severity[] = [...SEVERITIES].reverse();
const RANK = Object.fromEntries(BY_RANK.map((s, i) => [s, i])) as Readonly<Record<Severity, number>>;

/** How a decision-table row changes the severity. */
export type SeverityEffect =
  /** Replace it (base rows). */
  | { set: Severity }
  /** Raise it to at least this level (escalation). */
  | { atLeast: Severity }
  /** Cap it at this level (an explanation that covers the whole piece). */
  | { atMost: Severity }
  /** Lower it by `steps`, but not below `floor`; a severity already at or below `floor` is left alone. */
  | { lower: number; floor: Severity };

/** Applies one effect. */
export function applySeverityEffect(current: Severity, effect: SeverityEffect): Severity {
  if ('set' in effect) return effect.set;
  if ('atLeast' in effect) return RANK[current] >= RANK[effect.atLeast] ? current : effect.atLeast;
  if ('atMost' in effect) return RANK[current] <= RANK[effect.atMost] ? current : effect.atMost;
  if (RANK[current] <= RANK[effect.floor]) return current;
  return BY_RANK[Math.max(RANK[effect.floor], RANK[current] - effect.lower)];
}

/** Numeric rank, 0 = info … 4 = critical. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}
