// A case's status from its latest answer (docs/VERIFICATION.md, "Status"). The order of the tests is the rule:
// a false change ends the case; a legal case or a rectified one is closed; an illegal one is being rectified;
// anything else that was checked is a verified real change. A case nobody answered is pending.
import type { Answer } from './answer-fields.ts';

export const CASE_STATUSES = ['pending', 'verified_real', 'false_change', 'rectifying', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function caseStatus(latest: Pick<Answer, 'check_result' | 'legality' | 'rectified_on'> | undefined): CaseStatus {
  if (!latest) return 'pending';
  if (latest.check_result === 'false_change') return 'false_change';
  if (latest.legality === 'legal' || latest.rectified_on !== '') return 'closed';
  if (latest.legality === 'illegal') return 'rectifying';
  return 'verified_real';
}

/** Statuses after which a new detection on the same place is a repeat rather than the same case continuing. */
export function isSettled(status: CaseStatus): boolean {
  return status === 'closed' || status === 'false_change';
}

/** A deadline (YYYY-MM-DD) has passed on `asOf` (YYYY-MM-DD) and the case is not settled. */
export function isOverdue(status: CaseStatus, deadline: string, asOf: string): boolean {
  return deadline !== '' && !isSettled(status) && deadline < asOf;
}
