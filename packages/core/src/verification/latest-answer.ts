// Which answer counts for a case (docs/VERIFICATION.md, "Several answers"): the one checked last. Two answers checked
// at the same moment are ordered by their content, then by the file and line they came from — a total order, so
// the result does not depend on the order in which files arrived or were read.
import { ANSWER_COLUMNS, type Answer } from './answer-fields.ts';
import { isoMoment } from './parse-answers.ts';

function tieKey(a: Answer): string {
  return JSON.stringify([a.alert_id, ...ANSWER_COLUMNS.map((c) => a[c]), a.sent_by, a.source, a.line]);
}

/** > 0 when a was checked after b (or, at the same moment, sorts after it). */
export function compareAnswers(a: Answer, b: Answer): number {
  const d = (isoMoment(a.checked_at) ?? 0) - (isoMoment(b.checked_at) ?? 0);
  if (d !== 0) return d;
  const ka = tieKey(a);
  const kb = tieKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function latestAnswer(answers: Iterable<Answer>): Answer | undefined {
  let best: Answer | undefined;
  for (const a of answers) if (best === undefined || compareAnswers(a, best) > 0) best = a;
  return best;
}
