// report.html: one self-contained page (docs/REPORT.md) that works offline — an interactive map of every detection
// (Leaflet, inlined), the worst cases numbered on the map and listed first, a search over every case, the details
// of a case on click, then the summary tables. Nothing is fetched from anywhere: scripts, styles and data are in
// the file. It cites legal sources only (document numbers and titles), never internal notes.
import { muFromM2 } from '../area/index.ts';
import type { Crs } from '../crs/index.ts';
import type { ProtectionKind, Severity } from '../types.ts';
import { SEVERITIES, CHANGE_TYPES } from '../types.ts';
import { RULES } from '../rules/index.ts';
import type { CountyResult } from './county-results.ts';
import {
  balanceRegimeName,
  CASE_STATUS_LABELS,
  CHANGE_TYPE_LABELS,
  DISPOSITION_LABELS,
  INSPECTION_CATEGORY_LABELS,
  SEVERITY_COLORS,
  SEVERITY_LABELS,
} from './labels.ts';
import { REPORT_APP_JS } from './report-app.ts';
import { CASE_FIELDS, JsonFields, LazyJsonArray, reportData } from './report-data.ts';
import { legalCitation } from './legal-citation.ts';
import { LEAFLET_CSS, LEAFLET_JS } from './vendor/leaflet.ts';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// one formatter per precision: toLocaleString with options builds a new Intl.NumberFormat on every call (about 1 ms
// each, 0.16 s for a county's tables); a kept formatter formats the same text
const FORMATS = new Map<number, Intl.NumberFormat>();
const fmt = (x: number, d = 2) => {
  let f = FORMATS.get(d);
  if (!f) FORMATS.set(d, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })));
  return f.format(x);
};

/** JSON inside a <script> block: `<` escaped so that no `</script>` can end the block early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Outline colours of the protection overlaps on the map. */
const KIND_COLORS: Record<ProtectionKind, string> = {
  'permanent-farmland': '#1a9850',
  'farmland-reserve': '#66bd63',
  'high-standard-farmland': '#a6d96a',
  'ecological-redline': '#d73027',
  'urban-development-boundary': '#7b3294',
  'approved-construction': '#2166ac',
  'facility-filing': '#8c510a',
  'temporary-use': '#bf812d',
  context: '#666666',
};

/** Chinese labels of the optional detection columns a run may carry. */
const EXTRA_LABELS: Record<string, string> = {
  reasons: '判定理由',
  inspection_category: '卫片监督类别',
  disposition: '处置建议',
  approval_refs: '批准文号',
  change_date: '变更日期',
  stock: '存量(2020-09-10前)',
  repeat: '重复出现',
  net_area_m2: '耕地地类面积(平方米)',
  status: '核查状态',
  deadline: '整改时限',
  overdue: '已逾期',
};

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222;font-size:15px}
header{padding:.5rem 1rem;background:#24323f;color:#fff}
header h1{font-size:1.1rem;margin:0 0 .2rem}
.kpi{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;font-size:.85rem}.kpi b{font-size:1.05rem}
#app{display:flex;height:calc(100vh - 4.6rem);min-height:440px}
#map{flex:1;background:#eef0ea}
#panel{width:390px;overflow-y:auto;border-left:1px solid #ccc;display:flex;flex-direction:column;padding:.5rem .75rem}
#panel form{display:flex;gap:.3rem}#lw-search{flex:1;font-size:1rem;padding:.35rem .5rem}
#panel form button{font-size:1rem}
#lw-details{order:0;background:#f6f6f0;border:1px solid #ddd;padding:.3rem .6rem;margin:.5rem 0}
#lw-details h3{margin:.2rem 0;font-size:1rem}#lw-details table{font-size:.85rem;margin:0}
#lw-details th{white-space:nowrap;vertical-align:top;text-align:left}#lw-details td{text-align:left}
#lw-details ul{margin:0;padding-left:1rem}
#lw-list{list-style:none;margin:0;padding:0}#lw-list li{border-bottom:1px solid #eee}
#lw-list button{all:unset;display:block;width:100%;padding:.35rem .2rem;cursor:pointer;font-size:.85rem;line-height:1.35}
#lw-list button:hover,#lw-list button:focus{background:#eef}
#lw-list .id{font-family:ui-monospace,monospace;font-size:.8rem}
#lw-list .lw-overdue{color:#b00020}
.note{font-size:.8rem;color:#555;margin:.3rem 0}
.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.35rem;vertical-align:middle;border-radius:50%}
.sw.ov{border:2px dashed;border-radius:0;background:none}.sw.num{background:#111;color:#fff;font:bold 9px/.8rem sans-serif;text-align:center;font-style:normal}
.lw-num{background:#111;color:#fff;border:2px solid #fff;border-radius:50%;text-align:center;font:bold 12px/20px sans-serif;box-shadow:0 0 3px #000}
.lw-num.inline{display:inline-block;width:22px;height:22px;margin-right:.35rem;vertical-align:middle}
.leaflet-control-layers-toggle::after{content:"图层";display:block;text-align:center;line-height:36px;font-size:13px;color:#222}
.leaflet-control-layers-toggle{background-image:none}
main{padding:0 1rem 2rem;max-width:1200px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.88rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
h2{font-size:1.1rem;margin-top:1.5rem}
@media (max-width:700px){
  #app{flex-direction:column;height:auto}
  #map{height:62vh;flex:none}
  #panel{width:100%;border-left:0;overflow:visible}
  header h1{font-size:1rem}
}`;

function tables(result: CountyResult): string {
  const s = result.summary;
  const townshipNames = new Map(s.townships.map((t) => [t.code, t.name]));
  const rowsByType = CHANGE_TYPES.map((t) => {
    const cells = SEVERITIES.map((sev: Severity) => `<td>${s.totals.byChangeTypeAndSeverity[t]?.[sev]?.count || ''}</td>`).join('');
    const tot = s.totals.byChangeType[t];
    return tot ? `<tr><th>${esc(CHANGE_TYPE_LABELS[t] ?? t)}</th>${cells}<td>${tot.count}</td><td>${fmt(tot.areaMu)}</td></tr>` : '';
  }).join('\n');
  const townships = s.townships
    .map(
      (t) =>
        `<tr><td>${esc(t.name)}</td><td>${esc(t.code)}</td><td>${t.count}</td><td>${fmt(t.areaMu)}</td><td>${fmt(muFromM2(t.permanentFarmlandM2))}</td>${SEVERITIES.map((sev) => `<td>${t.bySeverity[sev] ?? ''}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const layers = s.protectionLayers
    .map((l) => `<tr><td>${esc(l.title)}</td><td>${l.count}</td><td>${fmt(l.areaMu)}</td></tr>`)
    .join('\n');
  const regime = balanceRegimeName(s.surveyYear);
  const balanceRow = (name: string, b: CountyResult['summary']['balance']['total']) =>
    `<tr><td>${esc(name)}</td><td>${fmt(muFromM2(b.outM2))}</td><td>${fmt(muFromM2(b.inM2))}</td><td>${fmt(muFromM2(b.eligibleInM2))}</td><td>${fmt(muFromM2(b.paddyOutM2))}</td><td>${fmt(muFromM2(b.eligiblePaddyInM2))}</td><td>${fmt(muFromM2(b.netM2))}</td><td>${b.balanced ? '是' : '<b>否</b>'}</td></tr>`;
  const balance = [
    ...s.balance.rows.map((b) => balanceRow(`${townshipNames.get(b.townshipCode) ?? ''}（${b.townshipCode}）`, b)),
    balanceRow(`${s.county.name} 合计`, s.balance.total),
  ].join('\n');
  const rules = s.rulesFired
    .map((r) => `<tr><td>${esc(r.title)}</td><td>${esc(legalCitation(r.citation))}</td><td>${r.count}</td></tr>`)
    .join('\n');
  const checks = s.inputChecks;
  const issues = [...checks.unrepairable, ...checks.clipFailures];
  return `<h2>按变化类型与严重程度</h2>
<div class="scroll"><table><tr><th>变化类型</th>${SEVERITIES.map((x) => `<th>${esc(SEVERITY_LABELS[x])}</th>`).join('')}<th>合计</th><th>亩</th></tr>
${rowsByType}</table></div>
<h2>乡镇汇总</h2>
<div class="scroll"><table><tr><th>乡镇</th><th>代码</th><th>图斑</th><th>亩</th><th>占永久基本农田 亩</th>${SEVERITIES.map((x) => `<th>${esc(SEVERITY_LABELS[x])}</th>`).join('')}</tr>
${townships}</table></div>
<h2>保护图层叠加</h2>
<div class="scroll"><table><tr><th>图层</th><th>叠加图斑</th><th>叠加面积 亩</th></tr>${layers}</table></div>
<h2>${regime}（亩）</h2>
<div class="scroll"><table><tr><th>乡镇</th><th>转出</th><th>转进</th><th>可计入转进</th><th>水田转出</th><th>可计入水田转进</th><th>净增</th><th>平衡</th></tr>
${balance}</table></div>
<h2>触发规则与依据</h2>
<div class="scroll"><table><tr><th>规则</th><th>依据</th><th>图斑</th></tr>${rules}</table></div>
<h2>数据检查</h2>
<p>处理图斑 ${checks.piecesProcessed} 个；修复几何 ${checks.repairedPieces} 个；无法修复 ${checks.unrepairable.length} 个；叠加失败 ${checks.clipFailures.length} 个。</p>
${issues.length > 0 ? `<ul>${issues.map((i) => `<li>${esc(i.message)}</li>`).join('')}</ul>` : ''}`;
}

function meta(result: CountyResult, crsCenter: [number, number]) {
  const s = result.summary;
  const ruleById = new Map(RULES.map((r) => [r.id, r]));
  const rules: Record<string, { title: string; citation: string }> = {};
  for (const r of s.rulesFired) rules[r.id] = { title: r.title, citation: legalCitation(ruleById.get(r.id)?.citation ?? r.citation) };
  return {
    caseFields: CASE_FIELDS,
    severities: SEVERITIES.map((x) => ({ code: x, label: SEVERITY_LABELS[x], color: SEVERITY_COLORS[x], count: s.totals.bySeverity[x]?.count ?? 0 })),
    changeTypes: CHANGE_TYPES.map((t) => ({ code: t, label: CHANGE_TYPE_LABELS[t] ?? t })),
    kindColors: KIND_COLORS,
    rules,
    extraLabels: EXTRA_LABELS,
    valueLabels: { inspection_category: INSPECTION_CATEGORY_LABELS, disposition: DISPOSITION_LABELS, status: CASE_STATUS_LABELS },
    center: crsCenter,
  };
}

/**
 * The data's JSON in pieces, the same characters as scriptJson of the data made whole: the top-level object's keys
 * and the elements of its arrays one by one, and lazy arrays' elements made as they are written, so that a county of
 * a million pieces never makes its whole JSON one string (V8 strings stop at 2^29 characters) nor holds every
 * case's shape at once.
 */
function* scriptJsonParts(value: Record<string, unknown> | JsonFields): Iterable<string> {
  let first = true;
  yield '{';
  for (const [key, v] of value instanceof JsonFields ? value.fields : Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue; // as JSON.stringify omits them
    yield `${first ? '' : ','}${scriptJson(key)}:`;
    first = false;
    if (v instanceof LazyJsonArray || Array.isArray(v)) yield* arrayParts(v instanceof LazyJsonArray ? v.each() : v);
    else yield scriptJson(v);
  }
  yield '}';
}

/** An array's JSON an element at a time (an element may be a JsonFields with lazy arrays of its own). */
function* arrayParts(elements: Iterable<unknown>): Iterable<string> {
  yield '[';
  let first = true;
  for (const e of elements) {
    const comma = first ? '' : ',';
    first = false;
    if (e instanceof JsonFields) {
      if (comma) yield comma;
      yield* scriptJsonParts(e);
    } else yield `${comma}${e === undefined ? 'null' : scriptJson(e)}`;
  }
  yield ']';
}

export function reportHtml(result: CountyResult, crs: Crs): string {
  return [...reportHtmlParts(result, crs)].join('');
}

/** report.html in pieces (reportHtml joins them): a writer encodes and stores them one by one. */
export function* reportHtmlParts(result: CountyResult, crs: Crs): Iterable<string> {
  const s = result.summary;
  const data = reportData(result, crs);
  const critical = s.totals.bySeverity.critical.count;
  const high = s.totals.bySeverity.high.count;
  const first = result.detections[0]?.lonLat ?? [112, 28];
  yield `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.county.name)}（${esc(s.county.code)}）${s.surveyYear} 年度耕地变化监测报告</title>
<style>${LEAFLET_CSS}</style>
<style>${STYLE}</style>
</head><body>
<header><h1>${esc(s.county.name)}（${esc(s.county.code)}）${s.surveyYear} 年度耕地变化监测报告</h1>
<div class="kpi"><span><b>${s.totals.count}</b> 个监测图斑，${fmt(s.totals.areaMu)} 亩</span>
<span><b>${critical}</b> 极严重 · <b>${high}</b> 严重</span>
<span><b>${s.permanentFarmland.count}</b> 个涉及永久基本农田（${fmt(s.permanentFarmland.areaMu)} 亩）</span></div></header>
<div id="app">
<div id="map" role="region" aria-label="监测图斑地图"></div>
<aside id="panel">
<form role="search"><input id="lw-search" type="search" placeholder="搜索：预警编号、图斑标识码、村、乡镇、地类编码" aria-label="搜索图斑"><button type="submit">查找</button></form>
<p class="note">点击地图上的图斑查看详情；放大到 15 级以上显示图斑形状和保护图层叠加部分。</p>
<section id="lw-details" hidden aria-live="polite"></section>
<h2 id="lw-list-title">重点图斑</h2>
<ol id="lw-list"></ol>
</aside>
</div>
<main>
${tables(result)}
<p class="note">运行编号 ${esc(s.runId)}，生成于 ${esc(s.generatedAt)}；输入 ${esc(s.run.input.file)}（${s.run.input.featuresCount} 个图斑，${esc(s.run.input.crs)}）。面积为 CGCS2000 椭球面积，1 亩 = 666.67 平方米。</p>
</main>
<script id="lw-data" type="application/json">`;
  yield* scriptJsonParts(data);
  yield `</script>
<script id="lw-meta" type="application/json">${scriptJson(meta(result, first))}</script>
<script>${LEAFLET_JS}</script>
<script>${REPORT_APP_JS}</script>
</body></html>
`;
}
