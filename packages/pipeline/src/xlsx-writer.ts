// A small SpreadsheetML (.xlsx) writer for our workbooks: sheets of text and number cells under two header rows, the
// header frozen and filtered, text columns formatted '@'. The sheet XML is written row by row into a streaming zip
// (zip-writer.ts), so memory does not grow with the rows.
//
// Why not exceljs: its streaming writer styles cell by cell (a style lookup for every text cell) and loads its whole
// reader side with it; on the bench's 20 k county it spent 1.4 s on 8 501 rows plus 0.34 s loading itself, against
// about 0.1 s here for the same cells (bench/RESULTS-LOG.md). The XML below is what exceljs wrote, minus what we never
// used (theme, shared strings): string cells as `t="str"`, the cell style index 1 = text format on text cells.
import { ZipWriter, type ZipSink } from './zip-writer.ts';

export interface XlsxColumn {
  /** Row 1: the title people read. */
  title: string;
  /** Row 2: the machine name (as in the CSV). */
  name: string;
  kind: 'text' | 'number';
  width: number;
}

export interface XlsxSheet {
  name: string;
  columns: readonly XlsxColumn[];
  /** Cell values in column order: a text column's value is written as given (''/null/undefined = an empty text cell),
   * a number column's as a number (null/undefined = no cell). */
  rows: Iterable<readonly (string | number | null | undefined)[]>;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// cell styles (styles.xml cellXfs): 0 default, 1 text, 2 bold, 3 bold text, 4 grey, 5 grey text
const STYLE_TEXT = 1;
const STYLE_TITLE = 2;
const STYLE_NAME = 4;

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS}">` +
  '<fonts count="3"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><sz val="11"/><color rgb="FF666666"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/** Characters XML 1.0 does not allow at all (they would make the sheet unreadable), and the five to escape. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SPECIAL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  return SPECIAL.test(s) ? s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!) : s;
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function* sheetXml(sheet: XlsxSheet): Iterable<string> {
  const { columns } = sheet;
  const letters = columns.map((_, i) => columnLetters(i));
  const last = letters[letters.length - 1]!;
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.kind === 'text' ? ` style="${STYLE_TEXT}"` : ''} customWidth="1"/>`)
    .join('');
  yield `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
  const header = (r: number, style: number, values: readonly string[]) =>
    `<row r="${r}">${values.map((v, i) => `<c r="${letters[i]}${r}" s="${style + (columns[i]!.kind === 'text' ? 1 : 0)}" t="str"><v>${xmlText(v)}</v></c>`).join('')}</row>`;
  yield header(1, STYLE_TITLE, columns.map((c) => c.title));
  yield header(2, STYLE_NAME, columns.map((c) => c.name));
  let r = 2;
  // a row at a time: the zip's text encoder writes each straight into its byte chunk (utf8-chunks.ts)
  for (const values of sheet.rows) {
    r++;
    let row = `<row r="${r}">`;
    for (let i = 0; i < columns.length; i++) {
      const v = values[i];
      if (columns[i]!.kind === 'text') row += `<c r="${letters[i]}${r}" s="${STYLE_TEXT}" t="str"><v>${v === null || v === undefined ? '' : xmlText(String(v))}</v></c>`;
      else if (v !== null && v !== undefined && v !== '') {
        const n = typeof v === 'number' ? v : Number(v);
        if (Number.isFinite(n)) row += `<c r="${letters[i]}${r}"><v>${n}</v></c>`;
      }
    }
    yield `${row}</row>`;
  }
  yield `</sheetData><autoFilter ref="A2:${last}2"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** Writes a workbook of `sheets` to `sink`; `when` is its creation date and every zip member's date. */
export async function writeXlsx(sink: ZipSink, sheets: readonly XlsxSheet[], when: Date, creator: string): Promise<void> {
  // level 1: on the bench's 20 k county the detection sheet (22 MB of XML) deflates in 0.15 s to 3.1 MB, against
  // 0.45 s to 2.3 MB at level 6 (zlib on this machine); a workbook is opened once, the write stage runs every time
  const zip = new ZipWriter(sink, when, 1);
  const iso = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sheetParts = sheets.map((_, i) => `/xl/worksheets/sheet${i + 1}.xml`);
  await zip.addText('[Content_Types].xml', [
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetParts.map((p) => `<Override PartName="${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
  ]);
  await zip.addText('_rels/.rels', [
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  ]);
  await zip.addText('docProps/app.xml', [
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(creator)}</Application></Properties>`,
  ]);
  await zip.addText('docProps/core.xml', [
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
  ]);
  await zip.addText('xl/workbook.xml', [
    `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('') +
      '</sheets>' +
      // the filter range of each sheet, as Excel itself records an auto filter
      `<definedNames>${sheets.map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText(s.name)}'!$A$2:$${columnLetters(s.columns.length - 1)}$2</definedName>`).join('')}</definedNames>` +
      '</workbook>',
  ]);
  await zip.addText('xl/_rels/workbook.xml.rels', [
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 2}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      '</Relationships>',
  ]);
  await zip.addText('xl/styles.xml', [STYLES]);
  for (const [i, sheet] of sheets.entries()) await zip.addText(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet));
  await zip.finish();
}
