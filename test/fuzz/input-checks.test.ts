// The table "Each case and the command that shows it" of docs/INPUT-CHECKS.md, run as printed there: each case of
// the hostile-input issue (and each crash the fuzzer found) against its committed fixture in
// test/fuzz/fixtures/input-checks/ (written by fuzz/input-check-fixtures.ts), with the exit code and the first line
// the doc quotes. A rejection writes nothing.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const F = 'test/fuzz/fixtures/input-checks';
const work = mkdtempSync(join(tmpdir(), 'lw-input-checks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (changes: string, layers = 'layers.json') => ['run', '--changes', `${F}/${changes}`, '--layers', `${F}/${layers}`, '--out', 'OUT', '--classification', 'sandiao'];
const pf = (c: string) => run('changes.fgb', `layers-pf-${c}.json`);

/** case → command (paths from the repository root, OUT a fresh folder) → exit code → the first line it prints
 * (stderr for exit 2, the line of stdout that answers the case for exit 0; the repository root left out). */
const CASES: [string, string[], number, string][] = [
  ['one coordinate takes a run down (protection layer, y = 1e20)', pf('one-coordinate-y-1e20'), 2, `layer permanent-farmland: ${F}/pf-one-coordinate-y-1e20.fgb: feature 1: geometry: coordinates span (111.6, 26.2)–(111.60149999999999, 100000000000000000000), outside the range of EPSG:4490 (longitude −180..180, latitude −90..90 degrees); is the CRS label right?`],
  ['protection layer: R-tree root zeroed', pf('r-tree-root-zeroed'), 2, `layer permanent-farmland: ${F}/pf-r-tree-root-zeroed.fgb: index node 0: points to node 0, its first child is node 1`],
  ['protection layer: Gauss-Krüger metres labelled EPSG:4326', pf('gauss-kruger-labelled-epsg-4326'), 2, `layer permanent-farmland: ${F}/pf-gauss-kruger-labelled-epsg-4326.fgb: feature 0: geometry: coordinates span (37560368.25054926, 2899132.968035645)–(37560518.9505998, 2899299.859042853), outside the range of EPSG:4326 (longitude −180..180, latitude −90..90 degrees); is the CRS label right?`],
  ['protection layer: header geometry type changed', pf('header-geometry-type-changed'), 2, `layer permanent-farmland: ${F}/pf-header-geometry-type-changed.fgb: feature 0: geometry: empty (no positions)`],
  ['protection layer: null geometry', pf('null-geometry'), 2, `layer permanent-farmland: ${F}/pf-null-geometry.fgb: feature 1: geometry: missing (null); every feature needs a polygon`],
  ['protection layer: broken ring end', pf('unclosed-ring'), 2, `layer permanent-farmland: ${F}/pf-unclosed-ring.fgb: feature 0: geometry: 1 broken ring(s), the first with 5 positions, not closed (a ring needs 4 or more positions, the last equal to the first)`],
  ['flipped bit: area far from TBBGMJ', run('changes-flipped-coordinate-area.fgb'), 2, `${F}/changes-flipped-coordinate-area.fgb: feature 2 (BSM 431102202400000002): field TBBGMJ: declared area 11073.25 m², the geometry measures 2773524.18 m² (+24947.07 %); more than 10 % apart: a corrupt geometry or attribute`],
  ['duplicated feature', run('changes-duplicated-feature.fgb'), 2, `${F}/changes-duplicated-feature.fgb: feature 4 (BSM 431102202400000001): duplicate: feature 1 has the same BSM`],
  ['index: no CRS (was a stack trace)', ['index', `${F}/index-no-crs.fgb`, '--out', 'OUT/indexed.fgb'], 2, `${F}/index-no-crs.fgb: unsupported CRS: no CRS code and no WKT (no EPSG code and no WKT); accepted: EPSG:4490 (CGCS2000), EPSG:4326, CGCS2000 Gauss-Kruger EPSG:4491–4554`],
  ['index: NaN coordinates (was a stack trace)', ['index', `${F}/index-nan-coordinates.fgb`, '--out', 'OUT/indexed.fgb'], 2, `${F}/index-nan-coordinates.fgb: feature 1: geometry: non-finite coordinate (NaN, 26.2)`],
  ['index: points (was a stack trace)', ['index', `${F}/index-points.fgb`, '--out', 'OUT/indexed.fgb'], 2, `${F}/index-points.fgb: geometry type Point is not Polygon or MultiPolygon`],
  ['features_count = 0: run reads it ("unknown")', run('changes-features-count-zero.fgb'), 0, '431102 零陵区: 4 detections, 66.44 亩; permanent farmland touched by 3 (49.83 亩)'],
  ['features_count = 0: inspect agrees', ['inspect', `${F}/changes-features-count-zero.fgb`, '--classification', 'sandiao'], 0, 'features:      unknown (header says 0), counted by reading'],
  ['features_count = 0: index agrees', ['index', `${F}/changes-features-count-zero.fgb`, '--out', 'OUT/indexed.fgb'], 0, 'wrote OUT/indexed.fgb (4 features, Hilbert-sorted, spatial index)'],
  ['null geometry: named with its BSM', run('changes-null-geometry.fgb'), 2, `${F}/changes-null-geometry.fgb: feature 1 (BSM 431102202400000001): geometry: missing (null); every piece needs its polygon`],
  ['12-character location code', run('changes-location-code-12-characters.fgb'), 2, `${F}/changes-location-code-12-characters.fgb: feature 0 (BSM 431102202400000000): field BGHZLDWDM: location code '431102001001' is not a 19-character 坐落单位代码 (12-digit village code followed by 7 characters)`],
  ['inspect: a protection layer is fit for one', ['inspect', `${F}/permanent-farmland.fgb`], 0, 'fit for:       protection layer'],
  ['inspect: a bad index is caught as run catches it', ['inspect', `${F}/changes-r-tree-root-zeroed.fgb`, '--classification', 'sandiao'], 2, `${F}/changes-r-tree-root-zeroed.fgb: index node 0: points to node 0, its first child is node 1`],
  ['huge features_count printed exactly', run('changes-huge-features-count.fgb'), 2, `${F}/changes-huge-features-count.fgb: features count 9223372036854775807 is out of bounds`],
  ['fuzzer: SJNF read as 11 (was exit 1, RuleSetConfigError)', run('shp-sjnf-year-11/DLTBGXGC.shp'), 2, `${F}/shp-sjnf-year-11/DLTBGXGC.shp: the survey year the data carry (SJNF/GXSJ) is 11, outside the survey years the rules cover (2009–2100)`],
  ['fuzzer: year 1985 in the file name (was exit 1)', run('changes-no-sjnf-1985.fgb'), 2, `${F}/changes-no-sjnf-1985.fgb: the year in the path or file name is 1985, outside the survey years the rules cover (2009–2100)`],
];

describe('each case of docs/INPUT-CHECKS.md, with the command printed there', () => {
  it.each(CASES)('%s', async (_case, args, code, first) => {
    const out = mkdtempSync(join(work, 'out-')); // an existing, empty folder (index --out needs its folder)
    const r = await runCli(args.map((a) => a.replace('OUT', out)), { cwd: ROOT });
    const lines = (code === 0 ? r.stdout : r.stderr).split('\n').map((l) => l.replaceAll(ROOT, '').replaceAll(out, 'OUT'));
    expect(r.code, r.stderr).toBe(code);
    if (code === 2) {
      expect(lines[0]).toBe(first);
      expect(readdirSync(out)).toEqual([]);
    } else {
      expect(lines).toContain(first);
    }
  });
});
