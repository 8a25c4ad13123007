// `landwatch generate`: writes a deterministic synthetic county (change layer, protection layers, layers.json).
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { crsFromEpsg, crsWkt } from '@landwatch/core';
import { FgbWriter, type FgbColumn } from '@landwatch/fgb';
import { generateCounty, type GenerateOptions } from '@landwatch/generator';
import type { Progress } from '../progress.ts';
import { writeJson } from '../local-run.ts';

export interface GeneratedFiles {
  changesPath: string;
  layersPath: string;
  countyCode: string;
  countyName: string;
  changes: number;
}

/** Above this many features, writers spill encoded features to a temporary file. */
const SPILL_ABOVE = 50_000;

export async function generateFiles(outDir: string, opts: GenerateOptions, progress: Progress): Promise<GeneratedFiles> {
  const dir = resolve(outDir);
  await mkdir(join(dir, 'layers'), { recursive: true });
  const county = generateCounty(opts);
  const crs = crsFromEpsg(county.crsEpsg);
  const fgbCrs = { org: 'EPSG', code: crs.epsg, name: crs.name, wkt: crsWkt(crs) };
  const spillDir = opts.changes > SPILL_ABOVE ? dir : undefined;

  progress.stage('generate');
  const changeColumns: FgbColumn[] = county.changeFields.map((f) => ({ name: f.name, type: f.type, title: f.title, nullable: true }));
  const changes = new FgbWriter({
    name: 'DLTBGXGC',
    title: `地类图斑更新过程层 ${county.countyCode} ${county.countyName} ${county.surveyYear}`,
    crs: fgbCrs,
    columns: changeColumns,
    geometryType: 'MultiPolygon',
    spillDir,
  });
  for (const f of county.changes()) {
    changes.add(f.geometry, f.properties);
    if (changes.count % 10_000 === 0) progress.update(changes.count, opts.changes, 'pieces');
  }
  const changesPath = join(dir, `DLTBGXGC-${county.countyCode}-${county.surveyYear}.fgb`);
  await changes.finishToFile(changesPath);

  const registry = [];
  for (const layer of county.layers) {
    // the layer's declared schema (a type guessed from the first feature would truncate later values)
    const columns: FgbColumn[] = layer.fields.map((f) => ({ name: f.name, type: f.type, title: f.title, nullable: true }));
    const writer = new FgbWriter({ name: layer.id, title: layer.title, crs: fgbCrs, columns, geometryType: 'MultiPolygon', spillDir });
    for (const f of layer.features()) writer.add(f.geometry, f.properties);
    if (writer.count === 0) {
      await writer.discard();
      continue;
    }
    await writer.finishToFile(join(dir, 'layers', layer.fileName));
    registry.push({ id: layer.id, kind: layer.kind, title: layer.title, path: `layers/${layer.fileName}`, ...(layer.attributeFields ? { fields: layer.attributeFields } : {}) });
  }
  const layersPath = join(dir, 'layers.json');
  await writeJson(layersPath, { layers: registry });
  progress.done();
  return { changesPath, layersPath, countyCode: county.countyCode, countyName: county.countyName, changes: opts.changes };
}
