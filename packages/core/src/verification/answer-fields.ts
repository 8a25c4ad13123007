// The answer a county office sends back for one case after checking it on the ground (docs/VERIFICATION.md,
// "Answers"). Columns and allowed values are data: the parser, the task CSV and the register read them from here.

/** The verification columns, in the order the task CSV leaves them blank and the register reports them. */
export const ANSWER_COLUMNS = [
  'check_result',
  'legality',
  'action',
  'deadline',
  'responsible',
  'photos',
  'checked_by',
  'checked_at',
  'rectified_on',
] as const;
export type AnswerColumn = (typeof ANSWER_COLUMNS)[number];

/** 中文 titles of the answer columns (task CSV second header line is not used: Excel users see these in the README). */
export const ANSWER_COLUMN_TITLES: Readonly<Record<AnswerColumn, string>> = {
  check_result: '核查结果(real 真实变化 / false_change 伪变化)',
  legality: '合法性(legal 合法 / illegal 违法 / pending 待定)',
  action: '处置(restore 整改恢复 / balance 补划平衡 / approved 已批 / demolish 拆除 / other 其他)',
  deadline: '整改时限(YYYY-MM-DD)',
  responsible: '责任人',
  photos: '照片链接(;分隔)',
  checked_by: '核查人',
  checked_at: '核查日期',
  rectified_on: '整改完成日期(YYYY-MM-DD)',
};

export const CHECK_RESULTS = ['real', 'false_change'] as const;
export const LEGALITIES = ['legal', 'illegal', 'pending'] as const;
export const ACTIONS = ['restore', 'balance', 'approved', 'demolish', 'other'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export type Legality = (typeof LEGALITIES)[number];
export type AnswerAction = (typeof ACTIONS)[number];

/** One applied answer row: the values as validated (text cells neutralised), and where it came from. */
export interface Answer {
  alert_id: string;
  check_result: CheckResult;
  legality: Legality | '';
  action: AnswerAction | '';
  deadline: string;
  responsible: string;
  /** URLs joined with ';' — stored as text, never fetched */
  photos: string;
  checked_by: string;
  /** ISO date or date-time as sent */
  checked_at: string;
  rectified_on: string;
  /** who sent the file: --by on the command line, the uploading principal on AWS */
  sent_by: string;
  /** the stored answer file (content hash) and the 1-based line of the row in it */
  source: string;
  line: number;
}
