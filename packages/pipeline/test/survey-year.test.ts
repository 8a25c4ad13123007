// resolveSurveyYear: the data's year wins, --year must agree with it and fills in only where the data carry none,
// the path's year is the last resort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveSurveyYear, surveyYearFromPath } from '../src/survey-year.ts';

describe('resolveSurveyYear', () => {
  it.each([
    ['data only', { dataYears: { 2024: 10 } }, { ok: true, year: 2024, source: 'data' }],
    ['--year agreeing with the data', { optionYear: 2024, dataYears: { 2024: 10 } }, { ok: true, year: 2024, source: 'data' }],
    ['the data over the path', { dataYears: { 2024: 10 }, keyYear: 2023 }, { ok: true, year: 2024, source: 'data' }],
    ['the most common data year', { dataYears: { 2023: 2, 2024: 98 } }, { ok: true, year: 2024, source: 'data' }],
    ['a tie: the earlier year', { dataYears: { 2024: 5, 2023: 5 } }, { ok: true, year: 2023, source: 'data' }],
    ['--year where the data carry none', { optionYear: 2023, dataYears: {}, keyYear: 2024 }, { ok: true, year: 2023, source: 'option' }],
    ['the path where nothing else says', { dataYears: {}, keyYear: 2024 }, { ok: true, year: 2024, source: 'key' }],
    [
      '--year disagreeing with the data',
      { optionYear: 2023, dataYears: { 2024: 300 }, keyYear: 2024 },
      { ok: false, reasons: ['--year 2023 disagrees with the survey year the data carry: 2024 (SJNF/GXSJ of 300 features); leave out --year, or fix the data'] },
    ],
    [
      // a corrupt SJNF column (found by the fuzzer: a .dbf with a range of records duplicated read "11" as the year)
      'corrupt-sjnf-year-11',
      { dataYears: { 11: 12 } },
      { ok: false, reasons: ['the survey year the data carry (SJNF/GXSJ) is 11, outside the survey years the rules cover (2009–2100)'] },
    ],
    [
      'a year in the file name before the rules begin',
      { dataYears: {}, keyYear: 1985 },
      { ok: false, reasons: ['the year in the path or file name is 1985, outside the survey years the rules cover (2009–2100)'] },
    ],
    [
      'nothing says a year',
      { dataYears: {} },
      { ok: false, reasons: ['cannot tell the survey year: no SJNF/GXSJ values, no --year, and no year in the path or file name'] },
    ],
  ])('%s', (_name, input, expected) => {
    expect(resolveSurveyYear(input)).toEqual(expected);
  });

  it('never returns a year that disagrees with the data when the data carry one', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.integer({ min: 2009, max: 2040 }).map(String), fc.integer({ min: 1, max: 1000 }), { minKeys: 1 }),
        fc.option(fc.integer({ min: 2009, max: 2040 }), { nil: undefined }),
        fc.option(fc.integer({ min: 2009, max: 2040 }), { nil: undefined }),
        (dataYears, optionYear, keyYear) => {
          const r = resolveSurveyYear({ optionYear, dataYears, keyYear });
          const max = Math.max(...Object.values(dataYears));
          const common = Math.min(...Object.entries(dataYears).filter(([, c]) => c === max).map(([y]) => Number(y)));
          if (optionYear !== undefined && optionYear !== common) expect(r.ok).toBe(false);
          else expect(r).toEqual({ ok: true, year: common, source: 'data' });
        },
      ),
    );
  });
});

describe('surveyYearFromPath', () => {
  it.each([
    ['changes/2024/431102-lingling.fgb', 2024],
    ['/data/uploads/changes/2023/x.fgb', 2023],
    ['/tmp/big/DLTBGXGC-431102-2024.fgb', 2024],
    ['C:\\data\\DLTBGXGC_2025.fgb', 2025],
    ['/tmp/431102.fgb', undefined],
    ['/tmp/2024/piece-12345678.fgb', undefined],
  ])('%s → %s', (path, year) => {
    expect(surveyYearFromPath(path)).toBe(year);
  });
});
