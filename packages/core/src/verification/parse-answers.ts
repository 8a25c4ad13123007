// Answer files (docs/VERIFICATION.md, "Answers"): every row is checked on its own and either applied or rejected
// with its line number and reason; a file that cannot be read as a whole (encoding, size, rows, columns) is
// rejected as a whole. Rows whose answer cells are all blank are a case not yet checked: skipped, not rejected.
import { ACTIONS, ANSWER_COLUMNS, CHECK_RESULTS, LEGALITIES, type Answer, type AnswerColumn } from './answer-fields.ts';
import { countyOfAlertId } from './case-id.ts';
import { looksLikeFormula, neutraliseFormula } from './neutralise-formula.ts';
import { AnswerFileError, decodeUtf8Csv, parseCsvRecords } from './read-csv.ts';

export interface AnswerFileInput {
  /** the name shown in reasons */
  file: string;
  bytes: Uint8Array;
  /** the county the file was sent for: rows of other counties are rejected */
  countyCode: string;
  /** who sent it (--by, the uploading principal) */
  sentBy: string;
  /** the stored file's identity (content hash), recorded on every applied row */
  source: string;
  /** the alert ids of the county's cases */
  knownAlertIds: ReadonlySet<string>;
}

export interface RowRejection {
  line: number;
  alertId: string;
  reason: string;
}

export interface ParsedAnswers {
  answers: Answer[];
  rejected: RowRejection[];
  /** rows with every answer cell blank */
  skipped: number;
  /** free-text cells that could start a spreadsheet formula and were prefixed with an apostrophe */
  neutralised: { line: number; column: AnswerColumn }[];
}

const REQUIRED_COLUMNS = ['alert_id', 'check_result', 'checked_at'] as const;
const TEXT_COLUMNS: readonly AnswerColumn[] = ['responsible', 'checked_by'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A real calendar date YYYY-MM-DD. */
export function isIsoDate(v: string): boolean {
  const m = DATE.exec(v);
  return m !== null && validYmd(+m[1], +m[2], +m[3]);
}

function validYmd(y: number, mo: number, d: number): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** An ISO date, or date and time, that names a real moment; its time in ms (UTC when no offset is given). */
export function isoMoment(v: string): number | undefined {
  const m = DATE_TIME.exec(v);
  if (!m || !validYmd(+m[1], +m[2], +m[3])) return undefined;
  if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59))) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(v) && m[4] !== undefined;
  const t = Date.parse(m[4] === undefined ? `${v}T00:00:00Z` : hasZone ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`);
  return Number.isFinite(t) ? t : undefined;
}

function photoProblem(photos: string): string | undefined {
  for (const part of photos.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    let ok = false;
    try {
      const u = new URL(part);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && !/\s/.test(part);
    } catch {
      ok = false;
    }
    if (!ok) return `photos: '${part}' is not an http(s) URL${looksLikeFormula(part) ? ' (a spreadsheet formula is not accepted)' : ''}`;
  }
  return undefined;
}

function oneOf(column: string, value: string, allowed: readonly string[], blankOk: boolean): string | undefined {
  if (value === '' && blankOk) return undefined;
  if (allowed.includes(value)) return undefined;
  return `${column} '${value}' is not one of ${allowed.join(', ')}${blankOk ? ' (or blank)' : ''}`;
}

export function parseAnswerFile(input: AnswerFileInput): ParsedAnswers {
  const records = parseCsvRecords(input.file, decodeUtf8Csv(input.file, input.bytes));
  if (records.length === 0) throw new AnswerFileError(input.file, 'file is empty');
  const header = records[0].cells.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new AnswerFileError(input.file, `not an answer file: no column ${missing.join(', ')} in the first line`);
  const at = (cells: string[], name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? '' : (cells[i] ?? '');
  };

  const out: ParsedAnswers = { answers: [], rejected: [], skipped: 0, neutralised: [] };
  for (const { line, cells } of records.slice(1)) {
    const alertId = at(cells, 'alert_id').trim();
    const value = (c: AnswerColumn) => (TEXT_COLUMNS.includes(c) ? at(cells, c) : at(cells, c).trim());
    if (ANSWER_COLUMNS.every((c) => value(c).trim() === '')) {
      out.skipped++;
      continue;
    }
    const reject = (reason: string) => out.rejected.push({ line, alertId, reason });
    if (alertId === '') {
      reject('alert_id is empty');
      continue;
    }
    const alertCounty = countyOfAlertId(alertId);
    const rowCounty = at(cells, 'county_code').trim();
    if ((alertCounty !== undefined && alertCounty !== input.countyCode) || (rowCounty !== '' && rowCounty !== input.countyCode)) {
      reject(`belongs to county ${rowCounty !== '' && rowCounty !== input.countyCode ? rowCounty : alertCounty}, not ${input.countyCode}`);
      continue;
    }
    if (!input.knownAlertIds.has(alertId)) {
      reject(`unknown alert_id (not a case of county ${input.countyCode})`);
      continue;
    }
    const problems = [
      oneOf('check_result', value('check_result'), CHECK_RESULTS, false),
      oneOf('legality', value('legality'), LEGALITIES, true),
      oneOf('action', value('action'), ACTIONS, true),
      value('deadline') === '' || isIsoDate(value('deadline')) ? undefined : `deadline '${value('deadline')}' is not a date YYYY-MM-DD`,
      isoMoment(value('checked_at')) !== undefined ? undefined : `checked_at '${value('checked_at')}' is not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`,
      value('rectified_on') === '' || isIsoDate(value('rectified_on')) ? undefined : `rectified_on '${value('rectified_on')}' is not a date YYYY-MM-DD`,
      photoProblem(value('photos')),
    ].filter((p): p is string => p !== undefined);
    if (problems.length > 0) {
      reject(problems.join('; '));
      continue;
    }
    const text = (c: AnswerColumn) => {
      const v = value(c);
      if (looksLikeFormula(v)) out.neutralised.push({ line, column: c });
      return neutraliseFormula(v);
    };
    out.answers.push({
      alert_id: alertId,
      check_result: value('check_result') as Answer['check_result'],
      legality: value('legality') as Answer['legality'],
      action: value('action') as Answer['action'],
      deadline: value('deadline'),
      responsible: text('responsible'),
      photos: value('photos')
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .join(';'),
      checked_by: text('checked_by'),
      checked_at: value('checked_at'),
      rectified_on: value('rectified_on'),
      sent_by: neutraliseFormula(input.sentBy),
      source: input.source,
      line,
    });
  }
  return out;
}
