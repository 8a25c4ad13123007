// Bad deliveries: each is rejected with its reason naming the file, before anything is written.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedInputError } from '@landwatch/core';
import { convertToFlatGeobuf } from '@landwatch/formats';
import { ogr2ogr } from '../../../test/support/gdal.ts';
import { makeDeliveries, removeDir, type Deliveries } from './support/deliveries.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lw-formats-bad-'));
let county: Deliveries;

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 120, 5);
});
afterAll(() => removeDir(work));

const LOCAL_HEADER = { signature: Buffer.from([0x50, 0x4b, 0x03, 0x04]), nameAt: 30 };
const CENTRAL_HEADER = { signature: Buffer.from([0x50, 0x4b, 0x01, 0x02]), nameAt: 46 };

/** The county's Shapefile zip with the .shx entry's local or central header patched, written as `<name>.zip`. */
function zipWithEntryPatched(name: string, header: typeof LOCAL_HEADER, patch: (bytes: Buffer, at: number) => void): { zip: string; bytes: Buffer; at: number } {
  const bytes = readFileSync(county.shpZip);
  const entry = Buffer.from('shp/DLTBGXGC.shx');
  let at = bytes.indexOf(header.signature);
  while (at >= 0 && !bytes.subarray(at + header.nameAt, at + header.nameAt + entry.length).equals(entry)) at = bytes.indexOf(header.signature, at + 4);
  patch(bytes, at);
  const zip = join(work, `${name}.zip`);
  writeFileSync(zip, bytes);
  return { zip, bytes, at };
}

/** Converts and returns the rejection's reasons; asserts that nothing was written. */
async function reject(input: string, layer?: string): Promise<string[]> {
  const tmpDir = mkdtempSync(join(work, 'tmp-'));
  const outPath = join(work, `out-${Math.random().toString(36).slice(2)}.fgb`);
  const error = await convertToFlatGeobuf(input, { outPath, tmpDir, layer }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(RejectedInputError);
  expect(existsSync(outPath)).toBe(false);
  expect(readdirSync(tmpDir)).toEqual([]);
  return (error as RejectedInputError).reasons;
}

describe('hostile deliveries are rejected, nothing written', () => {
  it('a zip bomb (100 MB of zeros in 100 kB) is never expanded', async () => {
    const zip = join(FIXTURES, 'zip-bomb.zip');
    const reasons = await reject(zip);
    expect(reasons).toEqual([
      `${zip}: entries compressed more than 200 : 1 (DLTBGXGC.dbf 101773 → 104857600 bytes), as in a zip bomb; the zip is not expanded`,
    ]);
  });

  it('a zip whose entries climb out of the archive (../) is not read', async () => {
    const zip = join(FIXTURES, 'path-traversal.zip');
    expect(await reject(zip)).toEqual([
      `${zip}: entries whose names leave the archive ("../DLTBGXGC.shp", "../DLTBGXGC.shx", "../../etc/DLTBGXGC.dbf"); the zip is not read`,
    ]);
  });

  it('a zip with two candidate layer sources (a Shapefile set and a .gdb) names both', async () => {
    const dir = join(work, 'two');
    mkdirSync(dir);
    const zip = join(dir, 'two.zip');
    execFileSync('zip', ['-q', '-r', zip, 'shp', 'county.gdb'], { cwd: county.dir });
    expect(await reject(zip)).toEqual([
      `${zip}: holds 2 candidate layer sources (shp/DLTBGXGC.shp, county.gdb); a zip must hold exactly one Shapefile set or one .gdb folder`,
    ]);
  });

  it('a .shp without its .dbf', async () => {
    const dir = join(work, 'nodbf');
    mkdirSync(dir);
    for (const ext of ['shp', 'shx', 'prj', 'cpg']) copyFileSync(join(county.dir, 'shp', `DLTBGXGC.${ext}`), join(dir, `DLTBGXGC.${ext}`));
    const shp = join(dir, 'DLTBGXGC.shp');
    expect(await reject(shp)).toEqual([`${shp}: the .dbf (attribute table) of this Shapefile is missing; the land-use codes are in it`]);
  });

  it('a .dbf whose record count disagrees with the .shp', async () => {
    const dir = join(work, 'mixed');
    mkdirSync(dir);
    ogr2ogr(['-f', 'ESRI Shapefile', join(dir, 'DLTBGXGC.shp'), county.fgb, '-nln', 'DLTBGXGC', '-lco', 'ENCODING=GBK', '-limit', '100']);
    // the .dbf of the full layer (120 records) beside the .shp/.shx of its first 100 shapes
    copyFileSync(join(county.dir, 'shp', 'DLTBGXGC.dbf'), join(dir, 'DLTBGXGC.dbf'));
    const shp = join(dir, 'DLTBGXGC.shp');
    expect(await reject(shp)).toEqual([
      `${join(dir, 'DLTBGXGC.dbf')}: 120 attribute records but ${join(dir, 'DLTBGXGC.shx')} indexes 100 shapes; the set is incomplete or mixed`,
    ]);
  });

  it('a File Geodatabase whose feature table is cut short', async () => {
    const gdb = join(work, 'corrupt.gdb');
    execFileSync('cp', ['-r', county.gdb, gdb]);
    const table = readdirSync(gdb)
      .filter((f) => f.endsWith('.gdbtable'))
      .map((f) => join(gdb, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
    truncateSync(table, Math.floor(statSync(table).size / 2));
    expect(await reject(gdb)).toEqual([
      `${gdb}: layer DLTBGXGC: reading stopped before the end of the layer; the file is damaged or incomplete`,
    ]);
  });

  it('zip-local-name-length-inflated: an entry header whose name runs past the end of the zip (found by the fuzzer)', async () => {
    // the .shx entry's local header (read for the shape count): its file-name length (u16 at +26) set to 65535
    const { zip, bytes, at } = zipWithEntryPatched('zip-local-name-length-inflated', LOCAL_HEADER, (b, p) => b.writeUInt16LE(0xffff, p + 26));
    const dataStart = at + 30 + 0xffff + bytes.readUInt16LE(at + 28);
    expect(await reject(zip)).toEqual([
      `${zip}!shp/DLTBGXGC.shx: not a readable zip entry: file data overflows file bounds: ${dataStart} + ${bytes.readUInt32LE(at + 18)} > ${bytes.length}`,
    ]);
  });

  it('zip-stored-dbf-byte-changed: a stored zip whose .dbf changed after zipping (CRC-32 mismatch) is not read', async () => {
    // zip -0: the .dbf's bytes sit in the zip as they are; one byte of a record changed reads as a valid .dbf with
    // another value, which only the CRC-32 the zip recorded can tell
    const stored = join(work, 'county-shp-stored.zip');
    execFileSync('zip', ['-q', '-0', '-r', stored, 'shp'], { cwd: county.dir });
    const bytes = readFileSync(stored);
    const name = Buffer.from('shp/DLTBGXGC.dbf');
    let at = bytes.indexOf(LOCAL_HEADER.signature);
    while (!bytes.subarray(at + LOCAL_HEADER.nameAt, at + LOCAL_HEADER.nameAt + name.length).equals(name)) at = bytes.indexOf(LOCAL_HEADER.signature, at + 4);
    const data = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const recorded = bytes.readUInt32LE(at + 14);
    const where = data + bytes.readUInt16LE(data + 8) + 40; // inside the first record
    bytes[where] ^= 0x01;
    const zip = join(work, 'zip-stored-dbf-byte-changed.zip');
    writeFileSync(zip, bytes);
    const [reason, ...rest] = await reject(zip);
    expect(rest).toEqual([]);
    expect(reason).toMatch(
      new RegExp(`^${zip.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!shp/DLTBGXGC\\.dbf: damaged: its bytes do not match the CRC-32 the zip records \\(0x${recorded.toString(16).padStart(8, '0')}, read 0x[0-9a-f]{8}\\); make the zip again from the original files$`),
    );
    // the same bytes unchanged are read
    bytes[where] ^= 0x01;
    writeFileSync(zip, bytes);
    const outPath = join(work, 'stored-ok.fgb');
    await convertToFlatGeobuf(zip, { outPath, tmpDir: mkdtempSync(join(work, 'tmp-')) });
    expect(existsSync(outPath)).toBe(true);
  });

  it('zip-entry-compression-method-128: an entry whose method no reader knows (found by the fuzzer)', async () => {
    // the .shx entry's compression method in the central directory (u16 at +10) set to 128
    const { zip } = zipWithEntryPatched('zip-entry-compression-method-128', CENTRAL_HEADER, (b, p) => b.writeUInt16LE(128, p + 10));
    expect(await reject(zip)).toEqual([`${zip}!shp/DLTBGXGC.shx: not a readable zip entry: unsupported compression method: 128`]);
  });
});
