// register/{countyCode}/cases.csv and the attributes of cases.fgb (docs/VERIFICATION.md, "Case register"): one row
// per case, the columns below in this order.
import type { ColumnDef } from '../detect/detection.ts';
import { ANSWER_COLUMNS, ANSWER_COLUMN_TITLES } from './answer-fields.ts';
import type { CaseRegister, RegisterCase } from './build-register.ts';
import { csvTable } from './csv-table.ts';

export interface CaseRow {
  case_id: string;
  first_alert_id: string;
  last_alert_id: string;
  survey_years: string;
  status: string;
  overdue: string;
  close_suggested: string;
  repeat: string;
  repeat_of: string;
  suppressed_alert_ids: string;
  county_code: string;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  piece_id: string;
  before_code: string;
  before_name: string;
  after_code: string;
  after_name: string;
  change_type: string;
  severity: string;
  disposition: string;
  area_m2: number;
  centroid_lon: number;
  centroid_lat: number;
  check_result: string;
  legality: string;
  action: string;
  deadline: string;
  responsible: string;
  photos: string;
  checked_by: string;
  checked_at: string;
  rectified_on: string;
  answered_alert_id: string;
  sent_by: string;
  answer_file: string;
  answer_line: number | null;
}

const s = (name: keyof CaseRow, title: string): ColumnDef<keyof CaseRow> => ({ name, type: 'string', title });

export const CASE_COLUMNS: readonly ColumnDef<keyof CaseRow>[] = [
  s('case_id', '案件编号'),
  s('first_alert_id', '首次预警编号'),
  s('last_alert_id', '最近预警编号'),
  s('survey_years', '调查年度'),
  s('status', '状态'),
  s('overdue', '是否逾期'),
  s('close_suggested', '建议销号'),
  s('repeat', '是否重复发生'),
  s('repeat_of', '原案件编号'),
  s('suppressed_alert_ids', '不再预警的伪变化预警编号'),
  s('county_code', '县级行政区代码'),
  s('township_code', '乡镇代码'),
  s('township_name', '乡镇名称'),
  s('village_code', '村级代码'),
  s('village_name', '村名称'),
  s('piece_id', '图斑标识码'),
  s('before_code', '变更前地类编码'),
  s('before_name', '变更前地类名称'),
  s('after_code', '变更后地类编码'),
  s('after_name', '变更后地类名称'),
  s('change_type', '变化类型'),
  s('severity', '严重程度'),
  s('disposition', '处置建议'),
  { name: 'area_m2', type: 'double', title: '椭球面积(平方米)' },
  { name: 'centroid_lon', type: 'double', title: '中心点经度' },
  { name: 'centroid_lat', type: 'double', title: '中心点纬度' },
  ...ANSWER_COLUMNS.map((c) => s(c, ANSWER_COLUMN_TITLES[c])),
  s('answered_alert_id', '答复所针对的预警编号'),
  s('sent_by', '答复提交者'),
  s('answer_file', '答复文件'),
  { name: 'answer_line', type: 'int', title: '答复文件行号' },
];

const yesNo = (b: boolean) => (b ? 'true' : 'false');

export function caseRow(c: RegisterCase): CaseRow {
  const r = c.detection.row;
  const a = c.latest;
  return {
    case_id: c.case_id,
    first_alert_id: c.first_alert_id,
    last_alert_id: c.last_alert_id,
    survey_years: c.survey_years.join(';'),
    status: c.status,
    overdue: yesNo(c.overdue),
    close_suggested: yesNo(c.close_suggested),
    repeat: yesNo(c.repeat),
    repeat_of: c.repeat_of,
    suppressed_alert_ids: c.suppressed_alert_ids.join(';'),
    county_code: r.county_code,
    township_code: r.township_code,
    township_name: r.township_name,
    village_code: r.village_code,
    village_name: r.village_name,
    piece_id: r.piece_id,
    before_code: r.before_code,
    before_name: r.before_name,
    after_code: r.after_code,
    after_name: r.after_name,
    change_type: r.change_type,
    severity: r.severity,
    disposition: r.disposition ?? '',
    area_m2: r.area_m2,
    centroid_lon: c.detection.lonLat[0],
    centroid_lat: c.detection.lonLat[1],
    check_result: a?.check_result ?? '',
    legality: a?.legality ?? '',
    action: a?.action ?? '',
    deadline: a?.deadline ?? '',
    responsible: a?.responsible ?? '',
    photos: a?.photos ?? '',
    checked_by: a?.checked_by ?? '',
    checked_at: a?.checked_at ?? '',
    rectified_on: a?.rectified_on ?? '',
    answered_alert_id: a?.alert_id ?? '',
    sent_by: a?.sent_by ?? '',
    answer_file: a?.source ?? '',
    answer_line: a?.line ?? null,
  };
}

export function casesCsv(register: CaseRegister): string {
  const names = CASE_COLUMNS.map((c) => c.name);
  return csvTable(
    names,
    register.cases.map((c) => {
      const row = caseRow(c);
      return names.map((n) => row[n]);
    }),
  );
}
