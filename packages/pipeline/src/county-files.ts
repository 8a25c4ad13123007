// Renders one county's result files (docs/OUTPUTS.md) as bytes: the FlatGeobuf layers (Hilbert-sorted, indexed, CRS
// with WKT, 中文 column titles) with a QGIS style, the CSV tables, the workbook, summary.json and report.html.
import {
  balanceCsv,
  crsWkt,
  DETECTION_COLUMNS,
  detectionsCsvParts,
  fileValue,
  OVERLAP_COLUMNS,
  reportHtmlParts,
  type ColumnDef,
  type CountyResult,
  type Crs,
  type MultiPolygon,
} from '@landwatch/core';
import { closeSync, mkdirSync, openSync, write } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { FgbWriter, type FgbColumn, type HeldFeatures } from '@landwatch/fgb';
import { detectionsXlsx, writeDetectionsXlsx } from './detections-xlsx.ts';
import { detectionsQml } from './qgis-style.ts';
import { borrowChunkBuffers, CHUNK_BYTES, returnChunkBuffers, utf8Bytes, utf8Chunks } from './utf8-chunks.ts';

export const RESULT_FILES = [
  'detections.fgb',
  'detections.qml',
  'overlaps.fgb',
  'detections.csv',
  'detections.xlsx',
  'balance.csv',
  'summary.json',
  'report.html',
] as const;
export type ResultFile = (typeof RESULT_FILES)[number];

/** The media type each result file is served as. */
export const RESULT_CONTENT_TYPES: Readonly<Record<ResultFile, string>> = {
  'detections.fgb': 'application/octet-stream',
  'detections.qml': 'application/xml; charset=utf-8',
  'detections.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'overlaps.fgb': 'application/octet-stream',
  'detections.csv': 'text/csv; charset=utf-8',
  'balance.csv': 'text/csv; charset=utf-8',
  'summary.json': 'application/json',
  'report.html': 'text/html; charset=utf-8',
};

function fgbColumns(defs: readonly ColumnDef<string>[]): FgbColumn[] {
  return defs.map((c) => ({ name: c.name, type: c.type, title: c.title, nullable: true }));
}

/** A FlatGeobuf layer of result records (Hilbert-sorted, indexed, CRS with WKT, 中文 column titles) as bytes. */
export async function resultLayerBytes(
  name: string,
  title: string | undefined,
  crs: Crs,
  defs: readonly ColumnDef<string>[],
  items: readonly { row: object; geometry: MultiPolygon }[],
): Promise<Uint8Array> {
  return resultLayerWriter(name, title, crs, defs).heldToBytes(heldRecords(defs, items));
}

/**
 * The same layer written to `path`. The records are held anyway, so their features are not stored while they are
 * sorted: each is encoded once, in the file's order, straight into the file (FgbWriter.writeHeldToFile); at a
 * million pieces the detections layer alone is about 700 MB, which went through a spill file before.
 */
export async function writeResultLayer(
  path: string,
  name: string,
  title: string | undefined,
  crs: Crs,
  defs: readonly ColumnDef<string>[],
  items: readonly { row: object; geometry: MultiPolygon }[],
): Promise<void> {
  await resultLayerWriter(name, title, crs, defs).writeHeldToFile(path, heldRecords(defs, items));
}

function resultLayerWriter(name: string, title: string | undefined, crs: Crs, defs: readonly ColumnDef<string>[]): FgbWriter {
  return new FgbWriter({
    name,
    title,
    crs: { org: 'EPSG', code: crs.epsg, name: crs.name, wkt: crsWkt(crs) },
    columns: fgbColumns(defs),
    geometryType: 'MultiPolygon',
  });
}

/** Result records as the writer's held features: the values in column order, into the writer's one refilled array
 * (a record object per feature, 50 properties added one by one, was 2.7 s of a million-piece county's write stage). */
function heldRecords(defs: readonly ColumnDef<string>[], items: readonly { row: object; geometry: MultiPolygon }[]): HeldFeatures {
  const names = defs.map((c) => c.name);
  return {
    count: items.length,
    geometry: (i) => items[i]!.geometry,
    values: (i, into) => {
      const row = items[i]!.row as Record<string, unknown>;
      for (let c = 0; c < names.length; c++) into[c] = fileValue(row[names[c]!]);
    },
  };
}

/** Canonical JSON (2-space indent, keys in insertion order, which our builders keep fixed). */
export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

/**
 * Above this many detections the result layers, the CSV, the workbook and the report are written to files in
 * `fileDir` as they are made, instead of as bytes in memory: at a million pieces they are 700, 470, 435, 152 and
 * 449 MB, each held twice (its parts, then the joined bytes) while the county's result is live (earlier 1 M runs ran
 * out of V8's heap in the workbook). At 100 000 pieces the detections layer in memory (70 MB, and its features while
 * they were sorted) made the run's peak.
 */
export const FILE_ABOVE = 10_000;

/** Whether a county's large files (result files and task files) are written through files rather than as bytes. */
export function throughFiles(result: CountyResult, fileAbove = FILE_ABOVE): boolean {
  return result.detections.length > fileAbove;
}

/** Where a county's file `name` (a result file, or a task file named with its folder) is made in `fileDir`, which is
 * created if need be. */
export function countyFilePath(fileDir: string, countyCode: string, name: string): string {
  mkdirSync(fileDir, { recursive: true });
  return join(fileDir, `${countyCode}-${name.replace(/\//g, '-')}`);
}

/**
 * Text that comes in parts, written to `path` as UTF-8 (the same bytes as utf8Bytes), through two refilled buffers
 * that take turns: one is written (by the thread pool) while the next is filled. Waiting for each write before
 * filling the next chunk left the main thread idle for 213 ms of the 20 000-piece county's 1.5 s write stage (CPU
 * profile), most of it here and in the layers' writes.
 */
export async function writeTextFile(path: string, parts: Iterable<string>): Promise<void> {
  // opened and closed synchronously: each call through the thread pool costs a wake-up of the main thread, and a
  // county writes two task files per township this way; only the writes, which take time, go through the pool
  const fd = openSync(path, 'w');
  // the buffers of the file written before this one (utf8-chunks.ts says why)
  const ring = borrowChunkBuffers(2);
  let writing: Promise<void> | undefined;
  try {
    let position = 0;
    for (const chunk of utf8Chunks(parts, { ring })) {
      // the chunk before this one is written before its buffer is filled again (when the chunk after this is asked for)
      await writing;
      writing = writeAllAt(fd, chunk, position);
      position += chunk.length;
    }
    await writing;
  } finally {
    // a failed write is the error; the other one's is dropped once both are done
    await writing?.catch(() => undefined);
    closeSync(fd);
    returnChunkBuffers(ring);
  }
}

const writeAt = promisify(write);

/** All of `bytes` at `position` of the file (a write may take fewer bytes than it is given). */
async function writeAllAt(fd: number, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await writeAt(fd, bytes, done, bytes.length - done, position + done)).bytesWritten;
}

/** Chunks gathered to about this many bytes before each write (the size of a chunk buffer): the zip behind the
 * workbook hands over many small ones, and a write per chunk cost 10 s of the 1 M-piece workbook (a CPU profile). */
const WRITE_BYTES = CHUNK_BYTES;

/** Writes to `path` the chunks `produce` hands to its `write`, in order (each awaited before the next): the workbook's
 * zip. */
export async function writeChunks(path: string, produce: (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  // opened and closed synchronously, as writeTextFile
  const fd = openSync(path, 'w');
  // the chunks are gathered in a borrowed buffer, not joined into a new one for each write (utf8-chunks.ts says why)
  const [gathered] = borrowChunkBuffers(1) as [Buffer];
  try {
    let bytes = 0;
    let position = 0;
    const flush = async () => {
      if (bytes > 0) await writeAllAt(fd, gathered.subarray(0, bytes), position);
      position += bytes;
      bytes = 0;
    };
    await produce(async (chunk) => {
      if (bytes + chunk.length > WRITE_BYTES) await flush();
      if (chunk.length > WRITE_BYTES) {
        // a chunk larger than the buffer is written as it is
        await writeAllAt(fd, chunk, position);
        position += chunk.length;
        return;
      }
      gathered.set(chunk, bytes);
      bytes += chunk.length;
    });
    await flush();
  } finally {
    closeSync(fd);
    returnChunkBuffers([gathered]);
  }
}

/** A result file as bytes, or as a finished file at `path` that the caller moves or uploads. */
export type CountyFile = { name: ResultFile; bytes: Uint8Array; path?: undefined } | { name: ResultFile; path: string; bytes?: undefined };

/**
 * The county's result files one at a time, in RESULT_FILES order. A caller that stores each file before asking for
 * the next holds one file's bytes at a time instead of all of them (at a million pieces the files together are
 * gigabytes). With `fileDir`, every file but the small ones (style, balance, summary) of a county of more than
 * `fileAbove` detections comes as a file made there.
 */
export async function* countyFiles(result: CountyResult, crs: Crs, fileDir?: string, fileAbove = FILE_ABOVE): AsyncIterable<CountyFile> {
  const enc = new TextEncoder();
  const county = `${result.countyCode} ${result.countyName}`.trim();
  const asFile = fileDir !== undefined && throughFiles(result, fileAbove);
  /** A result file: as bytes, or for a large county as a file in fileDir written while it is made. */
  const made = async (file: ResultFile, bytes: () => Uint8Array | Promise<Uint8Array>, write: (path: string) => Promise<void>): Promise<CountyFile> => {
    if (!asFile) return { name: file, bytes: await bytes() };
    const path = countyFilePath(fileDir, result.countyCode, file);
    await write(path);
    return { name: file, path };
  };
  const layer = (file: ResultFile, name: string, title: string, defs: readonly ColumnDef<string>[], items: readonly { row: object; geometry: MultiPolygon }[]) =>
    made(file, () => resultLayerBytes(name, title, crs, defs, items), (path) => writeResultLayer(path, name, title, crs, defs, items));
  const render: Record<ResultFile, () => Promise<CountyFile>> = {
    'detections.fgb': () => layer('detections.fgb', 'detections', `耕地变化监测图斑 ${county}`, DETECTION_COLUMNS, result.detections),
    'detections.qml': async () => ({ name: 'detections.qml', bytes: enc.encode(detectionsQml()) }),
    'overlaps.fgb': () => layer('overlaps.fgb', 'overlaps', `监测图斑与保护图层叠加 ${county}`, OVERLAP_COLUMNS, result.overlaps),
    'detections.csv': () =>
      made('detections.csv', () => utf8Bytes(detectionsCsvParts(result.detections)), (path) => writeTextFile(path, detectionsCsvParts(result.detections))),
    'detections.xlsx': () =>
      made('detections.xlsx', () => detectionsXlsx(result), (path) => writeChunks(path, (write) => writeDetectionsXlsx(result, write))),
    'balance.csv': async () => ({ name: 'balance.csv', bytes: enc.encode(balanceCsv(result)) }),
    'summary.json': async () => ({ name: 'summary.json', bytes: jsonBytes(result.summary) }),
    'report.html': () => made('report.html', () => utf8Bytes(reportHtmlParts(result, crs)), (path) => writeTextFile(path, reportHtmlParts(result, crs))),
  };
  for (const name of RESULT_FILES) yield await render[name]();
}

/** Every result file of the county at once (for callers that want them together; finalize stores them one by one). */
export async function renderCountyFiles(result: CountyResult, crs: Crs): Promise<Map<ResultFile, Uint8Array>> {
  const files = new Map<ResultFile, Uint8Array>();
  for await (const f of countyFiles(result, crs)) files.set(f.name, f.bytes!);
  return files;
}
