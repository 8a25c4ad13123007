// report.html: one self-contained page (no scripts or styles fetched from anywhere) with the summary tables and an
// SVG map of the detections, coloured by severity.
import { muFromM2 } from '../area/index.ts';
import type { Crs } from '../crs/index.ts';
import type { MultiPolygon, Severity } from '../types.ts';
import { SEVERITIES, CHANGE_TYPES } from '../types.ts';
import type { CountyResult } from './county-results.ts';
import { byUrgency } from './county-results.ts';
import { BALANCE_REGIME_LABELS, CHANGE_TYPE_LABELS, SEVERITY_COLORS, SEVERITY_LABELS } from './labels.ts';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const fmt = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const MAP_WIDTH = 900;
/** How many detections are drawn at most (the rest are counted in the caption). */
const MAP_LIMIT = 20_000;
/** How many rows the worst-cases table shows. */
const WORST_ROWS = 50;

function svgMap(result: CountyResult, crs: Crs): string {
  const drawn = [...result.detections].sort(byUrgency).slice(0, MAP_LIMIT).reverse(); // most urgent drawn last (on top)
  if (drawn.length === 0) return '<p>No detections to map.</p>';
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const d of drawn) {
    for (const poly of d.geometry) {
      for (const [x, y] of poly[0]) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  // geographic coordinates: shrink x by cos(latitude) so that shapes are not stretched
  const kx = crs.kind === 'geographic' ? Math.cos((((minY + maxY) / 2) * Math.PI) / 180) : 1;
  const spanX = Math.max((maxX - minX) * kx, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = MAP_WIDTH / Math.max(spanX, spanY);
  const height = Math.ceil(spanY * scale);
  const width = Math.ceil(spanX * scale);
  // a minimum drawn size, so that small pieces stay visible as dots
  const path = (g: MultiPolygon) =>
    g
      .map((poly) =>
        poly
          .map(
            (ring) =>
              'M' +
              ring
                .map(([x, y]) => `${((x - minX) * kx * scale).toFixed(1)} ${((maxY - y) * scale).toFixed(1)}`)
                .join('L') +
              'Z',
          )
          .join(''),
      )
      .join('');
  const shapes = drawn
    .map((d) => {
      const c = SEVERITY_COLORS[d.row.severity];
      return `<path d="${path(d.geometry)}" fill="${c}" stroke="${c}" stroke-width="1.5" fill-rule="evenodd"><title>${esc(
        `${d.row.alert_id} ${CHANGE_TYPE_LABELS[d.row.change_type]} ${SEVERITY_LABELS[d.row.severity]} ${d.row.area_mu} 亩 ${d.row.village_name}`,
      )}</title></path>`;
    })
    .join('\n');
  const legend = SEVERITIES.map(
    (s) => `<span class="key"><i style="background:${SEVERITY_COLORS[s]}"></i>${SEVERITY_LABELS[s]} ${s}</span>`,
  ).join(' ');
  const caption =
    result.detections.length > MAP_LIMIT ? `<p>Map shows the ${MAP_LIMIT} most urgent of ${result.detections.length} detections.</p>` : '';
  return `<div class="legend">${legend}</div>${caption}
<svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 ${width + 20} ${height + 20}" width="100%" role="img" aria-label="map of detections">
<rect x="-10" y="-10" width="${width + 20}" height="${height + 20}" fill="#f7f7f2"/>
${shapes}
</svg>`;
}

export function reportHtml(result: CountyResult, crs: Crs): string {
  const s = result.summary;
  const rowsByType = CHANGE_TYPES.map((t) => {
    const cells = SEVERITIES.map((sev: Severity) => {
      const c = s.totals.byChangeTypeAndSeverity[t][sev];
      return `<td>${c.count || ''}</td>`;
    }).join('');
    const tot = s.totals.byChangeType[t];
    return `<tr><th>${esc(CHANGE_TYPE_LABELS[t])}<br><small>${t}</small></th>${cells}<td>${tot.count}</td><td>${fmt(tot.areaMu)}</td></tr>`;
  }).join('\n');
  const townships = s.townships
    .map(
      (t) =>
        `<tr><td>${esc(t.code)}</td><td>${esc(t.name)}</td><td>${t.count}</td><td>${fmt(t.areaMu)}</td><td>${fmt(muFromM2(t.permanentFarmlandM2))}</td>${SEVERITIES.map((sev) => `<td>${t.bySeverity[sev] ?? ''}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const layers = s.protectionLayers
    .map((l) => `<tr><td>${esc(l.id)}</td><td>${esc(l.kind)}</td><td>${esc(l.title)}</td><td>${l.count}</td><td>${fmt(l.areaM2)}</td><td>${fmt(l.areaMu)}</td></tr>`)
    .join('\n');
  const balance = s.balance.rows
    .map(
      (b) =>
        `<tr><td>${esc(b.townshipCode)}</td><td>${fmt(muFromM2(b.outM2))}</td><td>${fmt(muFromM2(b.inM2))}</td><td>${fmt(muFromM2(b.eligibleInM2))}</td><td>${fmt(muFromM2(b.paddyOutM2))}</td><td>${fmt(muFromM2(b.eligiblePaddyInM2))}</td><td>${fmt(muFromM2(b.netM2))}</td><td>${b.balanced ? '是 yes' : '<b>否 no</b>'}</td><td>${fmt(muFromM2(b.occupiedM2))}</td><td>${fmt(muFromM2(b.pbfOutM2))}</td><td>${fmt(muFromM2(b.paddyToDryM2))}</td><td>${fmt(muFromM2(b.dryToPaddyM2))}</td></tr>`,
    )
    .join('\n');
  const worst = [...result.detections]
    .sort(byUrgency)
    .slice(0, WORST_ROWS)
    .map(
      (d) =>
        `<tr><td>${esc(d.row.alert_id)}</td><td style="color:${SEVERITY_COLORS[d.row.severity]}">${esc(SEVERITY_LABELS[d.row.severity])}</td><td>${esc(CHANGE_TYPE_LABELS[d.row.change_type])}</td><td>${esc(d.row.before_code)} ${esc(d.row.before_name)} → ${esc(d.row.after_code)} ${esc(d.row.after_name)}</td><td>${fmt(d.row.area_mu)}</td><td>${fmt(muFromM2(d.row.permanent_farmland_m2))}</td><td>${esc(d.row.township_name)} ${esc(d.row.village_name)}</td><td>${d.lonLat[0].toFixed(6)}, ${d.lonLat[1].toFixed(6)}</td><td>${esc(d.row.rule_ids.join(';'))}</td><td style="text-align:left">${esc(d.row.reasons)}</td></tr>`,
    )
    .join('\n');
  const rules = s.rulesFired.map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(r.title)}</td><td>${esc(r.citation)}</td><td>${r.count}</td></tr>`).join('\n');
  const checks = s.inputChecks;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LandWatch ${esc(s.county.code)} ${esc(s.county.name)} ${s.surveyYear} 耕地变化监测报告</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:.25rem 0}
.legend .key{margin-right:1rem}.legend i{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:middle}
.kpi{display:flex;gap:2rem;flex-wrap:wrap}.kpi div{background:#f3f3ee;padding:.6rem 1rem}.kpi b{font-size:1.4rem;display:block}
</style></head><body>
<h1>${esc(s.county.name)}（${esc(s.county.code)}）${s.surveyYear} 年度耕地变化监测报告</h1>
<p>LandWatch run <code>${esc(s.runId)}</code>, generated ${esc(s.generatedAt)}. Input <code>${esc(s.run.input.file)}</code>
(${s.run.input.featuresCount} pieces, ${esc(s.run.input.crs)}). Areas are ellipsoidal (CGCS2000, official method); 1 亩 = 666.67 m².</p>
<div class="kpi"><div><b>${s.totals.count}</b>detections 监测图斑</div><div><b>${fmt(s.totals.areaMu)}</b>亩 total</div>
<div><b>${s.permanentFarmland.count}</b>touch permanent farmland 涉及永久基本农田 (${fmt(s.permanentFarmland.areaMu)} 亩)</div>
<div><b>${s.totals.bySeverity.critical.count + s.totals.bySeverity.high.count}</b>critical + high 严重</div>
<div><b>${s.mustRestore.count}</b>must restore 须整改恢复 (${fmt(s.mustRestore.areaMu)} 亩)</div>
<div><b>${s.paddyToDry.count}</b>paddy to dry 水改旱 (${fmt(s.paddyToDry.areaMu)} 亩)</div>
<div><b>${s.restorableLoss.count}</b>restorable land lost 可恢复耕地被占 (${fmt(s.restorableLoss.areaMu)} 亩)</div></div>
<h2>Map 分布图</h2>
${svgMap(result, crs)}
<h2>By change type × severity 按变化类型与严重程度</h2>
<table><tr><th>change type</th>${SEVERITIES.map((x) => `<th>${esc(SEVERITY_LABELS[x])}<br><small>${x}</small></th>`).join('')}<th>count</th><th>亩</th></tr>
${rowsByType}</table>
<h2>Townships 乡镇</h2>
<table><tr><th>code</th><th>name</th><th>detections</th><th>亩</th><th>永农 亩</th>${SEVERITIES.map((x) => `<th>${x}</th>`).join('')}</tr>
${townships}</table>
<h2>Protection layers 保护图层叠加</h2>
<table><tr><th>layer</th><th>kind</th><th>title</th><th>overlaps</th><th>m²</th><th>亩</th></tr>${layers}</table>
<h2>${BALANCE_REGIME_LABELS[s.balance.regime]} (balance, 亩)</h2>
<table><tr><th>township</th><th>转出 out</th><th>转进 in</th><th>eligible in</th><th>水田 out</th><th>eligible 水田 in</th><th>net</th><th>balanced</th><th>占用 occupied</th><th>永农须恢复 pbf out</th><th>水改旱</th><th>旱改水</th></tr>
${balance}</table>
<h2>Most urgent cases 重点图斑 (top ${WORST_ROWS})</h2>
<table><tr><th>alert id</th><th>severity</th><th>type</th><th>before → after</th><th>亩</th><th>永农 亩</th><th>location</th><th>lon, lat</th><th>rules</th><th>判定理由 reasons</th></tr>
${worst}</table>
<h2>Rules fired 触发规则</h2>
<table><tr><th>id</th><th>rule</th><th>citation</th><th>count</th></tr>${rules}</table>
<h2>Input checks 数据检查</h2>
<p>Pieces processed: ${checks.piecesProcessed}; repaired geometries: ${checks.repairedPieces}
${esc(JSON.stringify(checks.repairs))}; unrepairable: ${checks.unrepairable.length}; overlay failures: ${checks.clipFailures.length}.</p>
<ul>${[...checks.unrepairable, ...checks.clipFailures].map((i) => `<li>${esc(i.message)}</li>`).join('')}</ul>
</body></html>
`;
}
