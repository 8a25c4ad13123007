// Checks of a Shapefile set that GDAL would let pass or only warn about: the companions a change layer cannot do
// without, the record counts of .dbf and .shx, and the attribute encoding (docs/FORMATS.md).

/** Reads the first `bytes` bytes of a companion file (from a folder or from a zip). */
export type HeadReader = (name: string, bytes: number) => Promise<Buffer>;

/** The files of one set, by extension (lower case), as named in the folder or zip. */
export type ShapefileCompanions = Partial<Record<'shp' | 'shx' | 'dbf' | 'prj' | 'cpg', string>>;

/** What the set check found. */
export interface ShapefileSetCheck {
  reasons: string[];
  /** GDAL open options: the attribute encoding. */
  openOptions: string[];
  /** The encoding the attributes are read in, e.g. 'GBK'. */
  encoding: string;
}

/** Encoding of a .dbf that comes without .cpg: national deliveries are GBK. */
export const DEFAULT_DBF_ENCODING = 'GBK';

/** `shp` is how the set is named in messages. */
export async function checkShapefileSet(shp: string, files: ShapefileCompanions, head: HeadReader): Promise<ShapefileSetCheck> {
  const reasons: string[] = [];
  if (files.dbf === undefined) reasons.push(`${shp}: the .dbf (attribute table) of this Shapefile is missing; the land-use codes are in it`);
  if (files.shx === undefined) reasons.push(`${shp}: the .shx (shape index) of this Shapefile is missing`);
  if (files.dbf !== undefined && files.shx !== undefined) {
    const [dbf, shx] = await Promise.all([head(files.dbf, 32), head(files.shx, 100)]);
    const records = dbfRecordCount(dbf);
    const shapes = shxShapeCount(shx);
    if (records === undefined) reasons.push(`${files.dbf}: not a dBASE file (header shorter than 32 bytes)`);
    if (shapes === undefined) reasons.push(`${files.shx}: not a Shapefile index (bad header)`);
    if (records !== undefined && shapes !== undefined && records !== shapes) {
      reasons.push(`${files.dbf}: ${records} attribute records but ${files.shx} indexes ${shapes} shapes; the set is incomplete or mixed`);
    }
  }
  let encoding = DEFAULT_DBF_ENCODING;
  if (files.cpg !== undefined) {
    const declared = (await head(files.cpg, 64)).toString('latin1').trim();
    if (declared !== '') encoding = gdalEncodingName(declared);
  }
  return { reasons, openOptions: [`ENCODING=${encoding}`], encoding };
}

/** Records in a dBASE header: uint32 LE at byte 4. */
export function dbfRecordCount(header: Buffer): number | undefined {
  return header.length >= 32 ? header.readUInt32LE(4) : undefined;
}

/** Shapes indexed by a .shx: file length (16-bit words, int32 BE at byte 24), 100-byte header, 8 bytes per shape. */
export function shxShapeCount(header: Buffer): number | undefined {
  if (header.length < 100 || header.readInt32BE(0) !== 9994) return undefined;
  const bytes = header.readInt32BE(24) * 2;
  return bytes >= 100 && (bytes - 100) % 8 === 0 ? (bytes - 100) / 8 : undefined;
}

/** A .cpg value as GDAL names the encoding: '936' → 'CP936', 'utf8' → 'UTF-8'; names such as GBK pass through. */
export function gdalEncodingName(cpg: string): string {
  const value = cpg.trim();
  if (/^\d+$/.test(value)) return `CP${value}`;
  if (/^utf-?8$/i.test(value)) return 'UTF-8';
  const ansi = /^(?:ANSI|OEM)\s*(\d+)$/i.exec(value);
  if (ansi) return `CP${ansi[1]}`;
  return value.toUpperCase();
}
