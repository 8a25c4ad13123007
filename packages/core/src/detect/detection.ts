// The detection record: one per detected piece, with exactly the columns of docs/RULES.md "Result columns" (snake_case, as written
// to detections.fgb / detections.csv), plus the geometry and a few fields used for reports.
import type { Disposition, InspectionCategory } from '../rules/index.ts';
import type { ChangeType, MultiPolygon, ProtectionKind, Severity } from '../types.ts';
import type { CaseStatus } from '../verification/case-status.ts';

export interface DetectionRow {
  alert_id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  county_name: string;
  township_name: string;
  village_name: string;
  piece_id: string;
  before_parcel_id: string;
  after_parcel_id: string;
  before_code: string;
  before_name: string;
  after_code: string;
  after_name: string;
  before_planting: string;
  after_planting: string;
  change_type: ChangeType;
  severity: Severity;
  /** rule ids, in firing order; file writers join them with ';' (fileRecord) */
  rule_ids: string[];
  /** the 中文 sentences of every rule row that fired, each naming its legal basis, joined with '；' */
  reasons: string;
  inspection_category: InspectionCategory;
  disposition: Disposition;
  area_m2: number;
  area_mu: number;
  /** 耕地地类面积: area_m2 less the 田坎 deduction (BGQKCXS for losses, BGHKCXS for gains) */
  net_area_m2: number;
  /** TBBGMJ when present, else null */
  official_area_m2: number | null;
  paddy_m2: number;
  permanent_farmland_m2: number;
  farmland_reserve_m2: number;
  high_standard_farmland_m2: number;
  ecological_redline_m2: number;
  urban_boundary_m2: number;
  approved_m2: number;
  facility_filing_m2: number;
  temporary_use_m2: number;
  /** references of the approvals / filings / valid temporary-use permits covering the piece, joined with '；' */
  approval_refs: string;
  /** GXSJ as an ISO date, '' when absent */
  change_date: string;
  /** true when change_date is before 2020-09-10 (存量) */
  stock: boolean;
  /** true when the piece comes back on the place of a closed or false-change case of an earlier survey year
   * (docs/VERIFICATION.md, "History"); false until the case register has been consulted */
  repeat: boolean;
  survey_year: number;
  run_id: string;
}

/** The case register's view of a detection (docs/VERIFICATION.md): status, the last answer's deadline, overdue. */
export interface DetectionCaseState {
  status: CaseStatus;
  /** YYYY-MM-DD, '' when no answer set one */
  deadline: string;
  overdue: boolean;
}

export interface Detection {
  row: DetectionRow;
  geometry: MultiPolygon;
  /** centroid in CGCS2000 lon/lat, 7 decimals */
  lonLat: [number, number];
  /** 0-based index of the piece in the change layer */
  featureIndex: number;
  /** classification tags (e.g. dig-lake-landscaping) and the assessment's reasons, for the report */
  tags: string[];
  reasons: string[];
  /** for gains: whether the gain is an eligible 转进 */
  eligibleGain?: boolean;
  /** set from the case register before the files are rendered; absent for gains and when no register was read */
  case?: DetectionCaseState;
}

/** One (piece, protection layer) overlap: the clipped part of the piece. */
export interface OverlapRow {
  alert_id: string;
  piece_id: string;
  county_code: string;
  township_code: string;
  change_type: ChangeType;
  severity: Severity;
  layer_id: string;
  layer_kind: ProtectionKind;
  layer_title: string;
  /** 'inside' (piece wholly inside the layer) or 'crossing' */
  relation: string;
  area_m2: number;
  area_mu: number;
  /** clipped area / piece area, 4 decimals */
  share: number;
  survey_year: number;
  run_id: string;
}

export interface Overlap {
  row: OverlapRow;
  geometry: MultiPolygon;
}

export type ColumnType = 'string' | 'double' | 'int' | 'bool';

export interface ColumnDef<K extends string> {
  name: K;
  type: ColumnType;
  /** 中文 label, stored as the FlatGeobuf column title */
  title: string;
}

/** detections.fgb / .csv columns, in order (docs/RULES.md "Result columns"). */
export const DETECTION_COLUMNS: readonly ColumnDef<keyof DetectionRow>[] = [
  { name: 'alert_id', type: 'string', title: '预警编号' },
  { name: 'county_code', type: 'string', title: '县级行政区代码' },
  { name: 'township_code', type: 'string', title: '乡镇代码' },
  { name: 'village_code', type: 'string', title: '村级代码' },
  { name: 'county_name', type: 'string', title: '县级行政区名称' },
  { name: 'township_name', type: 'string', title: '乡镇名称' },
  { name: 'village_name', type: 'string', title: '村名称' },
  { name: 'piece_id', type: 'string', title: '图斑标识码' },
  { name: 'before_parcel_id', type: 'string', title: '变更前图斑标识码' },
  { name: 'after_parcel_id', type: 'string', title: '变更后图斑标识码' },
  { name: 'before_code', type: 'string', title: '变更前地类编码' },
  { name: 'before_name', type: 'string', title: '变更前地类名称' },
  { name: 'after_code', type: 'string', title: '变更后地类编码' },
  { name: 'after_name', type: 'string', title: '变更后地类名称' },
  { name: 'before_planting', type: 'string', title: '变更前种植属性' },
  { name: 'after_planting', type: 'string', title: '变更后种植属性' },
  { name: 'change_type', type: 'string', title: '变化类型' },
  { name: 'severity', type: 'string', title: '严重程度' },
  { name: 'rule_ids', type: 'string', title: '触发规则' },
  { name: 'reasons', type: 'string', title: '判定理由' },
  { name: 'inspection_category', type: 'string', title: '卫片监督类别' },
  { name: 'disposition', type: 'string', title: '处置建议' },
  { name: 'area_m2', type: 'double', title: '椭球面积(平方米)' },
  { name: 'area_mu', type: 'double', title: '椭球面积(亩)' },
  { name: 'net_area_m2', type: 'double', title: '耕地地类面积(扣除田坎,平方米)' },
  { name: 'official_area_m2', type: 'double', title: '图斑变更面积TBBGMJ(平方米)' },
  { name: 'paddy_m2', type: 'double', title: '水田面积(平方米)' },
  { name: 'permanent_farmland_m2', type: 'double', title: '占永久基本农田面积(平方米)' },
  { name: 'farmland_reserve_m2', type: 'double', title: '占永久基本农田储备区面积(平方米)' },
  { name: 'high_standard_farmland_m2', type: 'double', title: '占高标准农田面积(平方米)' },
  { name: 'ecological_redline_m2', type: 'double', title: '占生态保护红线面积(平方米)' },
  { name: 'urban_boundary_m2', type: 'double', title: '城镇开发边界内面积(平方米)' },
  { name: 'approved_m2', type: 'double', title: '已批建设用地面积(平方米)' },
  { name: 'facility_filing_m2', type: 'double', title: '设施农用地备案面积(平方米)' },
  { name: 'temporary_use_m2', type: 'double', title: '临时用地面积(平方米)' },
  { name: 'approval_refs', type: 'string', title: '批准/备案文号' },
  { name: 'change_date', type: 'string', title: '更新时间' },
  { name: 'stock', type: 'bool', title: '存量(2020-09-10前)' },
  { name: 'repeat', type: 'bool', title: '重复出现' },
  { name: 'survey_year', type: 'int', title: '调查年度' },
  { name: 'run_id', type: 'string', title: '运行编号' },
];

/** overlaps.fgb columns, in order. */
export const OVERLAP_COLUMNS: readonly ColumnDef<keyof OverlapRow>[] = [
  { name: 'alert_id', type: 'string', title: '预警编号' },
  { name: 'piece_id', type: 'string', title: '图斑标识码' },
  { name: 'county_code', type: 'string', title: '县级行政区代码' },
  { name: 'township_code', type: 'string', title: '乡镇代码' },
  { name: 'change_type', type: 'string', title: '变化类型' },
  { name: 'severity', type: 'string', title: '严重程度' },
  { name: 'layer_id', type: 'string', title: '保护图层编号' },
  { name: 'layer_kind', type: 'string', title: '保护图层类型' },
  { name: 'layer_title', type: 'string', title: '保护图层名称' },
  { name: 'relation', type: 'string', title: '空间关系' },
  { name: 'area_m2', type: 'double', title: '叠加椭球面积(平方米)' },
  { name: 'area_mu', type: 'double', title: '叠加椭球面积(亩)' },
  { name: 'share', type: 'double', title: '占图斑比例' },
  { name: 'survey_year', type: 'int', title: '调查年度' },
  { name: 'run_id', type: 'string', title: '运行编号' },
];

/** A value as written into a file cell: lists are joined with ';' (rule ids), everything else is kept. */
export function fileValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** A record as written into a file (FlatGeobuf properties, CSV cells): see fileValue. */
export function fileRecord(row: object): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(row)) out[k] = fileValue(v);
  return out;
}
