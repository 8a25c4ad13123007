// Case ids (docs/VERIFICATION.md, "Case register"). A case is named after the first detection that opened it, and
// that detection's alert id is derived from the piece (survey year, location code, piece id, before / after codes),
// never from the run: a re-run of the same survey year, or a re-upload of the same pieces, names the same case.
import { hash } from 'node:crypto';
import { flatAscii } from '../shared-text.ts';

export function caseIdFor(firstAlertId: string, countyCode: string): string {
  // one-shot and one flat string, as alert ids (alert-id.ts): a county's first year opens a case per detection
  const h = hash('sha256', firstAlertId, 'hex');
  return flatAscii(`LWC-${countyCode}-${h.slice(0, 12)}`);
}

/** The county code an alert id names (`LW{year}-{county}-{hash}`), or undefined when it is not one of ours. */
export function countyOfAlertId(alertId: string): string | undefined {
  return /^LW\d{4}-(\d{6})-[0-9a-f]{10}$/.exec(alertId)?.[1];
}
