// Which survey year a run is for, when the data, the command line and the file's path or name may each say one
// (docs/SURVEY-YEAR.md). The data win: the year their SJNF/GXSJ values carry (the most common one) is what the
// pieces were surveyed in. An explicit year that disagrees with the data is refused — a run filed under the wrong
// year would be compared with the wrong rules and balance — so `--year` only fills in a year the data do not carry.
// The path or file name is the last resort. Whichever says it, a year the rules are not written for (a corrupt SJNF
// of 11, a file named …-1985) is refused with the year and where it came from, before a rule set is made of it.
import { SURVEY_YEARS } from '@landwatch/core';

export interface SurveyYearInput {
  /** the year given explicitly (`landwatch run --year`), if any */
  optionYear?: number;
  /** survey years found in the data (SJNF, else GXSJ) with their feature counts */
  dataYears: Readonly<Record<string, number>>;
  /** the year the upload's key or file name says (`changes/{year}/…`, `…-2024.fgb`), if any */
  keyYear?: number;
}

export type SurveyYearResult =
  | { ok: true; year: number; source: 'data' | 'option' | 'key' }
  | { ok: false; reasons: string[] };

/** The most common year in the data, the smallest on a tie (so the answer does not depend on key order). */
function commonYear(dataYears: Readonly<Record<string, number>>): { year: number; count: number } | undefined {
  let best: { year: number; count: number } | undefined;
  for (const [y, count] of Object.entries(dataYears)) {
    const year = Number(y);
    if (!Number.isInteger(year) || count <= 0) continue;
    if (!best || count > best.count || (count === best.count && year < best.year)) best = { year, count };
  }
  return best;
}

export function resolveSurveyYear(input: SurveyYearInput): SurveyYearResult {
  const resolved = resolveYear(input);
  if (resolved.ok && (resolved.year < SURVEY_YEARS.first || resolved.year > SURVEY_YEARS.last)) {
    const from = { data: 'the survey year the data carry (SJNF/GXSJ)', option: '--year', key: 'the year in the path or file name' }[resolved.source];
    return { ok: false, reasons: [`${from} is ${resolved.year}, outside the survey years the rules cover (${SURVEY_YEARS.first}–${SURVEY_YEARS.last})`] };
  }
  return resolved;
}

function resolveYear({ optionYear, dataYears, keyYear }: SurveyYearInput): SurveyYearResult {
  const data = commonYear(dataYears);
  if (data) {
    if (optionYear !== undefined && optionYear !== data.year) {
      return {
        ok: false,
        reasons: [
          `--year ${optionYear} disagrees with the survey year the data carry: ${data.year} (SJNF/GXSJ of ${data.count} feature${data.count === 1 ? '' : 's'}); leave out --year, or fix the data`,
        ],
      };
    }
    return { ok: true, year: data.year, source: 'data' };
  }
  if (optionYear !== undefined) return { ok: true, year: optionYear, source: 'option' };
  if (keyYear !== undefined) return { ok: true, year: keyYear, source: 'key' };
  return { ok: false, reasons: ['cannot tell the survey year: no SJNF/GXSJ values, no --year, and no year in the path or file name'] };
}

/** The year a path names: a `changes/{year}/` folder, else a 4-digit year (1980–2099) standing alone in the file name. */
export function surveyYearFromPath(path: string): number | undefined {
  const p = path.replace(/\\/g, '/');
  const folder = /(?:^|\/)changes\/(\d{4})\//i.exec(p);
  if (folder) return Number(folder[1]);
  const name = p.slice(p.lastIndexOf('/') + 1);
  const inName = /(?:^|[^0-9])(19[89]\d|20\d\d)(?![0-9])/.exec(name);
  return inName ? Number(inName[1]) : undefined;
}
