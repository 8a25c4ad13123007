// `landwatch register --results DIR --county CODE` (docs/VERIFICATION.md, "Case register"): rebuilds the county's
// register from every run and answer file under DIR and prints it: counts per status, then one line per case.
import { CASE_STATUSES, caseCounts, type CaseRegister } from '@landwatch/core/verification';
import { FolderStore, rebuildRegister, registerKeys, type RegisterStore } from '@landwatch/pipeline';

/** The county has no results under DIR: nothing to verify or register. */
export class NoCountyResultsError extends Error {}

export async function latestSurveyYear(store: RegisterStore, county: string): Promise<number> {
  const years = (await store.list('results/'))
    .map((k) => /^results\/(\d{4})\/(\d{6})\//.exec(k))
    .filter((m): m is RegExpExecArray => m !== null && m[2] === county)
    .map((m) => Number(m[1]));
  if (years.length === 0) throw new NoCountyResultsError(`no results of county ${county} under ${(store as FolderStore).root ?? 'the results folder'} (run \`landwatch run --out\` there first)`);
  return Math.max(...years);
}

export function formatRegister(register: CaseRegister): string {
  const counts = new Map(CASE_STATUSES.map((s) => [s, register.cases.filter((c) => c.status === s).length]));
  const n = caseCounts(register);
  const closeSuggested = register.cases.filter((c) => c.close_suggested).length;
  const head = [
    `county ${register.countyCode}: ${register.cases.length} cases (as of ${register.asOf})`,
    `  ${CASE_STATUSES.map((s) => `${s} ${counts.get(s)}`).join(', ')}`,
    `  overdue ${n.overdue}, close suggested ${closeSuggested}, repeats ${n.repeats}, suppressed false changes ${register.suppressed.size}`,
    ['case_id', 'status', 'deadline', 'overdue', 'close_suggested', 'repeat', 'survey_years', 'last_alert_id'].join('\t'),
  ];
  const rows = register.cases.map((c) =>
    [c.case_id, c.status, c.latest?.deadline ?? '', c.overdue, c.close_suggested, c.repeat, c.survey_years.join(';'), c.last_alert_id].join('\t'),
  );
  return [...head, ...rows].join('\n');
}

export async function printRegister(results: string, county: string, asOf: string): Promise<string> {
  const store = new FolderStore(results);
  await latestSurveyYear(store, county);
  const { register } = await rebuildRegister(store, county, asOf);
  return `${formatRegister(register)}\nwrote ${registerKeys.casesCsv(county)} and ${registerKeys.casesFgb(county)} under ${results}`;
}
