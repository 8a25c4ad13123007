// The ingest's side: which keys start a run, which sibling objects a .shp needs, and fetchAndConvertUpload with a
// folder standing in for the uploads bucket (the S3 download itself is the handler's).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedInputError } from '@landwatch/core';
import { openFileByteSource, readHeader } from '@landwatch/fgb';
import { fetchAndConvertUpload, isAcceptedUploadKey, uploadCompanionKeys, type UploadDownloader } from '@landwatch/formats';
import { makeDeliveries, removeDir, type Deliveries } from './support/deliveries.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-formats-upload-'));
const bucket = join(work, 'bucket');
let county: Deliveries;

/** Objects of the fake bucket are files under `bucket`, keyed by their relative path. */
const download: UploadDownloader = async (key, localPath) => {
  if (!existsSync(join(bucket, key))) return false;
  copyFileSync(join(bucket, key), localPath);
  return true;
};

function put(key: string, file: string): void {
  mkdirSync(join(bucket, key, '..'), { recursive: true });
  copyFileSync(file, join(bucket, key));
}

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 60, 4);
  put('changes/2024/county.GDB.ZIP', county.gdbZip);
  put('changes/2024/county.gpkg', county.gpkg);
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) put(`changes/2024/set/DLTBGXGC.${ext}`, join(county.dir, 'shp', `DLTBGXGC.${ext}`));
  for (const ext of ['shp', 'shx']) put(`changes/2024/half/DLTBGXGC.${ext}`, join(county.dir, 'shp', `DLTBGXGC.${ext}`));
});
afterAll(() => removeDir(work));

describe('upload keys', () => {
  it('accepts changes/{year}/… with .fgb, .gpkg, .zip, .shp in any case, nothing else', () => {
    for (const key of ['changes/2024/a.fgb', 'changes/2024/x/y.GPKG', 'changes/2025/county.gdb.zip', 'changes/2024/DLTBGXGC.Shp']) {
      expect(isAcceptedUploadKey(key), key).toBe(true);
    }
    for (const key of ['changes/2024/a.dbf', 'changes/24/a.fgb', 'other/2024/a.fgb', 'changes/2024/a.gdb', 'changes/2024/.fgb.txt']) {
      expect(isAcceptedUploadKey(key), key).toBe(false);
    }
  });

  it('a .shp upload is read with its .shx and .dbf (required) and .prj/.cpg (optional), suffixes in its case', () => {
    expect(uploadCompanionKeys('changes/2024/a/DLTBGXGC.SHP')).toEqual({
      required: ['changes/2024/a/DLTBGXGC.SHX', 'changes/2024/a/DLTBGXGC.DBF'],
      optional: ['changes/2024/a/DLTBGXGC.PRJ', 'changes/2024/a/DLTBGXGC.CPG'],
    });
    expect(uploadCompanionKeys('changes/2024/a.gpkg')).toEqual({ required: [], optional: [] });
  });
});

describe('fetchAndConvertUpload', () => {
  const convert = async (key: string) => {
    const tmpDir = mkdtempSync(join(work, 'tmp-'));
    return fetchAndConvertUpload(key, { tmpDir, download });
  };
  const features = async (path: string) => {
    const source = await openFileByteSource(path);
    try {
      return (await readHeader(source)).featuresCount;
    } finally {
      await source.close();
    }
  };

  it('leaves a .fgb to be read in place', async () => {
    expect(await convert('changes/2024/county.fgb')).toBeUndefined();
  });

  it('converts a zipped .gdb (upper-case suffix), a GeoPackage and a Shapefile set with its siblings', async () => {
    for (const key of ['changes/2024/county.GDB.ZIP', 'changes/2024/county.gpkg', 'changes/2024/set/DLTBGXGC.shp']) {
      const path = await convert(key);
      expect(path, key).toBeDefined();
      expect(await features(path!)).toBe(60);
    }
  });

  it('rejects a .shp whose .dbf is not in the bucket, naming the keys', async () => {
    const error = await convert('changes/2024/half/DLTBGXGC.shp').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectedInputError);
    expect((error as RejectedInputError).reasons).toEqual([
      "changes/2024/half/DLTBGXGC.shp: the Shapefile's changes/2024/half/DLTBGXGC.dbf is not in the bucket; upload the set as one .zip, or upload these before the .shp",
    ]);
  });
});
