// `landwatch verify --results DIR --county CODE --file answers.csv [--by NAME]` (docs/VERIFICATION.md): applies a
// county office's answer file to the register kept under DIR (the --out folder of `landwatch run`). Valid rows are
// applied even when others are rejected; the file is kept as it was sent; the same file twice changes nothing.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { FolderStore, rebuildRegister, recordAnswerFile, registerKeys, sha256Hex, type AnswerRecord } from '@landwatch/pipeline';
import { caseCounts } from '@landwatch/core/verification';
import { latestSurveyYear } from './register.ts';

export interface VerifyOptions {
  results: string;
  county: string;
  file: string;
  by: string;
  year?: number;
  asOf: string;
}

export interface VerifyOutcome {
  /** lines for stdout */
  text: string;
  /** lines for stderr: rejected rows and neutralised cells */
  problems: string[];
  record: AnswerRecord;
}

export async function verifyAnswers(o: VerifyOptions): Promise<VerifyOutcome> {
  const store = new FolderStore(o.results);
  const bytes = await readFile(o.file);
  const year = o.year ?? (await latestSurveyYear(store, o.county));
  const name = `${sha256Hex(bytes).slice(0, 16)}-${basename(o.file)}`;
  const uploadKey = registerKeys.upload(year, o.county, name);
  const outcome = await recordAnswerFile(store, { countyCode: o.county, file: basename(o.file), bytes, sentBy: o.by, upload: { key: uploadKey }, asOf: o.asOf });
  // kept as it was sent, once the file as a whole was readable
  if (outcome.state === 'recorded') await store.put({ key: uploadKey, bytes, contentType: 'text/csv' });
  const { register } = await rebuildRegister(store, o.county, o.asOf);
  const r = outcome.record;
  const counts = caseCounts(register);
  const text = [
    outcome.state === 'already-recorded' ? `${basename(o.file)}: this file was applied before (same content); nothing changed` : `${basename(o.file)}: kept as ${uploadKey}`,
    `applied ${r.answers.length} rows, rejected ${r.rejected.length}, skipped ${r.skipped} blank (sent by ${r.sentBy})`,
    `register ${registerKeys.casesCsv(o.county)}: ${register.cases.length} cases, ${counts.pending} pending, ${counts.overdue} overdue, ${counts.closed} closed, ${counts.repeats} repeats`,
  ].join('\n');
  const problems = [
    ...r.rejected.map((x) => `${basename(o.file)} line ${x.line}: ${x.alertId ? `${x.alertId}: ` : ''}rejected: ${x.reason}`),
    ...r.neutralised.map((x) => `${basename(o.file)} line ${x.line}: ${x.column} starts like a spreadsheet formula; kept as text with a leading apostrophe`),
  ];
  return { text, problems, record: r };
}
