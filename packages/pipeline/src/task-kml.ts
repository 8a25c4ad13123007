// KML for phone map apps (docs/VERIFICATION.md, "Task packages"): a township's cases as outlines and centre points,
// each placemark named by its alert id, so that a field team finds a case by the id on its task list. KML takes
// longitude, latitude in WGS 84; CGCS2000 coordinates are written as they are (the datums differ by centimetres).
import { polygonStart, ringStart, type MultiPolygon, type Position } from '@landwatch/core';

export interface KmlCase {
  alertId: string;
  /** one line each, shown in the placemark's balloon */
  description: string[];
  /** lon/lat, or a function that makes it when the placemark is written (so that a township's outlines are not
   * all held at once) */
  outline: MultiPolygon | (() => MultiPolygon);
  centre: [number, number];
  /** ExtendedData shown by apps that list attributes */
  data: [string, string][];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// most values have nothing to escape: one test, and one pass over those that do
const xml = (s: string) => (/[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : s);
const coord = (p: Position) => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
/** Ring r of the geometry. */
function ring(g: MultiPolygon, r: number): string {
  const { xy } = g;
  let out = '<LinearRing><coordinates>';
  for (let i = 2 * ringStart(g, r), first = i; i < 2 * g.ringEnds[r]; i += 2) {
    out += `${i === first ? '' : ' '}${xy[i].toFixed(7)},${xy[i + 1].toFixed(7)}`;
  }
  return `${out}</coordinates></LinearRing>`;
}

/** Every polygon of the geometry. */
function polygonsKml(g: MultiPolygon): string {
  let out = '';
  for (let p = 0; p < g.polygonEnds.length; p++) {
    const shell = polygonStart(g, p);
    out += `<Polygon><outerBoundaryIs>${ring(g, shell)}</outerBoundaryIs>`;
    for (let h = shell + 1; h < g.polygonEnds[p]; h++) out += `<innerBoundaryIs>${ring(g, h)}</innerBoundaryIs>`;
    out += '</Polygon>';
  }
  return out;
}

function extendedData(data: [string, string][]): string {
  return `<ExtendedData>${data.map(([k, v]) => `<Data name="${xml(k)}"><value>${xml(v)}</value></Data>`).join('')}</ExtendedData>`;
}

export function taskKml(title: string, cases: readonly KmlCase[]): string {
  return [...taskKmlParts(title, cases, (c) => c)].join('');
}

/**
 * The same text in parts, a placemark at a time: a large township's KML (10 MB and more at 100 000 pieces, twice that
 * as a string of Chinese text) is encoded part by part instead of built whole and then copied.
 *
 * Each item becomes its case when its placemark is written, once per folder: nothing of a case outlives its
 * placemark. A township's cases made up front (and their escaped data) lived through both folders, long enough to be
 * promoted to the old generation; at a million pieces that was 30-50 MB per township that only a full collection
 * freed, and the heap grew by 0.8 GB over the task files to the run's peak.
 */
export function* taskKmlParts<T>(title: string, items: readonly T[], caseOf: (item: T) => KmlCase): Iterable<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<kml xmlns="http://www.opengis.net/kml/2.2">\n';
  yield `<Document><name>${xml(title)}</name>\n`;
  yield '<Style id="case"><LineStyle><color>ff0000ff</color><width>2</width></LineStyle><PolyStyle><color>400000ff</color></PolyStyle></Style>\n';
  yield '<Style id="centre"><IconStyle><color>ff0000ff</color></IconStyle></Style>\n';
  yield '<Folder><name>图斑范围</name>';
  for (const item of items) {
    const c = caseOf(item);
    yield `<Placemark><name>${xml(c.alertId)}</name><description>${xml(c.description.join('\n'))}</description><styleUrl>#case</styleUrl>${extendedData(c.data)}` +
      `<MultiGeometry>${polygonsKml(typeof c.outline === 'function' ? c.outline() : c.outline)}</MultiGeometry></Placemark>`;
  }
  yield '</Folder>\n<Folder><name>图斑中心点</name>';
  for (const item of items) {
    const c = caseOf(item);
    yield `<Placemark><name>${xml(c.alertId)}</name><styleUrl>#centre</styleUrl>${extendedData(c.data)}<Point><coordinates>${coord(c.centre)}</coordinates></Point></Placemark>`;
  }
  yield '</Folder>\n</Document></kml>\n';
}
