// The alert's `text`: a Chinese summary an office can forward as it is (SMS, WeChat), at most ALERT_TEXT_MAX
// characters: the county's counts, then as many of the worst cases as fit, each with what finds the piece (township,
// village, 图斑 id) and what happened to it (before → after, area, type, 处置建议). No links: presigned URLs alone are
// longer than an SMS; the text names the files instead.
import type { CountyAlert } from './county-alert.ts';
import { balanceRegimeName } from './labels.ts';

export const ALERT_TEXT_MAX = 500;

type AlertBody = Omit<CountyAlert, 'text' | 'files'>;
type CountAndMu = { detections: number; areaMu: number };

/** 2 decimals at most, no trailing zeros: 58.4827 → "58.48", 3 → "3" */
const num = (x: number) => String(Math.round(x * 100) / 100);
const chars = (s: string) => [...s].length;

/** Counts added to the alert by later rule sets (必须整改恢复, 水改旱, 可恢复地类流失), when present. */
function optionalCounts(alert: AlertBody): string[] {
  const extra = alert as AlertBody & Partial<Record<'mustRestore' | 'paddyToDry' | 'restorableLoss', CountAndMu>>;
  const parts: string[] = [];
  const add = (label: string, c: CountAndMu | undefined) => {
    if (c && c.detections > 0) parts.push(`${label}${c.detections}个（${num(c.areaMu)}亩）`);
  };
  add('必须整改恢复', extra.mustRestore);
  add('水改旱', extra.paddyToDry);
  add('可恢复地类流失', extra.restorableLoss);
  return parts;
}

export function countyAlertText(alert: AlertBody): string {
  const t = alert.totals;
  const losses = t.detections - (t.byChangeType.gain ?? 0);
  const head = `【耕地变化监测】${alert.county.name}（${alert.county.code}）${alert.surveyYear}年度：`;
  const counts =
    t.detections === 0
      ? '未发现耕地变化图斑。'
      : [
          `监测图斑${t.detections}个，共${num(t.areaMu)}亩，其中耕地流失${losses}个`,
          `极严重${t.bySeverity.critical ?? 0}个、严重${t.bySeverity.high ?? 0}个`,
          `涉及永久基本农田${alert.permanentFarmland.detections}个（${num(alert.permanentFarmland.areaMu)}亩）`,
          ...optionalCounts(alert),
        ].join('；') + '。';
  const b = alert.balance;
  const balance = `${balanceRegimeName(alert.surveyYear)}：转出${num(b.outMu)}亩，转进${num(b.inMu)}亩，${b.balanced ? '已平衡' : '未平衡'}。`;
  const tail = '详见报告report.html与清单detections.xlsx。';
  let text = head + counts + balance;
  const budget = ALERT_TEXT_MAX - chars(tail);
  let listed = 0;
  for (const [i, w] of alert.worst.entries()) {
    const disposition = w.dispositionName ? `，${w.dispositionName}` : '';
    const item =
      `${i === 0 ? '重点图斑：' : ''}${i + 1}.${w.township.name}${w.village} 图斑${w.pieceId} ` +
      `${w.before.code}${w.before.name}→${w.after.code}${w.after.name} ${num(w.areaMu)}亩（${w.severityName}${disposition}）；`;
    if (chars(text) + chars(item) > budget) break;
    text += item;
    listed++;
  }
  if (listed > 0 && text.endsWith('；')) text = `${text.slice(0, -1)}。`;
  text += tail;
  // a county name long enough to overflow is not a reason to send more than an SMS holds
  return chars(text) <= ALERT_TEXT_MAX ? text : [...text].slice(0, ALERT_TEXT_MAX - 1).join('') + '…';
}
