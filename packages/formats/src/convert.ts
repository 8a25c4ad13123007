// One delivery (FlatGeobuf, GeoPackage, Shapefile set, File Geodatabase, or a zip of a Shapefile set / .gdb) in,
// one indexed FlatGeobuf out. Everything that can be checked before GDAL reads a byte is checked first (zip limits
// and names, Shapefile companions and counts, layer choice); GDAL then streams the layer into a FlatGeobuf with a
// spatial index, in a private work folder; the file is moved to `outPath` only after it was read back complete.
import { copyFile, mkdtemp, readdir, rename, rm, stat, open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RejectedInputError } from '@landwatch/core';
import { openFileByteSource, readHeader } from '@landwatch/fgb';
import { chooseLayer, type LayerSummary } from './choose-layer.ts';
import { withGdal, type GdalSession } from './gdal.ts';
import { checkShapefileSet, type HeadReader, type ShapefileCompanions } from './shapefile-set.ts';
import { companions, DEFAULT_ZIP_LIMITS, zipContents, type ZipLimits } from './zip-contents.ts';
import { checkZipCrcs, listZip, readZipEntryHead, ZipEntryError } from './zip-listing.ts';

/** Formats a delivery can come in. */
export type DeliveryFormat = 'fgb' | 'gpkg' | 'shp' | 'gdb' | 'zip';

export interface ConvertOptions {
  /** Layer to read (case-insensitive); default: DLTBGXGC, else the only polygon layer. */
  layer?: string;
  /** Where the indexed FlatGeobuf goes. */
  outPath: string;
  /** Work folder for GDAL's output and spool files (a private folder is made inside and removed afterwards). */
  tmpDir: string;
  zipLimits?: ZipLimits;
  /**
   * Write a spatial index (default true). Without it the features keep the source's order, so that feature numbers
   * in a run's messages are those of the delivery; the run then makes its own indexed copy as for any unindexed
   * FlatGeobuf.
   */
  spatialIndex?: boolean;
}

export interface ConvertResult {
  outPath: string;
  format: DeliveryFormat;
  /** Layer read ('' for a FlatGeobuf, which has one). */
  layer: string;
  features: number;
  /** Attribute encoding of a Shapefile (e.g. 'GBK'). */
  encoding?: string;
  /** The output has a spatial index. */
  indexed: boolean;
}

const FGB_MAGIC = Buffer.from([0x66, 0x67, 0x62, 0x03]);

/** The format of a delivery from its name (and, for folders, from being a folder). Undefined: not accepted. */
export async function deliveryFormat(path: string): Promise<DeliveryFormat | undefined> {
  const lower = path.toLowerCase().replace(/[/\\]+$/, '');
  if (lower.endsWith('.gdb')) return 'gdb';
  for (const format of ['fgb', 'gpkg', 'shp', 'zip'] as const) if (lower.endsWith(`.${format}`)) return format;
  return undefined;
}

/** True when `path` must be converted before a run can read it (anything but a FlatGeobuf). */
export async function needsConversion(path: string): Promise<boolean> {
  const format = await deliveryFormat(path);
  return format !== undefined && format !== 'fgb';
}

/** Converts `input` into an indexed FlatGeobuf at `opts.outPath`. Throws RejectedInputError naming the file. */
export async function convertToFlatGeobuf(input: string, opts: ConvertOptions): Promise<ConvertResult> {
  const inputPath = resolve(input);
  const outPath = resolve(opts.outPath);
  const format = await deliveryFormat(inputPath);
  if (format === undefined) {
    throw new RejectedInputError([`${input}: not a delivery format LandWatch reads; accepted: .fgb, .gpkg, .shp (with .shx/.dbf), a .gdb folder, a .zip holding one Shapefile set or one .gdb folder`]);
  }
  try {
    await stat(inputPath);
  } catch (err) {
    throw new RejectedInputError([`${input}: cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  if (format === 'fgb') return passThrough(input, inputPath, outPath);

  const source = await locateSource(input, inputPath, format, opts.zipLimits ?? DEFAULT_ZIP_LIMITS);
  const work = await mkdtemp(join(resolve(opts.tmpDir), 'landwatch-convert-'));
  try {
    const workOut = join(work, 'converted.fgb');
    const spatialIndex = opts.spatialIndex ?? true;
    const { layer, features } = await withGdal((gdal) => translate(gdal, input, source, opts.layer, workOut, spatialIndex));
    await moveInto(workOut, outPath);
    const result: ConvertResult = { outPath, format, layer: layer.name, features, indexed: spatialIndex };
    if (source.encoding !== undefined) result.encoding = source.encoding;
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Where GDAL opens the layer source, with which open options. */
interface LayerSource {
  hostPath: string;
  /** Path inside the zip at hostPath. */
  inner?: string;
  openOptions: string[];
  encoding?: string;
}

async function locateSource(input: string, inputPath: string, format: Exclude<DeliveryFormat, 'fgb'>, limits: ZipLimits): Promise<LayerSource> {
  if (format === 'gpkg' || format === 'gdb') return { hostPath: inputPath, openOptions: [] };
  if (format === 'shp') {
    const folder = dirname(inputPath);
    const found = companions(basename(inputPath), (await readdir(folder)).map((name) => ({ name })));
    // named in messages as the user named the .shp: same folder
    const files: ShapefileCompanions = Object.fromEntries(Object.entries(found).map(([ext, name]) => [ext, join(dirname(input), name)]));
    const set = await checkShapefileSet(input, files, fileHeads(folder));
    if (set.reasons.length > 0) throw new RejectedInputError(set.reasons);
    return { hostPath: inputPath, openOptions: set.openOptions, encoding: set.encoding };
  }
  let entries;
  try {
    entries = await listZip(inputPath);
  } catch (err) {
    throw new RejectedInputError([`${input}: not a readable zip: ${(err as Error).message}`]);
  }
  const contents = zipContents(input, entries, limits);
  if (contents.candidate === undefined) throw new RejectedInputError(contents.reasons);
  const candidate = contents.candidate;
  await checkCandidateCrcs(input, inputPath, candidate.kind === 'gdb' ? entries.filter((e) => e.name.startsWith(`${candidate.path}/`) && !e.directory).map((e) => e.name) : Object.values(candidate.files));
  if (candidate.kind === 'gdb') return { hostPath: inputPath, inner: candidate.path, openOptions: [] };
  const named: ShapefileCompanions = Object.fromEntries(Object.entries(candidate.files).map(([k, v]) => [k, `${input}!${v}`]));
  // the central directory was readable, an entry's own header may not be (a name length past the end of the zip)
  const head: HeadReader = (name, bytes) =>
    readZipEntryHead(inputPath, name.slice(input.length + 1), bytes).catch((err: unknown) => {
      throw new RejectedInputError([`${name}: not a readable zip entry: ${(err as Error).message}`]);
    });
  const set = await checkShapefileSet(`${input}!${candidate.path}`, named, head);
  if (set.reasons.length > 0) throw new RejectedInputError(set.reasons);
  return { hostPath: inputPath, inner: candidate.path, openOptions: set.openOptions, encoding: set.encoding };
}

/** Rejects a zip whose members' bytes no longer match their CRC-32: every damaged member is named. */
async function checkCandidateCrcs(input: string, inputPath: string, members: readonly string[]): Promise<void> {
  let mismatches;
  try {
    mismatches = await checkZipCrcs(inputPath, new Set(members));
  } catch (err) {
    if (err instanceof ZipEntryError) throw new RejectedInputError([`${input}!${err.entry}: not a readable zip entry: ${err.message}`]);
    throw new RejectedInputError([`${input}: not a readable zip: ${(err as Error).message}`]);
  }
  if (mismatches.length === 0) return;
  const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
  throw new RejectedInputError(
    mismatches.map((m) => `${input}!${m.name}: damaged: its bytes do not match the CRC-32 the zip records (${hex(m.recorded)}, read ${hex(m.actual)}); make the zip again from the original files`),
  );
}

function fileHeads(folder: string): HeadReader {
  return async (name, bytes) => {
    const handle = await open(join(folder, basename(name)), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  };
}

async function translate(gdal: GdalSession, input: string, source: LayerSource, requested: string | undefined, workOut: string, spatialIndex: boolean) {
  let dataset;
  try {
    dataset = await gdal.open(source.hostPath, source.openOptions, source.inner);
  } catch (err) {
    throw new RejectedInputError([`${input}: ${(err as Error).message}`]);
  }
  try {
    const layers: LayerSummary[] = (dataset.info?.layers ?? []).map((l) => ({
      name: l.name,
      geometryType: l.geometryFields?.[0]?.type ?? 'None',
      featureCount: l.featureCount,
    }));
    const choice = chooseLayer(input, layers, requested);
    if (!choice.ok) throw new RejectedInputError(choice.reasons);
    const layer = choice.layer;
    const options = ['-f', 'FlatGeobuf', '-lco', `SPATIAL_INDEX=${spatialIndex ? 'YES' : 'NO'}`, '-nlt', 'PROMOTE_TO_MULTI', '-dim', 'XY', '-nln', layer.name, layer.name];
    try {
      await gdal.translate(dataset, options, workOut);
    } catch (err) {
      throw new RejectedInputError([`${input}: layer ${layer.name}: ${(err as Error).message}`]);
    }
    const features = await checkOutput(input, layer, workOut, spatialIndex);
    return { layer, features };
  } finally {
    await gdal.close(dataset);
  }
}

/** Reads the converted file's header back: indexed when asked, and every feature of the source layer arrived. */
async function checkOutput(input: string, layer: LayerSummary, path: string, spatialIndex: boolean): Promise<number> {
  let header;
  const source = await openFileByteSource(path).catch(() => undefined);
  if (source === undefined) throw new RejectedInputError([`${input}: layer ${layer.name}: GDAL wrote no output`]);
  try {
    header = await readHeader(source);
  } catch (err) {
    throw new RejectedInputError([`${input}: layer ${layer.name}: the converted layer is unreadable: ${(err as Error).message}`]);
  } finally {
    await source.close();
  }
  if (layer.featureCount !== undefined && layer.featureCount >= 0 && header.featuresCount !== layer.featureCount) {
    throw new RejectedInputError([
      `${input}: layer ${layer.name}: ${layer.featureCount} features declared, ${header.featuresCount} could be read; the file is damaged`,
    ]);
  }
  if (spatialIndex && header.indexNodeSize === 0 && header.featuresCount > 0) throw new Error(`${input}: GDAL wrote no spatial index`);
  return header.featuresCount;
}

async function passThrough(input: string, inputPath: string, outPath: string): Promise<ConvertResult> {
  const handle = await open(inputPath, 'r');
  const magic = Buffer.alloc(4);
  try {
    await handle.read(magic, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (!magic.subarray(0, 3).equals(FGB_MAGIC.subarray(0, 3))) throw new RejectedInputError([`${input}: not a FlatGeobuf: the magic bytes are missing`]);
  if (inputPath !== outPath) await copyViaTemp(inputPath, outPath);
  const source = await openFileByteSource(outPath);
  try {
    const header = await readHeader(source);
    return { outPath, format: 'fgb', layer: header.name ?? '', features: header.featuresCount, indexed: header.indexNodeSize > 0 };
  } finally {
    await source.close();
  }
}

/** Moves a finished file into place; across file systems by copying to a temp name beside the target first. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyViaTemp(from, to);
  }
}

async function copyViaTemp(from: string, to: string): Promise<void> {
  const temp = `${to}.part-${process.pid}`;
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } finally {
    await rm(temp, { force: true });
  }
}
