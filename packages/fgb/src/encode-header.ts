// Encodes the header flatbuffer (size-prefixed) with flatgeobuf's generated encoders.
import type { Bbox } from '@landwatch/core';
import { Builder } from 'flatbuffers';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { STORAGE_TYPE } from './column-kind.ts';
import type { FgbColumn, FgbCrs } from './header.ts';

export interface HeaderFields {
  name: string;
  title?: string;
  description?: string;
  /** FlatGeobuf geometry type code. */
  geometryType: number;
  columns: FgbColumn[];
  crs: FgbCrs;
  featuresCount: number;
  /** 0 = no index. */
  indexNodeSize: number;
  envelope: Bbox | null;
}

export function encodeHeader(fields: HeaderFields): Uint8Array {
  const b = new Builder(4096);
  const optionalString = (s: string | undefined): number => (s ? b.createString(s) : 0);
  const columnOffsets = fields.columns.map((c) => {
    const name = b.createString(c.name);
    const title = optionalString(c.title);
    Column.startColumn(b);
    Column.addName(b, name);
    Column.addType(b, STORAGE_TYPE[c.type]);
    if (title) Column.addTitle(b, title);
    if (c.width !== undefined) Column.addWidth(b, c.width);
    if (c.precision !== undefined) Column.addPrecision(b, c.precision);
    if (c.scale !== undefined) Column.addScale(b, c.scale);
    Column.addNullable(b, c.nullable ?? true);
    return Column.endColumn(b);
  });
  const columns = columnOffsets.length > 0 ? Header.createColumnsVector(b, columnOffsets) : 0;
  const crs = (() => {
    const org = b.createString(fields.crs.org ?? 'EPSG');
    const name = optionalString(fields.crs.name);
    const description = optionalString(fields.crs.description);
    const wkt = optionalString(fields.crs.wkt);
    Crs.startCrs(b);
    Crs.addOrg(b, org);
    Crs.addCode(b, fields.crs.code);
    if (name) Crs.addName(b, name);
    if (description) Crs.addDescription(b, description);
    if (wkt) Crs.addWkt(b, wkt);
    return Crs.endCrs(b);
  })();
  const name = b.createString(fields.name);
  const title = optionalString(fields.title);
  const description = optionalString(fields.description);
  const e = fields.envelope;
  const envelope = e ? Header.createEnvelopeVector(b, [e.minX, e.minY, e.maxX, e.maxY]) : 0;
  Header.startHeader(b);
  Header.addName(b, name);
  if (envelope) Header.addEnvelope(b, envelope);
  Header.addGeometryType(b, fields.geometryType);
  if (columns) Header.addColumns(b, columns);
  Header.addFeaturesCount(b, BigInt(fields.featuresCount));
  // Written explicitly even when it equals the schema default (16), so no reader has to rely on defaults.
  b.forceDefaults(true);
  Header.addIndexNodeSize(b, fields.indexNodeSize);
  b.forceDefaults(false);
  Header.addCrs(b, crs);
  if (title) Header.addTitle(b, title);
  if (description) Header.addDescription(b, description);
  b.finishSizePrefixed(Header.endHeader(b));
  return b.asUint8Array().slice();
}
