// `landwatch generate --history DIR --out DIR2`: year N+1 of a county generated into DIR (docs/VERIFICATION.md,
// "History"): reads DIR's change layer, writes year N+1's beside copies of DIR's protection layers, and
// history.json naming which year-N pieces were restored, repeated, found false again or continued.
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { crsFromEpsg, crsWkt } from '@landwatch/core';
import { FgbWriter, openFileByteSource, readFeatures, readHeader, type FgbColumn } from '@landwatch/fgb';
import { nextSurveyYear, type GeneratedFeature, type HistoryPlan } from '@landwatch/generator';
import { writeJson } from '../local-run.ts';

export interface HistoryFiles {
  changesPath: string;
  layersPath: string;
  plan: HistoryPlan;
}

export async function generateHistory(previousDir: string, outDir: string, seed: number): Promise<HistoryFiles> {
  const from = resolve(previousDir);
  const dir = resolve(outDir);
  const layer = (await readdir(from)).filter((f) => /^DLTBGXGC-.*\.fgb$/.test(f)).sort().pop();
  if (!layer) throw new Error(`${from}: no DLTBGXGC-*.fgb change layer (made by landwatch generate)`);
  const src = await openFileByteSource(join(from, layer));
  const previous: GeneratedFeature[] = [];
  let header;
  try {
    header = await readHeader(src);
    for await (const f of readFeatures(src, header)) if (f.geometry) previous.push({ geometry: f.geometry, properties: f.properties as GeneratedFeature['properties'] });
  } finally {
    await src.close();
  }
  const { features, plan } = nextSurveyYear(previous, { seed });
  const crs = crsFromEpsg(header.crs!.code);
  const columns: FgbColumn[] = header.columns.map((c) => ({ name: c.name, type: c.type, ...(c.title ? { title: c.title } : {}), nullable: true }));
  const county = layer.split('-')[1];
  const writer = new FgbWriter({
    name: 'DLTBGXGC',
    title: `地类图斑更新过程层 ${county} ${plan.surveyYear}`,
    crs: { org: 'EPSG', code: crs.epsg, name: crs.name, wkt: crsWkt(crs) },
    columns,
    geometryType: 'MultiPolygon',
  });
  for (const f of features) writer.add(f.geometry, f.properties);
  await mkdir(join(dir, 'layers'), { recursive: true });
  const changesPath = join(dir, `DLTBGXGC-${county}-${plan.surveyYear}.fgb`);
  await writer.finishToFile(changesPath);
  // the protection layers do not change between the two years
  for (const f of await readdir(join(from, 'layers'))) await copyFile(join(from, 'layers', f), join(dir, 'layers', f));
  const layersPath = join(dir, 'layers.json');
  await writeJson(layersPath, JSON.parse(await readFile(join(from, 'layers.json'), 'utf8')));
  await writeJson(join(dir, 'history.json'), plan);
  return { changesPath, layersPath, plan };
}
