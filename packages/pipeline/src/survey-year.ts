// The survey year of a run, by one rule for the CLI and the Lambdas (docs/ARCHITECTURE.md, "Run identity"):
// the year declared with the upload (`--year`, or the `changes/{year}/` of an upload key) wins; without one, the
// most common year of the data (SJNF, else GXSJ); without either, the upload is rejected.

export type SurveyYearAnswer = { ok: true; surveyYear: number } | { ok: false; reasons: string[] };

export function surveyYearOf(input: {
  declared?: number;
  /** survey years found in the data, with their counts */
  dataYears: Readonly<Record<string, number>>;
  /** the upload, for the message */
  source: string;
}): SurveyYearAnswer {
  if (input.declared !== undefined) return { ok: true, surveyYear: input.declared };
  // most common first; equal counts: the later year (a change package may carry last year's pieces)
  const [top] = Object.entries(input.dataYears).sort((a, b) => b[1] - a[1] || Number(b[0]) - Number(a[0]));
  const year = top ? Number(top[0]) : NaN;
  if (Number.isInteger(year) && year >= 1000 && year <= 9999) return { ok: true, surveyYear: year };
  return { ok: false, reasons: [`${input.source}: cannot tell the survey year: no SJNF/GXSJ values and none declared (--year, or an upload key changes/{year}/…)`] };
}
