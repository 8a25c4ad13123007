// @landwatch/core/verification — the verification round trip, pure (docs/VERIFICATION.md): answer files, case
// status, case ids, the case register and its history across survey years, the CSVs county offices open.
export { ACTIONS, ANSWER_COLUMNS, ANSWER_COLUMN_TITLES, CHECK_RESULTS, LEGALITIES, type Answer, type AnswerAction, type AnswerColumn, type CheckResult, type Legality } from './answer-fields.ts'; // what an answer holds
export { AnswerFileError, MAX_ANSWER_FILE_BYTES, MAX_ANSWER_ROWS, decodeUtf8Csv, parseCsvRecords, type CsvRecord } from './read-csv.ts'; // bounded, strict UTF-8 CSV reading
export { looksLikeFormula, neutraliseFormula } from './neutralise-formula.ts'; // spreadsheet formula injection
export { isIsoDate, isoMoment, parseAnswerFile, type AnswerFileInput, type ParsedAnswers, type RowRejection } from './parse-answers.ts'; // answer rows: applied or rejected with line and reason
export { CASE_STATUSES, caseStatus, isOverdue, isSettled, type CaseStatus } from './case-status.ts'; // status rules
export { caseIdFor, countyOfAlertId } from './case-id.ts'; // stable case ids
export { compareAnswers, latestAnswer } from './latest-answer.ts'; // last checked_at wins, ties by content
export { SAME_PLACE_SHARE, buildRegister, caseCounts, type CaseRegister, type RegisterCase, type RegisterDetection, type RegisterDetectionRow, type RegisterInput } from './build-register.ts'; // the register and its history
export { CASE_COLUMNS, caseRow, casesCsv, type CaseRow } from './register-csv.ts'; // cases.csv / cases.fgb columns
export { TASK_COLUMNS, byTaskOrder, taskCsv, taskCsvParts, type TaskCase, type TaskRegistration, type TaskColumn } from './task-csv.ts'; // tasks/{township}.csv
export { CSV_BOM, csvTable, csvTableParts, safeCell } from './csv-table.ts'; // CSV for spreadsheets, formula-safe
