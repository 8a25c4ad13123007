// zipContents on central-directory entries as a zip declares them (the limits are checked before anything is read).
import { describe, expect, it } from 'vitest';
import { zipContents } from '../src/zip-contents.ts';

const entry = (name: string, compressedSize: number, uncompressedSize: number) => ({ name, compressedSize, uncompressedSize, directory: name.endsWith('/') });

describe('zipContents', () => {
  it('rejects a zip declaring more than 8 GiB uncompressed, even at a plausible ratio', () => {
    const entries = [entry('DLTBGXGC.shp', 2 * 1024 ** 3, 4 * 1024 ** 3), entry('DLTBGXGC.dbf', 2 * 1024 ** 3, 5 * 1024 ** 3), entry('DLTBGXGC.shx', 10, 100)];
    expect(zipContents('u.zip', entries)).toEqual({
      reasons: [`u.zip: declares ${9 * 1024 ** 3 + 100} bytes uncompressed, more than the limit of ${8 * 1024 ** 3}; the zip is not expanded`],
    });
  });

  it('finds the one .gdb folder at any depth and ignores __MACOSX', () => {
    const entries = [entry('delivery/', 0, 0), entry('delivery/431102.gdb/', 0, 0), entry('delivery/431102.gdb/a00000001.gdbtable', 100, 300), entry('__MACOSX/x.shp', 1, 1)];
    expect(zipContents('u.zip', entries)).toEqual({ reasons: [], candidate: { kind: 'gdb', path: 'delivery/431102.gdb' } });
  });

  it('takes a Shapefile set with companions in any case', () => {
    const entries = [entry('set/DLTBGXGC.SHP', 10, 20), entry('set/dltbgxgc.dbf', 10, 20), entry('set/DLTBGXGC.shx', 1, 2), entry('set/DLTBGXGC.cpg', 1, 3)];
    expect(zipContents('u.zip', entries)).toEqual({
      reasons: [],
      candidate: { kind: 'shp', path: 'set/DLTBGXGC.SHP', files: { shp: 'set/DLTBGXGC.SHP', dbf: 'set/dltbgxgc.dbf', shx: 'set/DLTBGXGC.shx', cpg: 'set/DLTBGXGC.cpg' } },
    });
  });

  it('a zip holding only a GeoPackage is not a Shapefile or .gdb delivery', () => {
    expect(zipContents('u.zip', [entry('county.gpkg', 10, 20)])).toEqual({ reasons: ['u.zip: holds no Shapefile set (.shp) and no File Geodatabase folder (.gdb)'] });
  });
});
