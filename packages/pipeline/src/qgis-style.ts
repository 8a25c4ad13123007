// detections.qml: a QGIS layer style for detections.fgb (docs/OUTPUTS.md). QGIS loads a .qml that sits beside a layer
// with the same base name as the layer's default style, so an analyst who drags detections.fgb into QGIS sees the
// pieces coloured by severity, most urgent drawn on top, with Chinese legend labels, field aliases and a map tip.
// Written in the QGIS 3.x `prop` form, which QGIS 3.22 (what county analysts have) writes and later versions read.
import { DETECTION_COLUMNS, MU_PER_M2, SEVERITIES, SEVERITY_COLORS, SEVERITY_LABELS, type Severity } from '@landwatch/core';

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** '#b2182b' → '178,24,43,255' (QGIS colour form r,g,b,a) */
function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha}`;
}

function fillSymbol(name: string, color: string): string {
  const props: [string, string][] = [
    ['color', rgba(color, 200)],
    ['outline_color', rgba(color, 255)],
    ['outline_style', 'solid'],
    ['outline_width', '0.4'],
    ['outline_width_unit', 'MM'],
    ['style', 'solid'],
    ['joinstyle', 'bevel'],
  ];
  return `      <symbol type="fill" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" pass="0" locked="0" enabled="1">
${props.map(([k, v]) => `          <prop k="${k}" v="${xml(v)}"/>`).join('\n')}
        </layer>
      </symbol>`;
}

/** The rank QGIS orders by (critical = 1), so that the most urgent pieces are drawn last, on top. */
const RANK_EXPRESSION = `CASE ${SEVERITIES.map((s, i) => `WHEN "severity" = '${s}' THEN ${i + 1}`).join(' ')} ELSE 9 END`;

export function detectionsQml(): string {
  const categories = SEVERITIES.map(
    (s: Severity, i) => `      <category symbol="${i}" value="${s}" label="${xml(`${SEVERITY_LABELS[s]} ${s}`)}" render="true"/>`,
  ).join('\n');
  const symbols = SEVERITIES.map((s, i) => fillSymbol(String(i), SEVERITY_COLORS[s])).join('\n');
  const aliases = DETECTION_COLUMNS.map((c, i) => `    <alias field="${c.name}" index="${i}" name="${xml(c.title)}"/>`).join('\n');
  const mapTip =
    '[% "alert_id" %]<br>[% "township_name" %] [% "village_name" %]<br>' +
    '[% "before_code" %] [% "before_name" %] → [% "after_code" %] [% "after_name" %]<br>' +
    `[% "area_mu" %] 亩，永久基本农田 [% round("permanent_farmland_m2" * ${MU_PER_M2}, 2) %] 亩`;
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Fields|MapTips">
  <renderer-v2 type="categorizedSymbol" attr="severity" symbollevels="0" enableorderby="1" forceraster="0">
    <categories>
${categories}
    </categories>
    <symbols>
${symbols}
    </symbols>
    <source-symbol>
${fillSymbol('0', '#888888')}
    </source-symbol>
    <orderby>
      <orderByClause asc="0" nullsFirst="0">${xml(RANK_EXPRESSION)}</orderByClause>
    </orderby>
  </renderer-v2>
  <aliases>
${aliases}
  </aliases>
  <previewExpression>"alert_id"</previewExpression>
  <mapTip>${xml(mapTip)}</mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
`;
}
