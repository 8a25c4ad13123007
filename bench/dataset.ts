// The benchmark's county: a deterministic synthetic data set written with the generator and our FlatGeobuf writer
// (Hilbert-sorted, indexed), in the county's CGCS2000 Gauss-Krüger zone. Reused when a manifest with the same
// options is already on disk (the data are a pure function of the options).
//
// Why not `generateFiles` from the CLI: it infers each protection layer's column types from the first feature, so
// an area that happens to be whole in the first feature makes the column `long` and the next fractional one fails
// (seen with seed 1). The generator declares every layer's schema (`fields`); this module writes it as declared.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crsFromEpsg, crsWkt } from '@landwatch/core';
import { FgbWriter, type FgbColumn } from '@landwatch/fgb';
import { generateCounty, type GeneratedFeature, type LayerField } from '@landwatch/generator';

export interface DatasetOptions {
  /** Generator seed; same seed and sizes → byte-identical files. */
  seed: number;
  /** Change pieces (DLTBGXGC features). */
  changes: number;
  /** Permanent-farmland polygons. */
  farmlandPolygons: number;
  /** Typical vertex count of a protection polygon (the generator varies it ×0.6–1.8). */
  protectionVertices: number;
}

export interface DatasetLayer {
  /** Registry id, e.g. `permanent-farmland`. */
  id: string;
  /** Protection kind, e.g. `permanent-farmland`. */
  kind: string;
  /** Absolute path of the layer's FlatGeobuf file. */
  path: string;
  /** Features written. */
  features: number;
}

export interface Dataset {
  options: DatasetOptions;
  /** sha256 of the generator's, the writer's and the CRS code's sources: a manifest from other code is not reused. */
  codeSha256: string;
  /** Absolute path of the change layer. */
  changesPath: string;
  /** Absolute path of layers.json (the registry `landwatch run` reads). */
  layersPath: string;
  layers: DatasetLayer[];
  /** EPSG code of every layer (the county's 3° GK zone with prefixed easting). */
  crsEpsg: number;
  /** Bytes of all files together. */
  bytes: number;
  /** sha256 over the files' checksums, in a fixed order: identifies the data set in RESULTS.md. */
  sha256: string;
  /** Seconds spent generating (0 when reused from disk). */
  generateSeconds: number;
}

/** Above this many features, writers spill encoded features to a temporary file instead of memory. */
const SPILL_ABOVE = 50_000;
const MANIFEST = 'dataset.json';
/** Source folders whose code decides the bytes of a data set. */
const CODE_DIRS = ['../packages/generator/src', '../packages/fgb/src', '../packages/core/src/crs'].map((d) => resolve(dirname(fileURLToPath(import.meta.url)), d));

/** The data set for `opts` in `dir`: read back from its manifest when the options match, else generated anew. */
export async function ensureDataset(dir: string, opts: DatasetOptions): Promise<Dataset> {
  const root = resolve(dir);
  const codeSha256 = await codeDigest();
  const existing = await readManifest(root);
  if (existing && existing.codeSha256 === codeSha256 && sameOptions(existing.options, opts)) return { ...existing, generateSeconds: 0 };
  await rm(root, { recursive: true, force: true });
  const started = performance.now();
  const dataset = await writeDataset(root, opts, codeSha256);
  dataset.generateSeconds = (performance.now() - started) / 1000;
  await writeFile(join(root, MANIFEST), JSON.stringify(dataset, null, 2));
  return dataset;
}

async function readManifest(root: string): Promise<Dataset | undefined> {
  try {
    return JSON.parse(await readFile(join(root, MANIFEST), 'utf8')) as Dataset;
  } catch {
    return undefined;
  }
}

function sameOptions(a: DatasetOptions, b: DatasetOptions): boolean {
  return a.seed === b.seed && a.changes === b.changes && a.farmlandPolygons === b.farmlandPolygons && a.protectionVertices === b.protectionVertices;
}

async function codeDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of CODE_DIRS) {
    for (const name of (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.ts')).sort()) {
      hash.update(`${name}\n`).update(await readFile(join(dir, name)));
    }
  }
  return hash.digest('hex');
}

async function writeDataset(root: string, opts: DatasetOptions, codeSha256: string): Promise<Dataset> {
  await mkdir(join(root, 'layers'), { recursive: true });
  const county = generateCounty({
    seed: opts.seed,
    changes: opts.changes,
    permanentFarmlandPolygons: opts.farmlandPolygons,
    protectionVertices: opts.protectionVertices,
    // PostGIS's ST_Intersection rejects invalid input and would abort the whole query; both sides get valid pieces.
    invalidGeometries: 0,
  });
  const crs = crsFromEpsg(county.crsEpsg);
  const fgbCrs = { org: 'EPSG', code: crs.epsg, name: crs.name, wkt: crsWkt(crs) };
  const spill = (n: number) => (n > SPILL_ABOVE ? root : undefined);

  const changesPath = join(root, `DLTBGXGC-${county.countyCode}-${county.surveyYear}.fgb`);
  await writeLayer(changesPath, county.changes(), {
    name: 'DLTBGXGC',
    title: `地类图斑更新过程层 ${county.countyCode} ${county.countyName} ${county.surveyYear}`,
    crs: fgbCrs,
    columns: columnsOf(county.changeFields),
    geometryType: 'MultiPolygon',
    spillDir: spill(opts.changes),
  });

  const layers: DatasetLayer[] = [];
  const registry: { id: string; kind: string; title: string; path: string }[] = [];
  for (const layer of county.layers) {
    const path = join(root, 'layers', layer.fileName);
    const features = await writeLayer(path, layer.features(), {
      name: layer.id,
      title: layer.title,
      crs: fgbCrs,
      columns: columnsOf(layer.fields),
      geometryType: 'MultiPolygon',
      spillDir: spill(opts.farmlandPolygons),
    });
    if (features === 0) {
      await rm(path, { force: true });
      continue;
    }
    layers.push({ id: layer.id, kind: layer.kind, path, features });
    registry.push({ id: layer.id, kind: layer.kind, title: layer.title, path: `layers/${layer.fileName}`, ...(layer.attributeFields ? { fields: layer.attributeFields } : {}) });
  }
  const layersPath = join(root, 'layers.json');
  await writeFile(layersPath, JSON.stringify({ layers: registry }, null, 2));

  const files = [changesPath, ...layers.map((l) => l.path)];
  let bytes = 0;
  const digest = createHash('sha256');
  for (const file of files) {
    const { sha256, size } = await fileDigest(file);
    bytes += size;
    digest.update(`${sha256}\n`);
  }
  return { options: opts, codeSha256, changesPath, layersPath, layers, crsEpsg: county.crsEpsg, bytes, sha256: digest.digest('hex'), generateSeconds: 0 };
}

/** Writes one layer (skipped when it has no features); returns the feature count. */
async function writeLayer(path: string, features: Iterable<GeneratedFeature>, options: ConstructorParameters<typeof FgbWriter>[0]): Promise<number> {
  let writer: FgbWriter | undefined;
  for (const f of features) {
    writer ??= new FgbWriter(options);
    writer.add(f.geometry, f.properties);
  }
  if (!writer) return 0;
  await writer.finishToFile(path);
  return writer.count;
}

/** The generator's declared schema as FlatGeobuf columns ('int' is stored as 64-bit: no overflow to think about). */
function columnsOf(fields: readonly Pick<LayerField, 'name' | 'type' | 'title'>[]): FgbColumn[] {
  return fields.map((f) => ({ name: f.name, type: f.type === 'int' ? 'long' : f.type, title: f.title, nullable: true }));
}

async function fileDigest(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}
