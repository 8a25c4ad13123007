// The DLTBGXGC (地类图斑更新过程层) schema the generator writes: upper-case survey field names, 中文 titles.

export interface ChangeField {
  name: string;
  type: 'string' | 'double' | 'int';
  title: string;
}

export const CHANGE_FIELDS: readonly ChangeField[] = [
  { name: 'BSM', type: 'string', title: '标识码' },
  { name: 'BGQDLBM', type: 'string', title: '变更前地类编码' },
  { name: 'BGHDLBM', type: 'string', title: '变更后地类编码' },
  { name: 'BGQDLMC', type: 'string', title: '变更前地类名称' },
  { name: 'BGHDLMC', type: 'string', title: '变更后地类名称' },
  { name: 'BGHZLDWDM', type: 'string', title: '变更后坐落单位代码' },
  { name: 'BGHZLDWMC', type: 'string', title: '变更后坐落单位名称' },
  { name: 'BGQTBBSM', type: 'string', title: '变更前图斑标识码' },
  { name: 'BGHTBBSM', type: 'string', title: '变更后图斑标识码' },
  { name: 'BGQTBBH', type: 'string', title: '变更前图斑编号' },
  { name: 'BGHTBBH', type: 'string', title: '变更后图斑编号' },
  { name: 'BGQZZSXDM', type: 'string', title: '变更前种植属性代码' },
  { name: 'BGHZZSXDM', type: 'string', title: '变更后种植属性代码' },
  { name: 'BGHTBXHDM', type: 'string', title: '变更后图斑细化代码' },
  { name: 'BGHCZCSXM', type: 'string', title: '变更后城镇村属性码' },
  { name: 'BGHGDPDJB', type: 'string', title: '变更后耕地坡度级别' },
  { name: 'BGQTBDLMJ', type: 'double', title: '变更前图斑地类面积' },
  { name: 'BGHTBDLMJ', type: 'double', title: '变更后图斑地类面积' },
  { name: 'TBBGMJ', type: 'double', title: '图斑变更面积' },
  { name: 'GXSJ', type: 'string', title: '更新时间' },
  { name: 'SJNF', type: 'int', title: '数据年份' },
  { name: 'BGXW', type: 'string', title: '变更行为' },
  { name: 'XZQTZLX', type: 'string', title: '行政区调整类型' },
];
